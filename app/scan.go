package app

import (
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// scanner reads a QR code with the device's camera, or from a picture,
// for the Add page: an offer, a presentation request or a credential.
// It uses the browser's BarcodeDetector where there is one (Android,
// macOS, ChromeOS) and elsewhere jsQR (npm jsqr, pinned in
// web/scan/package.json), a script of 57 KiB gzip that the page loads
// from its own origin the first time it is needed — not linked into the
// wasm, where a Go decoder would add half a MiB for every holder. Frames
// and pictures stay in the page; the camera stops as soon as a code is
// read or the holder presses Stop.
type scanner struct {
	stream   app.Value // the camera's MediaStream while scanning
	timer    app.Value
	tick     app.Func
	scanning bool
}

// scanInterval is how often a camera frame is looked at, in ms.
const scanInterval = 300

// start asks for the camera and looks at a frame every scanInterval until
// found is called with a code's text.
func (s *scanner) start(ctx app.Context, found func(ctx app.Context, text string), fail func(ctx app.Context, key string)) {
	md := app.Window().Get("navigator").Get("mediaDevices")
	if !md.Truthy() || !md.Get("getUserMedia").Truthy() {
		fail(ctx, "err.scan.noCamera")
		return
	}
	opts := map[string]any{"audio": false, "video": map[string]any{"facingMode": map[string]any{"ideal": "environment"}}}
	var onStream, onError app.Func
	release := func() { onStream.Release(); onError.Release() }
	onStream = app.FuncOf(func(this app.Value, args []app.Value) any {
		stream := args[0]
		ctx.Dispatch(func(ctx app.Context) {
			s.stream, s.scanning = stream, true
			ctx.Defer(func(ctx app.Context) {
				v := app.Window().GetElementByID("scan-video")
				if !v.Truthy() {
					s.stop()
					return
				}
				v.Set("srcObject", stream)
				v.Call("play")
				s.schedule(ctx, found)
			})
		})
		release()
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { fail(ctx, "err.scan.denied") })
		release()
		return nil
	})
	md.Call("getUserMedia", opts).Call("then", onStream).Call("catch", onError)
}

// schedule looks at the next frame after scanInterval.
func (s *scanner) schedule(ctx app.Context, found func(ctx app.Context, text string)) {
	if s.tick == nil {
		s.tick = app.FuncOf(func(this app.Value, args []app.Value) any {
			ctx.Dispatch(func(ctx app.Context) { s.frame(ctx, found) })
			return nil
		})
	}
	s.timer = app.Window().Call("setTimeout", s.tick, scanInterval)
}

// frame reads one camera frame.
func (s *scanner) frame(ctx app.Context, found func(ctx app.Context, text string)) {
	if !s.scanning {
		return
	}
	v := app.Window().GetElementByID("scan-video")
	if !v.Truthy() || v.Get("videoWidth").Int() == 0 {
		s.schedule(ctx, found)
		return
	}
	readImage(ctx, v, v.Get("videoWidth").Int(), v.Get("videoHeight").Int(), func(ctx app.Context, text string, ok bool) {
		if !s.scanning {
			return
		}
		if ok {
			s.stop()
			found(ctx, text)
			return
		}
		s.schedule(ctx, found)
	})
}

// stop turns the camera off.
func (s *scanner) stop() {
	s.scanning = false
	if s.timer != nil && s.timer.Truthy() {
		app.Window().Call("clearTimeout", s.timer)
	}
	if s.stream != nil && s.stream.Truthy() {
		tracks := s.stream.Call("getTracks")
		for i := 0; i < tracks.Length(); i++ {
			tracks.Index(i).Call("stop")
		}
	}
	s.stream = nil
}

// readPicture reads a QR code from an image file the holder chose.
func readPicture(ctx app.Context, file app.Value, done func(ctx app.Context, text string, ok bool)) {
	var onBitmap, onError app.Func
	release := func() { onBitmap.Release(); onError.Release() }
	onBitmap = app.FuncOf(func(this app.Value, args []app.Value) any {
		bmp := args[0]
		ctx.Dispatch(func(ctx app.Context) {
			readImage(ctx, bmp, bmp.Get("width").Int(), bmp.Get("height").Int(), done)
		})
		release()
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { done(ctx, "", false) })
		release()
		return nil
	})
	app.Window().Call("createImageBitmap", file).Call("then", onBitmap).Call("catch", onError)
}

// maxScanPixels bounds the image a frame or picture is scaled to before
// it is decoded.
const maxScanPixels = 1600 * 1600

// jsQRPath is where make pwa puts the decoder (and the service worker
// caches it with the shell, so scanning works offline).
const jsQRPath = "/web/jsqr.js"

// readImage finds a QR code in an image source (a video, an ImageBitmap)
// of w×h pixels: with BarcodeDetector when the browser has it, else by
// drawing it, scaled to at most maxScanPixels, on a canvas and passing
// the pixels to jsQR.
func readImage(ctx app.Context, src app.Value, w, h int, done func(ctx app.Context, text string, ok bool)) {
	if w <= 0 || h <= 0 {
		done(ctx, "", false)
		return
	}
	if det := barcodeDetector(); det != nil {
		var onCodes, onError app.Func
		release := func() { onCodes.Release(); onError.Release() }
		onCodes = app.FuncOf(func(this app.Value, args []app.Value) any {
			codes := args[0]
			ctx.Dispatch(func(ctx app.Context) {
				if codes.Length() > 0 {
					done(ctx, codes.Index(0).Get("rawValue").String(), true)
					return
				}
				done(ctx, "", false)
			})
			release()
			return nil
		})
		onError = app.FuncOf(func(this app.Value, args []app.Value) any {
			ctx.Dispatch(func(ctx app.Context) { done(ctx, "", false) })
			release()
			return nil
		})
		det.Call("detect", src).Call("then", onCodes).Call("catch", onError)
		return
	}
	for w*h > maxScanPixels {
		w, h = w*3/4, h*3/4
	}
	canvas := app.Window().Get("document").Call("createElement", "canvas")
	canvas.Set("width", w)
	canvas.Set("height", h)
	c2d := canvas.Call("getContext", "2d", map[string]any{"willReadFrequently": true})
	c2d.Call("drawImage", src, 0, 0, w, h)
	data := c2d.Call("getImageData", 0, 0, w, h).Get("data")
	withJSQR(ctx, func(ctx app.Context, jsQR app.Value) {
		if !jsQR.Truthy() {
			done(ctx, "", false)
			return
		}
		res := app.Window().Call("jsQR", data, w, h, map[string]any{"inversionAttempts": "attemptBoth"})
		if !res.Truthy() {
			done(ctx, "", false)
			return
		}
		done(ctx, res.Get("data").String(), true)
	})
}

var (
	detectorOnce sync.Once
	detector     app.Value // the page's one BarcodeDetector, or nil
)

// barcodeDetector returns a BarcodeDetector for QR codes, made once per
// page (the camera asks it every scanInterval), or nil where the browser
// has none.
func barcodeDetector() app.Value {
	detectorOnce.Do(func() {
		if bd := app.Window().Get("BarcodeDetector"); bd.Truthy() {
			detector = bd.New(map[string]any{"formats": []any{"qr_code"}})
		}
	})
	return detector
}

// withJSQR calls f with window.jsQR, loading the script first if needed
// (f gets a falsy value when it cannot be loaded).
func withJSQR(ctx app.Context, f func(ctx app.Context, jsQR app.Value)) {
	if q := app.Window().Get("jsQR"); q.Truthy() {
		f(ctx, q)
		return
	}
	doc := app.Window().Get("document")
	script := doc.Call("createElement", "script")
	var onLoad, onError app.Func
	release := func() { onLoad.Release(); onError.Release() }
	onLoad = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { f(ctx, app.Window().Get("jsQR")) })
		release()
		return nil
	})
	onError = app.FuncOf(func(this app.Value, args []app.Value) any {
		ctx.Dispatch(func(ctx app.Context) { f(ctx, app.Null()) })
		release()
		return nil
	})
	script.Call("addEventListener", "load", onLoad)
	script.Call("addEventListener", "error", onError)
	script.Set("src", jsQRPath)
	doc.Get("head").Call("appendChild", script)
}

// scannedTarget says where a scanned text goes: the page that answers an
// offer or a request, or "" to import it as a credential.
func scannedTarget(text string) string {
	text = strings.TrimSpace(text)
	switch linkKind(text) {
	case "offer":
		return PathReceive + "?" + url.Values{"uri": {text}}.Encode()
	case "request":
		return PathAuthorize + "?" + url.Values{"uri": {text}}.Encode()
	}
	return ""
}
