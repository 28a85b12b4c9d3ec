package app

import (
	"errors"
	"image"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
)

// maxScanPixels bounds an image handed to decodeQR: a camera frame or a
// picture is scaled down to this many pixels before it reaches Go.
const maxScanPixels = 1600 * 1600

var errNoQR = uiErr("err.scan.none")

// decodeQR finds a QR code in an RGBA image (w×h pixels, 4 bytes each, as
// a canvas's getImageData returns) and returns its text. It is the
// fallback for browsers without the BarcodeDetector API (desktop Linux,
// Firefox); the image never leaves the device either way.
func decodeQR(pix []byte, w, h int) (string, error) {
	if w <= 0 || h <= 0 || w*h > maxScanPixels || len(pix) != 4*w*h {
		return "", errors.New("scan: bad image size")
	}
	img := &image.RGBA{Pix: pix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", errNoQR
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
	if err != nil {
		return "", errNoQR
	}
	return res.GetText(), nil
}
