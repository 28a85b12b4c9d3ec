package di

import (
	"testing"

	"github.com/gxwallet/gxwallet/core/ld"
)

// tagusCredential returns a real wizard-signed Gaia-X credential
// (PS256, Gaia-X flavour) with its proof and key.
func tagusCredential(b *testing.B, fixture string, index int, didDoc string) (map[string]any, Proof, any) {
	vp := readDoc(b, "tagus-2210/fixtures/"+fixture)
	vc := vp["verifiableCredential"].([]any)[index].(map[string]any)
	ps, err := Proofs(vc)
	if err != nil {
		b.Fatal(err)
	}
	return vc, ps[0], tagusKey(b, didDoc, ps[0])
}

// BenchmarkVerifyJWS2020PS256 verifies a Gaia-X LegalParticipant
// credential from the lab wizard (3.9 KB, PS256, Gaia-X flavour, which
// the default policy tries first).
func BenchmarkVerifyJWS2020PS256(b *testing.B) {
	vc, p, key := tagusCredential(b, "participant-vp.json", 1, "derived-did/did-wizard-f41f7479c617.json")
	opts := VerifyOptions{Algs: allAlgs}
	b.ResetTimer()
	for range b.N {
		if f, err := VerifyJWS2020(vc, p, key, opts); err != nil || f != FlavourGaiaX {
			b.Fatal(f, err)
		}
	}
}

// BenchmarkVerifyJWS2020PS256Large verifies the largest Tagus credential
// (ServiceOfferingLabelLevel1, 9 KB).
func BenchmarkVerifyJWS2020PS256Large(b *testing.B) {
	vc, p, key := tagusCredential(b, "service-offering-label-level-1.json", 5, "derived-did/did-wizard-c1cc74689123.json")
	opts := VerifyOptions{Algs: allAlgs}
	b.ResetTimer()
	for range b.N {
		if _, err := VerifyJWS2020(vc, p, key, opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyJWS2020PS256W3C verifies a credential signed in the W3C
// flavour under the default policy: the Gaia-X attempt fails first, so
// this is the fallback's cost (two canonicalizations, two RSA checks).
func BenchmarkVerifyJWS2020PS256W3C(b *testing.B) {
	signed, p := sign(b, credential(), "PS256", rsaKey(), FlavourW3C)
	opts := VerifyOptions{Algs: allAlgs}
	b.ResetTimer()
	for range b.N {
		if f, err := VerifyJWS2020(signed, p, rsaKey().Public(), opts); err != nil || f != FlavourW3C {
			b.Fatal(f, err)
		}
	}
}

// BenchmarkCanonicalize canonicalizes the LegalParticipant credential
// without its proof.
func BenchmarkCanonicalize(b *testing.B) {
	vc, _, _ := tagusCredential(b, "participant-vp.json", 1, "derived-did/did-wizard-f41f7479c617.json")
	doc := without(vc, "proof")
	b.ResetTimer()
	for range b.N {
		if _, err := ld.Canonicalize(doc, ld.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
