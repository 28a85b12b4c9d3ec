package app

import (
	"encoding/base64"
	"fmt"
	"strings"

	"rsc.io/qr"
)

// qrPartBytes is the most text one QR code of a presentation carries:
// about a version 25 code at error correction level L (117 modules a
// side), which a phone camera still reads off a laptop screen. A longer
// text is split across several numbered codes.
const qrPartBytes = 1000

// qrMaxParts bounds how many codes a text may take; beyond it the page
// offers copy and download only.
const qrMaxParts = 12

// qrCode is one code of a text: its number, the count and an SVG data URL.
type qrCode struct {
	Part, Of int
	SVG      string // data:image/svg+xml;base64,…
}

// qrCodes splits text into as few parts of at most qrPartBytes as it
// needs, of even size (on UTF-8 boundaries), and draws each as an SVG QR
// code. The parts are the text's consecutive slices: joined in order they
// give the text back.
func qrCodes(text string) ([]qrCode, error) {
	n := (len(text) + qrPartBytes - 1) / qrPartBytes
	if n == 0 {
		n = 1
	}
	parts := splitText(text, (len(text)+n-1)/n+3) // +3: room to back off a UTF-8 sequence
	if len(parts) > qrMaxParts {
		return nil, uiErr("err.qrTooMany", len(parts))
	}
	out := make([]qrCode, len(parts))
	for i, p := range parts {
		c, err := qr.Encode(p, qr.L)
		if err != nil {
			return nil, fmt.Errorf("QR code %d: %w", i+1, err)
		}
		out[i] = qrCode{Part: i + 1, Of: len(parts), SVG: svgDataURL(c)}
	}
	return out, nil
}

// splitText cuts s into pieces of at most n bytes, never inside a UTF-8
// sequence.
func splitText(s string, n int) []string {
	var out []string
	for len(s) > n {
		cut := n
		for cut > 0 && cut < len(s) && s[cut]&0xC0 == 0x80 {
			cut--
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	return append(out, s)
}

// svgDataURL draws c as an SVG with a four-module quiet zone, one path of
// horizontal runs, and returns it as a data URL (nothing is fetched).
func svgDataURL(c *qr.Code) string {
	const quiet = 4
	size := c.Size + 2*quiet
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, size, size)
	fmt.Fprintf(&sb, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, size, size)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; {
			if !c.Black(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < c.Size && c.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&sb, "M%d %dh%dv1h-%dz", x+quiet, y+quiet, run, run)
			x += run
		}
	}
	sb.WriteString(`"/></svg>`)
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(sb.String()))
}
