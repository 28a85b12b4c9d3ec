package ld

import (
	"encoding/json"
	"os"
	"testing"
)

// maxFuzzInput keeps one execution fast.
const maxFuzzInput = 4 << 10

// FuzzCanonicalize checks that Canonicalize never panics (it recovers
// json-gold's panics) and that every error carries a code. Seeds are the
// vectors of this package.
func FuzzCanonicalize(f *testing.F) {
	for _, name := range []string{"vc_0.json", "party_credential.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"@context":{"p":{"@id":"http://e/p","@type":"@id"}},"@graph":[{"@id":"_:a","p":"_:b"},{"@id":"_:b","p":"_:a"}]}`))
	f.Add([]byte(`{"@context":{"@import":"https://www.w3.org/ns/odrl.jsonld"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		var doc map[string]any
		if json.Unmarshal(b, &doc) != nil || doc == nil {
			return
		}
		_, err := Canonicalize(doc, Options{})
		if err != nil && CodeOf(err) == "" {
			t.Fatalf("error without a code: %v", err)
		}
	})
}
