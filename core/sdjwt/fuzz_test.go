package sdjwt

import (
	"context"
	"strings"
	"testing"
)

// seeds returns every vector's inputs, from the vector loader.
func seeds(t testing.TB) (sdjwts, disclosures []string) {
	for _, v := range loadVectors(t) {
		for _, in := range []string{v.Presentation, v.Issuance} {
			if in == "" {
				continue
			}
			sdjwts = append(sdjwts, in)
			if strings.HasPrefix(in, "{") {
				continue
			}
			parts := strings.Split(in, "~")
			disclosures = append(disclosures, parts[1:len(parts)-1]...)
		}
	}
	return sdjwts, disclosures
}

// FuzzParse checks that parsing, processing and verifying never panic and
// that every error carries a code.
func FuzzParse(f *testing.F) {
	in, _ := seeds(f)
	for _, s := range in {
		f.Add(s)
	}
	key := privateKey(f, loadManifest(f), "example-issuer").Public()
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if _, err := p.Disclosable(); err != nil && CodeOf(err) == "" {
			t.Fatalf("error without a code: %v", err)
		}
		if _, err := p.Verify(context.Background(), Options{Now: testNow, IssuerKey: key}); err != nil && CodeOf(err) == "" {
			t.Fatalf("error without a code: %v", err)
		}
		if !strings.HasPrefix(s, "{") && p.String() != s {
			t.Fatalf("String() = %q, want the input", p.String())
		}
	})
}

// FuzzDisclosure checks the disclosure decoder: no panic, coded errors,
// and the text kept as received.
func FuzzDisclosure(f *testing.F) {
	_, ds := seeds(f)
	for _, d := range ds {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDisclosure(s)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if d.Raw != s {
			t.Fatalf("Raw = %q, want the input", d.Raw)
		}
		if d.IsArrayElement && d.Name != "" {
			t.Fatalf("array element disclosure with a name %q", d.Name)
		}
		if d.Name == "_sd" || d.Name == "..." {
			t.Fatalf("reserved name %q accepted", d.Name)
		}
	})
}
