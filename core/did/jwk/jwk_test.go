package jwk_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/jwk"
)

//go:embed testdata/spec-examples.json
var specExamplesJSON []byte

type specExample struct {
	Name          string          `json:"name"`
	DID           string          `json:"did"`
	PublicKeyJwk  json.RawMessage `json:"publicKeyJwk"`
	Relationships []string        `json:"relationships"`
}

func loadExamples(t testing.TB) []specExample {
	t.Helper()
	var out []specExample
	dec := json.NewDecoder(strings.NewReader(string(specExamplesJSON)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

var allRels = []string{did.RelAssertionMethod, did.RelAuthentication, did.RelCapabilityInvocation, did.RelCapabilityDelegation, did.RelKeyAgreement}

// listedUnder returns the relationships of doc that list ref.
func listedUnder(doc *did.Document, ref string) []string {
	var out []string
	for _, rel := range allRels {
		if _, err := doc.Method(ref, rel); err == nil {
			out = append(out, rel)
		}
	}
	return out
}

func TestSpecExamples(t *testing.T) {
	for _, ex := range loadExamples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			t.Parallel()
			d, err := did.Parse(ex.DID)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := (jwk.Resolver{}).Resolve(context.Background(), d)
			if err != nil {
				t.Fatalf("Resolve: %v", err)
			}
			if doc.ID != ex.DID || len(doc.VerificationMethod) != 1 {
				t.Fatalf("document %q with %d methods", doc.ID, len(doc.VerificationMethod))
			}
			vm := doc.VerificationMethod[0]
			if diff := cmp.Diff([]string{ex.DID + "#0", "JsonWebKey2020", ex.DID}, []string{vm.ID, vm.Type, vm.Controller}); diff != "" {
				t.Errorf("method (-want +got):\n%s", diff)
			}
			var got, want any
			if err := json.Unmarshal(vm.PublicKeyJwk, &got); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(ex.PublicKeyJwk, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("publicKeyJwk (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(ex.Relationships, listedUnder(doc, "#0")); diff != "" {
				t.Errorf("relationships (-want +got):\n%s", diff)
			}
			back, err := did.ParseDocument(mustJSON(t, doc))
			if err != nil {
				t.Fatalf("ParseDocument(marshalled): %v", err)
			}
			if diff := cmp.Diff(doc, back); diff != "" {
				t.Errorf("round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	for name, pub := range map[string]crypto.PublicKey{"ed25519": edPub, "p256": &p256.PublicKey, "p384": &p384.PublicKey, "rsa2048": &rsaKey.PublicKey} {
		t.Run(name, func(t *testing.T) {
			d, err := jwk.Encode(pub)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := did.Parse(d.String()); err != nil {
				t.Fatalf("Parse(%s): %v", d, err)
			}
			doc, err := (jwk.Resolver{}).Resolve(context.Background(), d)
			if err != nil {
				t.Fatal(err)
			}
			vm, err := doc.Method(d.String()+"#0", did.RelAssertionMethod)
			if err != nil {
				t.Fatal(err)
			}
			got, err := vm.PublicKey()
			if err != nil {
				t.Fatal(err)
			}
			if !got.(interface{ Equal(crypto.PublicKey) bool }).Equal(pub) {
				t.Fatal("resolved key differs")
			}
			if diff := cmp.Diff(allRels, listedUnder(doc, "#0")); diff != "" {
				t.Errorf("relationships (-want +got):\n%s", diff)
			}
		})
	}
	if _, err := jwk.Encode("not a key"); did.ErrorCode(err) != did.CodeInvalidDID {
		t.Errorf("Encode(string) error %v", err)
	}
}

func enc(s string) did.DID {
	return did.DID{Method: "jwk", ID: base64.RawURLEncoding.EncodeToString([]byte(s))}
}

const edX = `"x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"`

func TestResolve(t *testing.T) {
	sig, err := (jwk.Resolver{}).Resolve(context.Background(), enc(`{"kty":"OKP","crv":"Ed25519","use":"sig",`+edX+`}`))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(allRels[:4], listedUnder(sig, "#0")); diff != "" {
		t.Errorf(`"use":"sig" relationships (-want +got):\n%s`, diff)
	}
	for _, tc := range []struct {
		name string
		d    did.DID
		code string
	}{
		{"other method", did.DID{Method: "key", ID: "z6Mk"}, did.CodeMethodNotSupported},
		{"not base64url", did.DID{Method: "jwk", ID: "eyJ+"}, did.CodeInvalidDID},
		{"padded", did.DID{Method: "jwk", ID: base64.URLEncoding.EncodeToString([]byte(`{"kty":"OKP","crv":"Ed25519",` + edX + `}`))}, did.CodeInvalidDID},
		{"not json", enc(`kty`), did.CodeInvalidDID},
		{"array", enc(`[]`), did.CodeInvalidDID},
		{"null", enc(`null`), did.CodeInvalidDID},
		{"trailing", enc(`{"kty":"OKP","crv":"Ed25519",` + edX + `} x`), did.CodeInvalidDID},
		{"duplicate member", enc(`{"kty":"OKP","crv":"Ed25519",` + edX + `,` + edX + `}`), did.CodeInvalidDID},
		{"private d", enc(`{"kty":"OKP","crv":"Ed25519",` + edX + `,"d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}`), did.CodeInvalidDID},
		{"symmetric", enc(`{"kty":"oct","k":"AAAA"}`), did.CodeInvalidDID},
		{"unknown use", enc(`{"kty":"OKP","crv":"Ed25519","use":"both",` + edX + `}`), did.CodeInvalidDID},
		{"use not a string", enc(`{"kty":"OKP","crv":"Ed25519","use":1,` + edX + `}`), did.CodeInvalidDID},
		{"secp256k1", enc(`{"kty":"EC","crv":"secp256k1","x":"Z4Y3NNOxv0J6tCgqOBFnHnaZhJF6LdulT7z8A-2D5_8","y":"i5a2NtJoUKXkLm6q8nOEu9WOkso1Ag6FTUT6k_LMnGk"}`), did.CodeInvalidDID},
		{"x25519 without use", enc(`{"kty":"OKP","crv":"X25519","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08"}`), did.CodeInvalidDID},
		{"x25519 short", enc(`{"kty":"OKP","crv":"X25519","use":"enc","x":"3p7b"}`), did.CodeInvalidDID},
		{"x25519 private", enc(`{"kty":"OKP","crv":"X25519","use":"enc","x":"3p7bfXt9wbTTW2HC7OQ1Nz-DQ8hbeGdNrfx-FG-IK08","d":"AA"}`), did.CodeInvalidDID},
		{"too large", did.DID{Method: "jwk", ID: strings.Repeat("A", 50000)}, did.CodeInvalidDID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := (jwk.Resolver{}).Resolve(context.Background(), tc.d)
			var de *did.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("error %v, want code %s", err, tc.code)
			}
		})
	}
}

func ExampleEncode() {
	pub := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public()
	d, err := jwk.Encode(pub)
	if err != nil {
		panic(err)
	}
	doc, err := (jwk.Resolver{}).Resolve(context.Background(), d)
	if err != nil {
		panic(err)
	}
	b, _ := base64.RawURLEncoding.DecodeString(d.ID)
	fmt.Println(string(b))
	fmt.Println(doc.VerificationMethod[0].ID == d.String()+"#0")
	// Output:
	// {"crv":"Ed25519","kty":"OKP","x":"O2onvM62pC1io6jQKm8Nc2UyFXcd4kOmOsBIoYtZ2ik"}
	// true
}
