//go:build nojsonld

package verify

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/di"
)

// TestNoJSONLD: in a build without JSON-LD, a JsonWebSignature2020 proof
// is reported with jsonld_unavailable, never verified, wherever it is;
// JWT-secured credentials around it verify as in the full build. The
// proofs used here are sound: the test links core/di (the package does
// not) and checks them first.
func TestNoJSONLD(t *testing.T) {
	iss := newIssuer(t, "ld-lite", "EdDSA")
	holder := newIssuer(t, "holder-lite", "ES256")
	o := opts([]*issuer{iss, holder}, iss.DID)
	created := testNow.Add(-time.Hour)

	ldCred, err := di.SignJWS2020(iss.credential(nil), iss.Key, iss.Alg, di.SignOptions{VerificationMethod: iss.Kid, Created: created})
	if err != nil {
		t.Fatal(err)
	}
	sound(t, ldCred, iss)
	ldJSON, _ := json.Marshal(ldCred)
	jwtCred := iss.sign(t, iss.credential(nil), nil)
	enveloped := map[string]any{"@context": "https://www.w3.org/ns/credentials/v2", "type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt," + jwtCred}
	presentation := func(creds ...any) map[string]any {
		return map[string]any{"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "type": []any{"VerifiablePresentation"}, "holder": holder.DID, "verifiableCredential": creds}
	}

	t.Run("JsonWebSignature2020 credential", func(t *testing.T) {
		r := mustVerify(t, string(ldJSON), o)
		expect(t, r, StatusInvalid, CodeJSONLDUnavailable)
		unavailable(t, r)
		if r.Format != FormatLDPJWS || r.Issuer != iss.DID {
			t.Errorf("format %s issuer %s, want %s from %s", r.Format, r.Issuer, FormatLDPJWS, iss.DID)
		}
	})

	t.Run("JsonWebSignature2020 presentation", func(t *testing.T) {
		vp, err := di.SignJWS2020(presentation(ldCred), holder.Key, holder.Alg, di.SignOptions{
			VerificationMethod: holder.Kid, ProofPurpose: "authentication", Created: created, Challenge: "n-1", Domain: "https://rp.example"})
		if err != nil {
			t.Fatal(err)
		}
		sound(t, vp, holder)
		raw, _ := json.Marshal(vp)
		o := o
		o.Nonce, o.Audience = "n-1", "https://rp.example"
		r := mustVerify(t, string(raw), o)
		expect(t, r, StatusInvalid, CodeJSONLDUnavailable)
		unavailable(t, r)
		if len(r.Credentials) != 0 {
			t.Errorf("credentials of an unverified presentation were verified: %+v", r.Credentials)
		}
	})

	t.Run("vp+jwt holding a vc+jwt and a JsonWebSignature2020 credential", func(t *testing.T) {
		vp := holder.sign(t, presentation(enveloped, ldCred), map[string]any{"typ": "vp+jwt"})
		r := mustVerify(t, vp, o)
		expect(t, r, StatusInvalid, CodeCredentialInvalid)
		if r.Format != FormatVPJWT || len(r.Credentials) != 2 {
			t.Fatalf("result %+v", r)
		}
		expect(t, r.Credentials[0], StatusActive, "")
		expect(t, r.Credentials[1], StatusInvalid, CodeJSONLDUnavailable)
		unavailable(t, r.Credentials[1])
	})

	t.Run("unsigned presentation of a vc+jwt needs no JSON-LD", func(t *testing.T) {
		raw, _ := json.Marshal(presentation(enveloped))
		r := mustVerify(t, string(raw), o)
		expect(t, r, StatusActive, "")
		if len(r.Credentials) != 1 || r.Credentials[0].Format != FormatVCJWT {
			t.Errorf("credentials %+v", r.Credentials)
		}
	})

	t.Run("contexts are accepted and ignored", func(t *testing.T) {
		o, err := Request{Contexts: map[string]json.RawMessage{"https://contexts.example/v1": json.RawMessage(`{"@context":{}}`)}}.Apply(o)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, mustVerify(t, jwtCred, o), StatusActive, "")
		expect(t, mustVerify(t, string(ldJSON), o), StatusInvalid, CodeJSONLDUnavailable)
	})
}

// sound fails the test unless doc's JsonWebSignature2020 proof verifies
// with signer's key.
func sound(t *testing.T, doc map[string]any, signer *issuer) {
	t.Helper()
	proofs, err := di.Proofs(doc)
	if err != nil || len(proofs) != 1 {
		t.Fatalf("proofs %v: %v", proofs, err)
	}
	if _, err := di.VerifyJWS2020(doc, proofs[0], signer.Key.Public(), di.VerifyOptions{Algs: DefaultAlgorithms}); err != nil {
		t.Fatalf("the test's own proof does not verify: %v", err)
	}
}

// unavailable checks that r's proof check is the one failed check of
// this build, and that its detail says to use the full build.
func unavailable(t *testing.T, r Result) {
	t.Helper()
	c := r.Check(CheckProof)
	if c == nil || c.Status != Fail || c.Code != CodeJSONLDUnavailable || !strings.Contains(c.Detail, "full build") {
		t.Errorf("proof check %+v, want a failure coded %s that points to the full build", c, CodeJSONLDUnavailable)
	}
	for _, c := range r.Checks {
		if c.Status == Pass && c.ID != CheckDataModel {
			t.Errorf("check %s passed in a result whose proof was not checked", c.ID)
		}
	}
}
