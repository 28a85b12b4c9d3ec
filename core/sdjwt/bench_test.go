package sdjwt

import (
	"context"
	"testing"
)

// benchCredential is an SD-JWT VC with ten Disclosures, its holder, and a
// presentation of five of them with an ES256 KB-JWT.
func benchCredential(b *testing.B) (s *SDJWT, pres string, opts Options, kb *KBOptions) {
	issuer, holder := newKey(b, "ES256", 0), newKey(b, "ES256", 0)
	c := personClaims()
	c["phone_number"] = "+49 221 123456"
	policy := Policy{Disclosable: append(personPolicy.Disclosable, []any{"phone_number"}), Decoys: 2}
	s = must(Parse(must(Issue(c, policy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public()))))
	if n := len(s.Disclosures); n != 10 {
		b.Fatalf("%d disclosures, want 10", n)
	}
	kb = &KBOptions{Signer: holder, Nonce: testNonce, Aud: testAud, IAT: testNow}
	paths := [][]any{{"given_name"}, {"family_name"}, {"address", "locality"}, {"nationalities", 0}}
	pres = must(s.Present(paths, kb))
	opts = Options{Now: testNow, IssuerKey: issuer.Public(), Nonce: testNonce, Aud: testAud}
	return s, pres, opts, kb
}

func BenchmarkVerifyPresentationKB(b *testing.B) {
	_, pres, opts, _ := benchCredential(b)
	ctx := context.Background()
	r := must(Verify(ctx, pres, opts))
	if len(r.Disclosed) != 5 {
		b.Fatalf("%d disclosed, want 5", len(r.Disclosed))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(ctx, pres, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPresent(b *testing.B) {
	s, _, _, kb := benchCredential(b)
	paths := [][]any{{"given_name"}, {"family_name"}, {"address", "locality"}, {"nationalities", 0}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Present(paths, kb); err != nil {
			b.Fatal(err)
		}
	}
}
