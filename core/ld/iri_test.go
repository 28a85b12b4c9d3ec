package ld

import (
	"strings"
	"testing"
)

// TestRelativeIRIsDropped: a type no context defines is a relative IRI
// and yields no triple (JSON-LD 1.1 API §8.2), as in jsonld.js.
func TestRelativeIRIsDropped(t *testing.T) {
	doc := map[string]any{
		"@context":          []any{"https://www.w3.org/2018/credentials/v1"},
		"type":              []any{"VerifiableCredential", "LegalPerson"},
		"issuer":            "did:example:issuer",
		"issuanceDate":      "2024-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:subject"},
	}
	nq, err := Canonicalize(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(nq, "<LegalPerson>") {
		t.Errorf("relative type IRI kept:\n%s", nq)
	}
	if !strings.Contains(nq, "<https://www.w3.org/2018/credentials#VerifiableCredential>") {
		t.Errorf("absolute type IRI dropped:\n%s", nq)
	}
}

func TestHasScheme(t *testing.T) {
	for s, want := range map[string]bool{
		"https://a": true, "did:web:a": true, "urn:uuid:1": true, "a+b-c.d:x": true,
		"LegalPerson": false, "": false, ":x": false, "1a:x": false, "#frag": false, "a/b:c": false,
	} {
		if got := hasScheme(s); got != want {
			t.Errorf("hasScheme(%q) = %v", s, got)
		}
	}
}
