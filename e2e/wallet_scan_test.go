package e2e

import (
	"bufio"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"rsc.io/qr"
)

// TestWalletScan: the Add page reads a credential offer from a QR code —
// through the camera (Chromium's fake capture device playing a video of
// the portal's offer code; this Chromium has no BarcodeDetector, so the
// wallet loads its jsQR fallback) and from a picture — and opens it; a
// picture without a code says so.
func TestWalletScan(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist, "-addr", "localhost:0", "-data", t.TempDir())

	// Two offers from the portal, by reference (short enough for a small
	// code); the camera shows the first, a picture the second.
	camOffer, picOffer := scanOffer(t, srv.url), scanOffer(t, srv.url)
	dir := t.TempDir()
	video := filepath.Join(dir, "offer.y4m")
	writeQRVideo(t, video, camOffer)
	picture := filepath.Join(dir, "offer.png")
	writeQRPicture(t, picture, picOffer)
	blank := filepath.Join(dir, "blank.png")
	writeBlankPicture(t, blank)

	ctx := newBrowserWith(t, 2*time.Minute,
		chromedp.Flag("use-fake-device-for-media-stream", true),
		chromedp.Flag("use-fake-ui-for-media-stream", true),
		chromedp.Flag("use-file-for-fake-video-capture", video),
	)

	run(t, ctx, "open wallet", chromedp.Navigate(srv.url+"/"))
	waitBoot(t, ctx)
	waitFor(t, ctx, "first-run screen", `!!document.getElementById("create-pass")`)
	setValue(t, ctx, "#create-pass", walletPassphrase)
	setValue(t, ctx, "#create-confirm", walletPassphrase)
	run(t, ctx, "create", chromedp.Click("#create-button", chromedp.ByID))
	waitFor(t, ctx, "empty wallet", `!!document.getElementById("wallet-empty")`)

	// The camera.
	run(t, ctx, "add", chromedp.Click("#wallet-import", chromedp.ByID))
	waitFor(t, ctx, "add page", `!!document.getElementById("import-scan")`)
	run(t, ctx, "scan", chromedp.Click("#import-scan", chromedp.ByID))
	waitFor(t, ctx, "camera view", `!!document.getElementById("scan-video")`)
	waitForLong(t, ctx, "offer read through the camera", `(document.getElementById("offer-issuer")||{}).textContent?.length > 0`, 30*time.Second)
	if p := evalString(t, ctx, `location.pathname`); p != "/receive" {
		t.Errorf("the scanned offer opened %s", p)
	}
	var live int
	evalJSON(t, ctx, `document.querySelectorAll("video").length`, &live)
	if live != 0 {
		t.Error("the camera view stayed after the code was read")
	}

	// A picture.
	run(t, ctx, "add again", chromedp.Navigate(srv.url+"/import"))
	waitBoot(t, ctx)
	unlock(t, ctx, walletPassphrase)
	waitFor(t, ctx, "add page", `!!document.getElementById("import-qr-file")`)
	run(t, ctx, "picture without a code", chromedp.SetUploadFiles("#import-qr-file", []string{blank}, chromedp.ByID))
	waitFor(t, ctx, "no code found", `(document.getElementById("import-hint")||{}).textContent?.includes("No QR code")`)
	run(t, ctx, "picture", chromedp.SetUploadFiles("#import-qr-file", []string{picture}, chromedp.ByID))
	waitFor(t, ctx, "offer read from the picture", `(document.getElementById("offer-issuer")||{}).textContent?.length > 0`)
}

var refURIRe = regexp.MustCompile(`href="(openid-credential-offer://\?credential_offer_uri=[^"]*)"`)

// scanOffer creates an offer on the portal (as the employer's browser
// would post the form) and returns its by-reference URI.
func scanOffer(t *testing.T, base string) string {
	t.Helper()
	form := url.Values{"givenName": {"Ada"}, "surname": {"Lovelace"}, "roles": {"engineer"}, "config": {"gx-party-vc+sd-jwt"}}
	req, _ := http.NewRequest("POST", base+"/portal/offer", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	res, err := http.DefaultClient.Do(req) // follows the redirect to the offer page
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	m := refURIRe.FindSubmatch(b)
	if res.StatusCode != 200 || m == nil {
		t.Fatalf("offer page %d:\n%s", res.StatusCode, b)
	}
	return html.UnescapeString(string(m[1]))
}

// qrImage draws text as a QR code centred on a w×h light grey frame.
func qrImage(t *testing.T, text string, w, h int) *image.RGBA {
	t.Helper()
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	c.Scale = (h - 40) / (c.Size + 8)
	code := c.Image()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{Y: 200}), image.Point{}, draw.Src)
	cb := code.Bounds()
	off := image.Pt((w-cb.Dx())/2, (h-cb.Dy())/2)
	draw.Draw(img, cb.Add(off), code, cb.Min, draw.Src)
	return img
}

// writeQRVideo writes a few frames of a Y4M (4:2:0) video showing text's
// QR code, for Chromium's fake capture device.
func writeQRVideo(t *testing.T, path, text string) {
	t.Helper()
	const w, h = 640, 480
	img := qrImage(t, text, w, h)
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420jpeg\n", w, h)
	luma := make([]byte, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			luma[y*w+x] = color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
		}
	}
	chroma := make([]byte, w*h/4)
	for i := range chroma {
		chroma[i] = 128
	}
	for i := 0; i < 10; i++ {
		bw.WriteString("FRAME\n")
		bw.Write(luma)
		bw.Write(chroma)
		bw.Write(chroma)
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}

// writeQRPicture writes text's QR code as a PNG photo-sized picture.
func writeQRPicture(t *testing.T, path, text string) {
	t.Helper()
	writePNG(t, path, qrImage(t, text, 800, 600))
}

// writeBlankPicture writes a picture with no code in it.
func writeBlankPicture(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.Gray{Y: 120}), image.Point{}, draw.Src)
	writePNG(t, path, img)
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
