package verify

import (
	"context"
	"testing"
)

// benchmarkVerify measures one full vc+jwt verification: parse, data
// model, DID document lookup, signature, validity, trust.
func benchmarkVerify(b *testing.B, alg string) {
	iss := newIssuer(b, "bench-"+alg, alg)
	tok := []byte(iss.sign(b, iss.credential(nil), nil))
	o := opts([]*issuer{iss}, iss.DID)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		r, err := Verify(ctx, tok, o)
		if err != nil || r.Status != StatusActive {
			b.Fatalf("status %s, err %v", r.Status, err)
		}
	}
}

func BenchmarkVerifyES256(b *testing.B) { benchmarkVerify(b, "ES256") }
func BenchmarkVerifyPS256(b *testing.B) { benchmarkVerify(b, "PS256") }
func BenchmarkVerifyEdDSA(b *testing.B) { benchmarkVerify(b, "EdDSA") }
