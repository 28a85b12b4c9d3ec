package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

func TestDecodeOptions(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		code     string // "" for success
	}{
		{"absent", ``, ""},
		{"null", `null`, ""},
		{"empty object", `{}`, ""},
		{"fields", `{"now":"2026-01-01T00:00:00Z","trustedIssuers":["did:web:a"],"offline":true,"nonce":"n","aud":"a"}`, ""},
		{"not an object", `"{}"`, CodeBadOptions},
		{"array", `[]`, CodeBadOptions},
		{"unknown field", `{"trustedIssuer":["did:web:a"]}`, CodeBadOptions},
		{"wrong type", `{"offline":"yes"}`, CodeBadOptions},
		{"trailing data", `{} {}`, CodeBadOptions},
		{"too large", `{"nonce":"` + strings.Repeat("x", MaxOptionsBytes) + `"}`, CodeBadOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := decodeOptions([]byte(tc.in))
			if got := code(err); got != tc.code {
				t.Errorf("decodeOptions(%.40s) code = %q (%v), want %q", tc.in, got, err, tc.code)
			}
		})
	}
}

func code(err error) string {
	if err == nil {
		return ""
	}
	var e *jsutil.Error
	if !errors.As(err, &e) {
		return "not a *jsutil.Error"
	}
	return e.Code
}

func TestVerifyJSON(t *testing.T) {
	const issuer, kid = "did:web:issuer.example", "did:web:issuer.example#k1"
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := jose.PublicJWK(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	token, err := jose.Sign([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],`+
		`"type":["VerifiableCredential"],"issuer":"`+issuer+`","validFrom":"2026-01-01T00:00:00Z",`+
		`"credentialSubject":{"name":"Alice"}}`), "ES256", key, map[string]any{"typ": "vc+jwt", "kid": kid})
	if err != nil {
		t.Fatal(err)
	}
	options := `{"now":"2026-06-01T00:00:00Z","trustedIssuers":["` + issuer + `"],"didDocs":[{"id":"` + issuer +
		`","verificationMethod":[{"id":"` + kid + `","type":"JsonWebKey2020","controller":"` + issuer +
		`","publicKeyJwk":` + string(jwk) + `}],"assertionMethod":["` + kid + `"]}]}`

	for _, tc := range []struct {
		name, input, options string
		status               verify.Status // when no error
		code                 string        // rejection code
	}{
		{"active", token, options, verify.StatusActive, ""},
		{"untrusted without trustedIssuers", token, strings.Replace(options, `"trustedIssuers":["`+issuer+`"],`, "", 1), verify.StatusUntrusted, ""},
		{"malformed input is a result", "not.a.jwt", "", verify.StatusInvalid, ""},
		{"empty input is a result", "", "", verify.StatusInvalid, ""},
		{"bad now", token, `{"now":"not-a-date"}`, "", CodeBadOptions},
		{"bad DID document", token, `{"didDocs":[{"id":42}]}`, "", CodeBadOptions},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := verifyJSON(context.Background(), []byte(tc.input), []byte(tc.options), nil)
			if got := code(err); got != tc.code {
				t.Fatalf("code = %q (%v), want %q", got, err, tc.code)
			}
			if err != nil {
				return
			}
			var res verify.Result
			if err := json.Unmarshal(out, &res); err != nil {
				t.Fatalf("result %s: %v", out, err)
			}
			if res.Status != tc.status {
				t.Errorf("status = %q, want %q; %s", res.Status, tc.status, out)
			}
		})
	}
}
