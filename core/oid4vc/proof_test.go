package oid4vc

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
)

// TestProofJWT: the key proof of Appendix F.1 is built by a holder and
// checked by the issuer, with one expectation per rule.
func TestProofJWT(t *testing.T) {
	holder := p256(t)
	holderDID, _ := jwk.Encode(&holder.PublicKey)
	const nonce = "c-nonce-1"
	okParams := ProofParams{Audience: testIssuer, Nonce: nonce, IssuedAt: testNow}
	sign := func(p ProofParams) string {
		t.Helper()
		tok, err := NewProofJWT(holder, "", p)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	// forge signs an arbitrary header and payload with the holder key.
	forge := func(header map[string]any, claims map[string]any) string {
		t.Helper()
		b, _ := json.Marshal(claims)
		tok, err := jose.Sign(b, "ES256", messageOnly{holder}, header)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	pubJWK, _ := jose.PublicJWK(&holder.PublicKey)
	unsigned := func(alg string) string {
		enc := base64.RawURLEncoding
		h, _ := json.Marshal(map[string]any{"alg": alg, "typ": ProofTypJWT, "jwk": json.RawMessage(pubJWK)})
		p, _ := json.Marshal(map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce})
		return enc.EncodeToString(h) + "." + enc.EncodeToString(p) + "." + enc.EncodeToString([]byte("sig"))
	}
	msgTok, err := NewProofJWT(messageSigner{holder}, "ES256", okParams)
	if err != nil {
		t.Fatalf("message-only signer: %v", err)
	}
	edKey := ed(t)
	edTok, err := NewProofJWT(edKey, "", okParams)
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name  string
		token string
		now   time.Time
		code  Code
	}{
		{"jwk header", sign(okParams), testNow, ""},
		{"did:jwk kid", sign(ProofParams{Audience: testIssuer, Nonce: nonce, IssuedAt: testNow, Kid: holderDID.String() + "#0"}), testNow, ""},
		{"message-only signer", msgTok, testNow, ""},
		{"Ed25519", edTok, testNow, ""},
		{"iat 4 minutes old", sign(okParams), testNow.Add(4 * time.Minute), ""},
		{"wrong aud", sign(ProofParams{Audience: "https://other.example", Nonce: nonce, IssuedAt: testNow}), testNow, CodeInvalidProof},
		{"stale iat", sign(okParams), testNow.Add(6 * time.Minute), CodeInvalidProof},
		{"iat in the future", sign(okParams), testNow.Add(-6 * time.Minute), CodeInvalidProof},
		{"wrong nonce", sign(ProofParams{Audience: testIssuer, Nonce: "other", IssuedAt: testNow}), testNow, CodeInvalidNonce},
		{"no nonce", sign(ProofParams{Audience: testIssuer, IssuedAt: testNow}), testNow, CodeInvalidNonce},
		{"alg none", unsigned("none"), testNow, CodeInvalidProof},
		{"alg HS256", unsigned("HS256"), testNow, CodeInvalidProof},
		{"bad signature", unsigned("ES256"), testNow, CodeInvalidProof},
		{"typ JWT", forge(map[string]any{"typ": "JWT", "jwk": json.RawMessage(pubJWK)}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"kid and jwk", forge(map[string]any{"typ": ProofTypJWT, "kid": holderDID.String() + "#0", "jwk": json.RawMessage(pubJWK)}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"no key", forge(map[string]any{"typ": ProofTypJWT}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"kid of another method", forge(map[string]any{"typ": ProofTypJWT, "kid": "did:web:evil.example#k"}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"x5c header", forge(map[string]any{"typ": ProofTypJWT, "jwk": json.RawMessage(pubJWK), "x5c": []string{"MII"}}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"no iat", forge(map[string]any{"typ": ProofTypJWT, "jwk": json.RawMessage(pubJWK)}, map[string]any{"aud": testIssuer, "nonce": nonce}), testNow, CodeInvalidProof},
		{"aud array of one", forge(map[string]any{"typ": ProofTypJWT, "jwk": json.RawMessage(pubJWK)}, map[string]any{"aud": []string{testIssuer}, "iat": testNow.Unix(), "nonce": nonce}), testNow, ""},
		{"aud array of two", forge(map[string]any{"typ": ProofTypJWT, "jwk": json.RawMessage(pubJWK)}, map[string]any{"aud": []string{testIssuer, "x"}, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"private jwk", forge(map[string]any{"typ": ProofTypJWT, "jwk": privateJWK(t, holder)}, map[string]any{"aud": testIssuer, "iat": testNow.Unix(), "nonce": nonce}), testNow, CodeInvalidProof},
		{"not a JWT", "abc", testNow, CodeInvalidProof},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			called := false
			p, err := VerifyProofJWT(context.Background(), tt.token, ProofOptions{
				Audience: testIssuer, Now: tt.now,
				Nonce: func(n string) error {
					called = true
					if n != nonce {
						return errors.New("unknown c_nonce")
					}
					return nil
				},
			})
			wantCode(t, err, tt.code)
			if tt.code == CodeInvalidProof && called {
				t.Error("the nonce was consumed by a proof that failed before the nonce check")
			}
			if err == nil && !strings.HasPrefix(p.DID, "did:jwk:") {
				t.Errorf("holder DID %q", p.DID)
			}
		})
	}
}

func privateJWK(t *testing.T, _ any) json.RawMessage {
	t.Helper()
	pub, _ := jose.PublicJWK(&p256(t).PublicKey)
	var m map[string]any
	json.Unmarshal(pub, &m)
	m["d"] = "AAAA"
	b, _ := json.Marshal(m)
	return b
}

func TestProofOptionsRequired(t *testing.T) {
	_, err := VerifyProofJWT(context.Background(), "x.y.z", ProofOptions{Audience: testIssuer, Now: testNow})
	wantCode(t, err, CodeBadOptions)
	_, err = NewProofJWT(p256(t), "", ProofParams{Audience: testIssuer})
	wantCode(t, err, CodeBadOptions)
}
