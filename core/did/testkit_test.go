package did_test

import (
	"embed"
	"encoding/json"
	"testing"

	"github.com/gxwallet/gxwallet/core/did"
)

//go:embed testdata/*.json
var testdata embed.FS

// docVector is a DID document from testdata/ (see PROVENANCE.md).
type docVector struct {
	name string
	raw  []byte
}

// loadDocs returns every testdata/*.json document.
func loadDocs(t testing.TB) []docVector {
	t.Helper()
	entries, err := testdata.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var out []docVector
	for _, e := range entries {
		b, err := testdata.ReadFile("testdata/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, docVector{e.Name(), b})
	}
	if len(out) == 0 {
		t.Fatal("no testdata documents")
	}
	return out
}

// seedURLs returns DIDs and DID URLs taken from the testdata documents,
// for fuzz seeds, plus a few hand-written edge cases.
func seedURLs(t testing.TB) []string {
	seeds := []string{"did:web:example.com", "did:example:123/p?q#f", "did:a:%41", "did:a:b#%", "did:a:b:"}
	for _, v := range loadDocs(t) {
		doc, err := did.ParseDocument(v.raw)
		if err != nil {
			t.Fatalf("%s: %v", v.name, err)
		}
		seeds = append(seeds, doc.ID)
		for _, vm := range doc.VerificationMethod {
			seeds = append(seeds, vm.ID)
		}
	}
	return seeds
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
