package key_test

import (
	_ "embed"
	"encoding/json"
	"testing"
)

//go:embed testdata/vectors.json
var vectorsJSON []byte

// vector is one entry of testdata/vectors.json (see PROVENANCE.md).
type vector struct {
	Name            string          `json:"name"`
	DID             string          `json:"did"`
	Expect          string          `json:"expect"`
	Source          string          `json:"source"`
	Seed            string          `json:"seed"`
	PublicKeyBase58 string          `json:"publicKeyBase58"`
	PublicKeyJwk    json.RawMessage `json:"publicKeyJwk"`
}

var knownExpect = map[string]bool{"ok": true, "invalidDid": true, "invalidDid:unsupported": true}

// loadVectors parses the vector file strictly: an unknown member or
// expectation fails the test.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	var vs []vector
	dec := json.NewDecoder(bytesReader(vectorsJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&vs); err != nil {
		t.Fatalf("testdata/vectors.json: %v", err)
	}
	for _, v := range vs {
		if !knownExpect[v.Expect] {
			t.Fatalf("vector %s: unknown expect %q", v.Name, v.Expect)
		}
	}
	return vs
}

// forEachVector runs f for every vector as a parallel subtest.
func forEachVector(t *testing.T, f func(t *testing.T, v vector)) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			f(t, v)
		})
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
