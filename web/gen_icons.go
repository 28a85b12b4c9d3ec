//go:build ignore

// gen_icons draws web/icon-192.png and web/icon-512.png, the raster twins of
// web/icon.svg (same shapes, same 512-unit coordinates), with the standard
// library only. Run from the repository root:
//
//	go run web/gen_icons.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
	"strconv"
)

type pt struct{ x, y float64 }

var (
	navy = color.NRGBA{0x14, 0x20, 0x6b, 0xff}
	cyan = color.NRGBA{0x46, 0xda, 0xff, 0xff}
)

// shield is the SVG path "M256 96 L384 144 V256 C384 336 328 392 256 420
// C184 392 128 336 128 256 V144 Z", with its curves flattened.
func shield() []pt {
	p := []pt{{256, 96}, {384, 144}, {384, 256}}
	p = append(p, cubic(pt{384, 256}, pt{384, 336}, pt{328, 392}, pt{256, 420})...)
	p = append(p, cubic(pt{256, 420}, pt{184, 392}, pt{128, 336}, pt{128, 256})...)
	return append(p, pt{128, 144})
}

func cubic(a, b, c, d pt) []pt {
	var out []pt
	for i := 1; i <= 32; i++ {
		t := float64(i) / 32
		u := 1 - t
		out = append(out, pt{
			u*u*u*a.x + 3*u*u*t*b.x + 3*u*t*t*c.x + t*t*t*d.x,
			u*u*u*a.y + 3*u*u*t*b.y + 3*u*t*t*c.y + t*t*t*d.y,
		})
	}
	return out
}

func inPolygon(p pt, poly []pt) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
	}
	return in
}

func inRoundRect(p pt, size, r float64) bool {
	cx := math.Max(r, math.Min(size-r, p.x))
	cy := math.Max(r, math.Min(size-r, p.y))
	return p.x >= 0 && p.y >= 0 && p.x <= size && p.y <= size && math.Hypot(p.x-cx, p.y-cy) <= r
}

func nearPolyline(p pt, line []pt, halfWidth float64) bool {
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		dx, dy := b.x-a.x, b.y-a.y
		t := math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/(dx*dx+dy*dy)))
		if math.Hypot(p.x-(a.x+t*dx), p.y-(a.y+t*dy)) <= halfWidth {
			return true
		}
	}
	return false
}

// sample returns the colour of the icon at p (512-unit space), or a
// transparent colour outside it.
func sample(p pt, sh []pt) color.NRGBA {
	switch {
	case !inRoundRect(p, 512, 112):
		return color.NRGBA{}
	case nearPolyline(p, []pt{{196, 262}, {240, 306}, {320, 214}}, 18):
		return navy
	case inPolygon(p, sh):
		return cyan
	}
	return navy
}

func draw(size int) *image.NRGBA {
	const ss = 4 // supersampling per axis
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	sh := shield()
	scale := 512 / float64(size)
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					c := sample(pt{(float64(x) + (float64(sx)+0.5)/ss) * scale, (float64(y) + (float64(sy)+0.5)/ss) * scale}, sh)
					w := float64(c.A) / 255
					r, g, b, a = r+float64(c.R)*w, g+float64(c.G)*w, b+float64(c.B)*w, a+w
				}
			}
			if a > 0 {
				img.SetNRGBA(x, y, color.NRGBA{uint8(r/a + 0.5), uint8(g/a + 0.5), uint8(b/a + 0.5), uint8(a/(ss*ss)*255 + 0.5)})
			}
		}
	}
	return img
}

func main() {
	for _, size := range []int{192, 512} {
		f, err := os.Create("web/icon-" + strconv.Itoa(size) + ".png")
		if err != nil {
			log.Fatal(err)
		}
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(f, draw(size)); err != nil {
			log.Fatal(err)
		}
		if err := f.Close(); err != nil {
			log.Fatal(err)
		}
	}
}
