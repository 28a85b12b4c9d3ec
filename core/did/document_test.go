package did_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/internal/multikey"
	"github.com/gxwallet/gxwallet/core/jose"
)

const exampleDoc = `{
  "@context": ["https://www.w3.org/ns/did/v1"],
  "id": "did:web:example.com",
  "controller": "did:web:example.com",
  "alsoKnownAs": ["https://example.com"],
  "verificationMethod": [
    {"id": "#key-1", "type": "JsonWebKey2020", "controller": "did:web:example.com",
     "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}},
    {"id": "did:web:example.com#key-2", "type": "Multikey", "controller": "did:web:example.com",
     "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"}
  ],
  "authentication": [
    "#key-1",
    {"id": "#auth-only", "type": "Ed25519VerificationKey2018", "controller": "did:web:example.com",
     "publicKeyBase58": "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS"}
  ],
  "assertionMethod": ["did:web:example.com#key-1", "#key-2"],
  "keyAgreement": [],
  "service": [{"id": "#linked", "type": "LinkedDomains", "serviceEndpoint": "https://example.com"}]
}`

func TestParseDocumentExample(t *testing.T) {
	doc, err := did.ParseDocument([]byte(exampleDoc))
	if err != nil {
		t.Fatal(err)
	}
	authOnly := &did.VerificationMethod{ID: "did:web:example.com#auth-only", Type: "Ed25519VerificationKey2018",
		Controller: "did:web:example.com", PublicKeyBase58: "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS"}
	want := &did.Document{
		Context:     json.RawMessage(`["https://www.w3.org/ns/did/v1"]`),
		ID:          "did:web:example.com",
		Controller:  []string{"did:web:example.com"},
		AlsoKnownAs: []string{"https://example.com"},
		VerificationMethod: []did.VerificationMethod{
			{ID: "did:web:example.com#key-1", Type: "JsonWebKey2020", Controller: "did:web:example.com",
				PublicKeyJwk: json.RawMessage(`{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}`)},
			{ID: "did:web:example.com#key-2", Type: "Multikey", Controller: "did:web:example.com",
				PublicKeyMultibase: "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"},
		},
		Authentication:  []did.MethodRef{{ID: "did:web:example.com#key-1"}, {ID: authOnly.ID, Embedded: authOnly}},
		AssertionMethod: []did.MethodRef{{ID: "did:web:example.com#key-1"}, {ID: "did:web:example.com#key-2"}},
		Service:         json.RawMessage(`[{"id": "#linked", "type": "LinkedDomains", "serviceEndpoint": "https://example.com"}]`),
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Fatalf("(-want +got):\n%s", diff)
	}
	// Marshal and parse again: same document.
	back, err := did.ParseDocument(mustJSON(t, doc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(mustJSON(t, doc), mustJSON(t, back)); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	// json.Unmarshal into a Document is as strict as ParseDocument.
	var inside struct{ Doc did.Document }
	if err := json.Unmarshal([]byte(`{"Doc":{"id":"did:web:a.example","id":"did:web:b.example"}}`), &inside); did.ErrorCode(err) != did.CodeInvalidDIDDocument {
		t.Fatalf("json.Unmarshal with duplicate id: %v", err)
	}
}

func TestParseDocumentErrors(t *testing.T) {
	vm := func(extra string) string {
		return `{"id":"did:ex:1","verificationMethod":[{"id":"#k","type":"JsonWebKey2020","controller":"did:ex:1"` + extra + `}]}`
	}
	huge := `{"id":"did:ex:1","service":"` + strings.Repeat("a", did.MaxDocumentBytes) + `"}`
	deep := `{"id":"did:ex:1","service":` + strings.Repeat("[", did.MaxDocumentDepth+1) + strings.Repeat("]", did.MaxDocumentDepth+1) + `}`
	var many strings.Builder
	many.WriteString(`{"id":"did:ex:1","verificationMethod":[`)
	for i := range did.MaxVerificationMethods + 1 {
		if i > 0 {
			many.WriteString(",")
		}
		fmt.Fprintf(&many, `{"id":"#k%d","type":"Multikey"}`, i)
	}
	many.WriteString("]}")
	for _, tc := range []struct{ name, doc string }{
		{"empty", ``},
		{"not json", `{`},
		{"array", `[]`},
		{"null", `null`},
		{"trailing", `{"id":"did:ex:1"} {}`},
		{"missing id", `{"verificationMethod":[]}`},
		{"null id", `{"id":null}`},
		{"numeric id", `{"id":1}`},
		{"id not a DID", `{"id":"https://example.com"}`},
		{"id with fragment", `{"id":"did:ex:1#frag"}`},
		{"duplicate id", `{"id":"did:ex:1","id":"did:ex:2"}`},
		{"case-folded duplicate", `{"id":"did:ex:1","ID":"did:ex:2","assertionMethod":["#a"],"AssertionMethod":["#b"]}`},
		{"duplicate nested", vm(`,"type":"Multikey"`)},
		{"too large", huge},
		{"too deep", deep},
		{"too many methods", many.String()},
		{"controller number", `{"id":"did:ex:1","controller":5}`},
		{"controller not a DID", `{"id":"did:ex:1","controller":["did:ex:2","nope"]}`},
		{"methods not an array", `{"id":"did:ex:1","verificationMethod":{}}`},
		{"method not an object", `{"id":"did:ex:1","verificationMethod":["#k"]}`},
		{"method id missing", `{"id":"did:ex:1","verificationMethod":[{"type":"Multikey"}]}`},
		{"method id relative without #", `{"id":"did:ex:1","verificationMethod":[{"id":"k","type":"Multikey"}]}`},
		{"method id bad fragment", `{"id":"did:ex:1","verificationMethod":[{"id":"#a b","type":"Multikey"}]}`},
		{"method type missing", `{"id":"did:ex:1","verificationMethod":[{"id":"#k"}]}`},
		{"method type number", `{"id":"did:ex:1","verificationMethod":[{"id":"#k","type":1}]}`},
		{"method controller bad", `{"id":"did:ex:1","verificationMethod":[{"id":"#k","type":"Multikey","controller":"x"}]}`},
		{"method case-folded member", vm(`,"Type":"Multikey"`)},
		{"duplicate method ids", `{"id":"did:ex:1","verificationMethod":[{"id":"#k","type":"Multikey"},{"id":"did:ex:1#k","type":"Multikey"}]}`},
		{"embedded duplicates listed", `{"id":"did:ex:1","verificationMethod":[{"id":"#k","type":"Multikey"}],"authentication":[{"id":"#k","type":"Multikey"}]}`},
		{"two key members", vm(`,"publicKeyMultibase":"z6Mk","publicKeyBase58":"abc"`)},
		{"jwk not an object", vm(`,"publicKeyJwk":"abc"`)},
		{"jwk private d", vm(`,"publicKeyJwk":{"kty":"OKP","crv":"Ed25519","x":"AA","d":"AA"}`)},
		{"jwk symmetric k", vm(`,"publicKeyJwk":{"kty":"oct","k":"AA"}`)},
		{"relationship not an array", `{"id":"did:ex:1","assertionMethod":"#k"}`},
		{"relationship entry number", `{"id":"did:ex:1","assertionMethod":[1]}`},
		{"relationship bad ref", `{"id":"did:ex:1","assertionMethod":["key-1"]}`},
		{"relationship bad embedded", `{"id":"did:ex:1","assertionMethod":[{"id":"#k"}]}`},
		{"alsoKnownAs not strings", `{"id":"did:ex:1","alsoKnownAs":[1]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := did.ParseDocument([]byte(tc.doc))
			if err == nil {
				t.Fatalf("ParseDocument = %+v, want an error", doc)
			}
			var de *did.Error
			if !errors.As(err, &de) || de.Code != did.CodeInvalidDIDDocument {
				t.Fatalf("error %v (%T), want code %s", err, err, did.CodeInvalidDIDDocument)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "did: ") || len(msg) > 600 {
				t.Errorf("message %q: want a did: prefix and a bounded length", msg)
			}
		})
	}
}

func TestMethod(t *testing.T) {
	doc, err := did.ParseDocument([]byte(exampleDoc))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		ref, rel string
		wantID   string // "" when an error is expected
		wantErr  error
		wantCode string
	}{
		{"#key-1", did.RelAssertionMethod, "did:web:example.com#key-1", nil, ""},
		{"did:web:example.com#key-1", did.RelAuthentication, "did:web:example.com#key-1", nil, ""},
		{"#key-2", did.RelAssertionMethod, "did:web:example.com#key-2", nil, ""},
		{"#auth-only", did.RelAuthentication, "did:web:example.com#auth-only", nil, ""},
		{"#key-2", did.RelAuthentication, "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#auth-only", did.RelAssertionMethod, "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#key-1", did.RelKeyAgreement, "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#key-1", did.RelCapabilityInvocation, "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#key-1", "AssertionMethod", "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#key-1", "", "", did.ErrNotInRelationship, did.CodeNotFound},
		{"#key-3", did.RelAssertionMethod, "", did.ErrMethodNotFound, did.CodeNotFound},
		{"did:web:evil.example#key-1", did.RelAssertionMethod, "", did.ErrMethodNotFound, did.CodeNotFound},
		{"did:web:example.com", did.RelAssertionMethod, "", did.ErrMethodNotFound, did.CodeNotFound},
		{"#linked", did.RelAssertionMethod, "", did.ErrMethodNotFound, did.CodeNotFound},
		{"key-1", did.RelAssertionMethod, "", nil, did.CodeInvalidDID},
		{"", did.RelAssertionMethod, "", nil, did.CodeInvalidDID},
	} {
		t.Run(tc.ref+"/"+tc.rel, func(t *testing.T) {
			vm, err := doc.Method(tc.ref, tc.rel)
			if tc.wantID != "" {
				if err != nil {
					t.Fatalf("Method: %v", err)
				}
				if vm.ID != tc.wantID {
					t.Fatalf("Method = %q, want %q", vm.ID, tc.wantID)
				}
				if _, err := vm.PublicKey(); err != nil {
					t.Fatalf("PublicKey: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Method = %+v, want an error", vm)
			}
			if did.ErrorCode(err) != tc.wantCode {
				t.Errorf("code %q, want %q (%v)", did.ErrorCode(err), tc.wantCode, err)
			}
			for _, sentinel := range []error{did.ErrMethodNotFound, did.ErrNotInRelationship} {
				if errors.Is(err, sentinel) != (sentinel == tc.wantErr) {
					t.Errorf("errors.Is(%v, %v) = %v", err, sentinel, !(sentinel == tc.wantErr))
				}
			}
		})
	}
}

func TestTestdataDocuments(t *testing.T) {
	type use struct{ ref, rel string }
	want := map[string]struct {
		id     string
		ok     []use
		notIn  []use
		keyErr []use // listed, but PublicKey refuses the key type
	}{
		"did-key-ed25519-seed0.json": {
			id: "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
			ok: []use{{"#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", did.RelAssertionMethod},
				{"#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", did.RelCapabilityDelegation}},
			notIn:  []use{{"#z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", did.RelAssertionMethod}},
			keyErr: []use{{"#z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", did.RelKeyAgreement}},
		},
		"did-example.org.json": {
			id:    "did:web:example.org",
			ok:    []use{{"#JWK2020-RSA", did.RelAssertionMethod}, {"#JWK-RSA", did.RelAssertionMethod}, {"#JWK2020-RSA", did.RelAuthentication}},
			notIn: []use{{"#JWK-RSA", did.RelAuthentication}},
		},
		"did-wizard.json": {
			id: "did:web:wizard.lab.gaia-x.eu:development:api:credentials:2d37wbGvQzbAQ84yRouh2m2vBKkN8s5AfH9Q75HZRCUQmJW7yAVSNKzjJj6gcjE2mDNDUHCichXWdMH3S2c8AaDLm3kXmf5R8AVK9XBQESCaXeK2yEqrzF13qeSUuGr3CiiB5gHiN5vhXyujZ4KCmnSJkbogrZ9mSG7AxMmHUwMWpDi1PhcnaX6nPhUs1YgeYBkaz2Us8CLocRzbrhxNtcgLvwuPL7ojRtNJMsigG7HXWz8QTEM8KZFYQtMt8QyeSZkoFNaq4vEkSR42kMSSMdvpBwVwDeXGW3xLxz9Udp5PqcwVb8LQf4FMd95FGbdpLkDZwPG5r9JPmEay31XhCJ3s4srWyg7viCbGUtAeVd7gLQD96QVpbnCTb2aREjHfc9xP24cWhPbT9fh5DnTnTqYq4KdLjnfTw4BXDtac7uvKLsuvbyVZd263bwptv2ZwrAxBtFjT24b2xtHmGgb75cBHe3CckRoMNm3wETxJdr4Fub7CQLL6dkwQHYhZ68ea3FgBVdJRnyz3YiUuJQEkaLGLF6GRxn2hf1KcgKtLa8hzFr8qzSWWn4vCtBjpHfUDWiF6MPqzuLDRUDLD7etMsSwspgwct168dsx7xBE",
			ok: []use{{"#JWK2020", did.RelAssertionMethod}},
		},
	}
	for _, v := range loadDocs(t) {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			w, ok := want[v.name]
			if !ok {
				t.Fatalf("no expectation for testdata/%s", v.name)
			}
			doc, err := did.ParseDocument(v.raw)
			if err != nil {
				t.Fatal(err)
			}
			if doc.ID != w.id {
				t.Fatalf("id %q, want %q", doc.ID, w.id)
			}
			for _, u := range w.ok {
				vm, err := doc.Method(u.ref, u.rel)
				if err != nil {
					t.Fatalf("Method(%s, %s): %v", u.ref, u.rel, err)
				}
				if _, err := vm.PublicKey(); err != nil {
					t.Fatalf("PublicKey(%s): %v", u.ref, err)
				}
			}
			for _, u := range w.notIn {
				if _, err := doc.Method(u.ref, u.rel); !errors.Is(err, did.ErrNotInRelationship) {
					t.Fatalf("Method(%s, %s) error %v, want ErrNotInRelationship", u.ref, u.rel, err)
				}
			}
			for _, u := range w.keyErr {
				vm, err := doc.Method(u.ref, u.rel)
				if err != nil {
					t.Fatalf("Method(%s, %s): %v", u.ref, u.rel, err)
				}
				if _, err := vm.PublicKey(); did.ErrorCode(err) != did.CodeInvalidDIDDocument {
					t.Fatalf("PublicKey(%s) error %v, want %s", u.ref, err, did.CodeInvalidDIDDocument)
				}
			}
		})
	}
}

func TestPublicKey(t *testing.T) {
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	for name, pub := range map[string]any{"ed25519": edPub, "p256": &p256.PublicKey, "p384": &p384.PublicKey, "rsa": &rsaKey.PublicKey} {
		t.Run(name, func(t *testing.T) {
			jwk, err := jose.PublicJWK(pub)
			if err != nil {
				t.Fatal(err)
			}
			mb, err := multikey.Encode(pub)
			if err != nil {
				t.Fatal(err)
			}
			for _, vm := range []did.VerificationMethod{
				{ID: "did:ex:1#jwk", Type: "JsonWebKey2020", PublicKeyJwk: jwk},
				{ID: "did:ex:1#mb", Type: "Multikey", PublicKeyMultibase: mb},
			} {
				got, err := vm.PublicKey()
				if err != nil {
					t.Fatalf("%s: %v", vm.ID, err)
				}
				if !got.(interface{ Equal(crypto.PublicKey) bool }).Equal(pub) {
					t.Fatalf("%s: key differs", vm.ID)
				}
			}
		})
	}
	p256mb, _ := multikey.Encode(&p256.PublicKey)
	for _, tc := range []struct {
		name        string
		vm          did.VerificationMethod
		unsupported bool
	}{
		{"no key", did.VerificationMethod{ID: "did:ex:1#k", Type: "Multikey"}, false},
		{"two keys", did.VerificationMethod{ID: "did:ex:1#k", Type: "Multikey", PublicKeyMultibase: p256mb, PublicKeyJwk: json.RawMessage(`{}`)}, false},
		{"bad jwk", did.VerificationMethod{ID: "did:ex:1#k", Type: "JsonWebKey2020", PublicKeyJwk: json.RawMessage(`{"kty":"EC"}`)}, false},
		{"private jwk", did.VerificationMethod{ID: "did:ex:1#k", Type: "JsonWebKey2020", PublicKeyJwk: json.RawMessage(`{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","d":"AA"}`)}, false},
		{"bad multibase", did.VerificationMethod{ID: "did:ex:1#k", Type: "Multikey", PublicKeyMultibase: "u6Mk"}, false},
		{"secp256k1 multikey", did.VerificationMethod{ID: "did:ex:1#k", Type: "Multikey", PublicKeyMultibase: "zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme"}, true},
		{"base58 for another type", did.VerificationMethod{ID: "did:ex:1#k", Type: "Multikey", PublicKeyBase58: "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS"}, false},
		{"base58 short", did.VerificationMethod{ID: "did:ex:1#k", Type: "Ed25519VerificationKey2018", PublicKeyBase58: "4zvwRjXUKG"}, false},
		{"ed25519 type with p256 key", did.VerificationMethod{ID: "did:ex:1#k", Type: "Ed25519VerificationKey2020", PublicKeyMultibase: p256mb}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.vm.PublicKey()
			if did.ErrorCode(err) != did.CodeInvalidDIDDocument {
				t.Fatalf("error %v, want code %s", err, did.CodeInvalidDIDDocument)
			}
			if errors.Is(err, did.ErrUnsupportedKeyType) != tc.unsupported {
				t.Errorf("errors.Is(ErrUnsupportedKeyType) = %v, want %v: %v", !tc.unsupported, tc.unsupported, err)
			}
		})
	}
}

func ExampleDocument_Method() {
	doc, err := did.ParseDocument([]byte(`{
	  "id": "did:web:issuer.example",
	  "verificationMethod": [{"id": "#key-1", "type": "Multikey",
	    "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"}],
	  "authentication": ["#key-1"]
	}`))
	if err != nil {
		panic(err)
	}
	vm, err := doc.Method("did:web:issuer.example#key-1", did.RelAuthentication)
	fmt.Println(vm.ID, err)
	_, err = doc.Method("#key-1", did.RelAssertionMethod)
	fmt.Println(errors.Is(err, did.ErrNotInRelationship))
	_, err = doc.Method("#key-2", did.RelAssertionMethod)
	fmt.Println(errors.Is(err, did.ErrMethodNotFound))
	// Output:
	// did:web:issuer.example#key-1 <nil>
	// true
	// true
}

func FuzzParseDocument(f *testing.F) {
	for _, v := range loadDocs(f) {
		f.Add(v.raw)
	}
	f.Add([]byte(exampleDoc))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := did.ParseDocument(b)
		if err != nil {
			var de *did.Error
			if !errors.As(err, &de) || de.Code != did.CodeInvalidDIDDocument {
				t.Fatalf("error %v (%T) is not a *did.Error with code %s", err, err, did.CodeInvalidDIDDocument)
			}
			return
		}
		// A parsed document marshals to one that parses to the same value.
		out, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		back, err := did.ParseDocument(out)
		if err != nil {
			t.Fatalf("ParseDocument(Marshal(doc)): %v\n%s", err, out)
		}
		if diff := cmp.Diff(mustJSON(t, doc), mustJSON(t, back)); diff != "" {
			t.Fatalf("round trip (-want +got):\n%s", diff)
		}
		for _, vm := range doc.VerificationMethod {
			u, err := did.ParseURL(vm.ID)
			if err != nil {
				t.Fatalf("method id %q: %v", vm.ID, err)
			}
			foreign := u.DID.String() != doc.ID // Method never returns these
			for _, rel := range []string{did.RelAssertionMethod, did.RelAuthentication} {
				_, err := doc.Method(vm.ID, rel)
				if foreign && !errors.Is(err, did.ErrMethodNotFound) {
					t.Fatalf("Method(%q) of a method of another DID: %v", vm.ID, err)
				}
				if !foreign && err != nil && !errors.Is(err, did.ErrNotInRelationship) {
					t.Fatalf("Method(%q) of a listed method: %v", vm.ID, err)
				}
			}
			if _, err := vm.PublicKey(); err != nil && did.ErrorCode(err) != did.CodeInvalidDIDDocument {
				t.Fatalf("PublicKey error %v", err)
			}
		}
	})
}
