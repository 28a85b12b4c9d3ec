package app

import (
	"image"
	"image/color"
	"image/draw"
	"strings"
	"testing"

	"rsc.io/qr"
)

// A code drawn by the wallet's own encoder, on a larger grey canvas as a
// camera frame would hold it, reads back; noise does not.
func TestDecodeQR(t *testing.T) {
	text := "openid-credential-offer://?credential_offer_uri=" + strings.Repeat("http%3A%2F%2Flocalhost%3A8080%2Foid4vci%2Foffer%2Fx", 3)
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		t.Fatal(err)
	}
	c.Scale = 4
	code := c.Image()
	frame := image.NewRGBA(image.Rect(0, 0, 640, 480))
	draw.Draw(frame, frame.Bounds(), image.NewUniform(color.Gray{Y: 180}), image.Point{}, draw.Src)
	off := image.Pt(100, 40)
	draw.Draw(frame, code.Bounds().Add(off), code, code.Bounds().Min, draw.Src)
	got, err := decodeQR(frame.Pix, 640, 480)
	if err != nil || got != text {
		t.Fatalf("decoded %q, %v", got, err)
	}
	blank := image.NewRGBA(image.Rect(0, 0, 64, 64))
	if _, err := decodeQR(blank.Pix, 64, 64); err != errNoQR {
		t.Errorf("a blank image: %v", err)
	}
	if _, err := decodeQR(make([]byte, 10), 64, 64); err == nil {
		t.Error("a short buffer was accepted")
	}
	if _, err := decodeQR(nil, 4000, 4000); err == nil {
		t.Error("an oversized image was accepted")
	}
}
