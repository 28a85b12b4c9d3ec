package vc

import (
	"testing"
)

func TestParseDataURL(t *testing.T) {
	const jwt = "eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln"
	for _, tc := range []struct {
		in, media, data string
	}{
		{"data:application/vc+jwt," + jwt, "application/vc+jwt", jwt},                 // VC-JOSE-COSE §3.2
		{"data:application/vc+jwt;" + jwt, "application/vc+jwt", jwt},                 // Gaia-X ICAM §5.4.2
		{"data:application/vc+ld+json+jwt;" + jwt, "application/vc+ld+json+jwt", jwt}, // Gaia-X ICAM §5.5.2
		{"data:application/vc-ld+jwt;base64url,ZXlK", "application/vc-ld+jwt", "eyJ"}, // VC DM 2.0 test suite
		{"data:application/vc+cose;base64,ZXlK", "application/vc+cose", "eyJ"},        // COSE envelope
		{"DATA:Application/VC+JWT," + jwt, "application/vc+jwt", jwt},                 // case
		{"data:application/vc+sd-jwt," + jwt + "~WyJhIl0~", "application/vc+sd-jwt", jwt + "~WyJhIl0~"},
		{"data:application/vc+jwt,a%20b", "application/vc+jwt", "a b"},
	} {
		d, err := ParseDataURL(tc.in)
		if err != nil {
			t.Errorf("ParseDataURL(%.50q): %v", tc.in, err)
			continue
		}
		if d.MediaType != tc.media || string(d.Data) != tc.data {
			t.Errorf("ParseDataURL(%.50q) = %q, %q; want %q, %q", tc.in, d.MediaType, d.Data, tc.media, tc.data)
		}
	}
	for _, bad := range []string{
		"not-a-credential", "https://example.com/vc", "data:", "data:,", "data:application/vc+jwt",
		"data:application/vc+jwt,", "data:;base64,ZXlK", "data:application/vc+jwt;base64,!!!",
	} {
		if _, err := ParseDataURL(bad); CodeOf(err) != CodeBadEnvelope {
			t.Errorf("ParseDataURL(%q) = %v, want bad_envelope", bad, err)
		}
	}
}

// FuzzParseDataURL: no panic; errors carry bad_envelope; what parses has
// a media type and data.
func FuzzParseDataURL(f *testing.F) {
	for _, s := range []string{"data:application/vc+jwt,eyJ.eyJ.c2ln", "data:application/vc+ld+json+jwt;eyJ", "data:a;base64url,ZXlK", "data:;;,", "data:%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDataURL(s)
		if err != nil {
			if CodeOf(err) != CodeBadEnvelope {
				t.Fatalf("error without bad_envelope: %v", err)
			}
			return
		}
		if d.MediaType == "" || len(d.Data) == 0 {
			t.Fatalf("parsed %q to %+v", s, d)
		}
	})
}
