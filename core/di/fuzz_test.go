package di

import (
	"crypto/ed25519"
	"encoding/json"
	"testing"
)

// maxFuzzInput keeps one execution fast.
const maxFuzzInput = 8 << 10

// FuzzProofs checks that reading and verifying proofs of arbitrary
// documents never panics and that every error carries a code. Seeds come
// from the vector loaders.
func FuzzProofs(f *testing.F) {
	f.Add(readFile(f, "jws2020/vc_0.json"))
	f.Add(readFile(f, "icam-25.11/party_credential.json"))
	var vp struct {
		VerifiableCredential []json.RawMessage `json:"verifiableCredential"`
	}
	if err := json.Unmarshal(readFile(f, "tagus-2210/fixtures/participant-vp.json"), &vp); err != nil {
		f.Fatal(err)
	}
	for _, vc := range vp.VerifiableCredential {
		f.Add([]byte(vc))
	}
	key := ed25519.NewKeyFromSeed(make([]byte, 32)).Public()
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		var doc map[string]any
		if json.Unmarshal(b, &doc) != nil || doc == nil {
			return
		}
		proofs, err := Proofs(doc)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("Proofs: error without a code: %v", err)
			}
			return
		}
		for _, p := range proofs {
			if _, err := VerifyJWS2020(doc, p, key, VerifyOptions{Algs: allAlgs}); err != nil && CodeOf(err) == "" {
				t.Fatalf("VerifyJWS2020: error without a code: %v", err)
			}
		}
	})
}
