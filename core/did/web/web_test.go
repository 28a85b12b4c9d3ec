package web_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/web"
	"github.com/gxwallet/gxwallet/core/fetch"
)

// URL mapping examples of did:web §3.2 (Read), plus our refusals.
func TestURL(t *testing.T) {
	for _, tc := range []struct {
		did  string
		want string // "" when an error is expected
	}{
		{"did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json"},
		{"did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json"},
		{"did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json"},
		{"did:web:example.com%3a8443", "https://example.com:8443/.well-known/did.json"},
		{"did:web:Example.COM", "https://example.com/.well-known/did.json"},
		{"did:web:localhost%3A8080", "https://localhost:8080/.well-known/did.json"},
		{"did:web:did.actor:alice", "https://did.actor/alice/did.json"},
		{"did:web:example.com:a%20b", "https://example.com/a%20b/did.json"},
		{"did:web:example.com:u:~alice", ""}, // "~" is not a DID idchar: ParseURL refuses
		{"did:web:xn--bcher-kva.example", "https://xn--bcher-kva.example/.well-known/did.json"},
		// Refused.
		{"did:web:127.0.0.1", ""},
		{"did:web:127.0.0.1%3A8080", ""},
		{"did:web:2130706433", ""},
		{"did:web:0x7f000001", ""},
		{"did:web:0x7f.0.0.1", ""},
		{"did:web:10.0.0.0x1", ""},
		{"did:web:example.123", ""},
		{"did:web:%3A80", ""},
		{"did:web:example.com%3A", ""},
		{"did:web:example.com%3A0", ""},
		{"did:web:example.com%3A080", ""},
		{"did:web:example.com%3A65536", ""},
		{"did:web:example.com%3A-1", ""},
		{"did:web:example.com%3A80%3A81", ""},
		{"did:web:exa_mple.com", ""},
		{"did:web:-example.com", ""},
		{"did:web:example-.com", ""},
		{"did:web:example..com", ""},
		{"did:web:.example.com", ""},
		{"did:web:example.com.", ""},
		{"did:web:ex%61mple.com", ""},
		{"did:web:" + strings.Repeat("a", 64) + ".com", ""},
		{"did:web:example.com::alice", ""},
		{"did:web:example.com:..", ""},
		{"did:web:example.com:.", ""},
		{"did:web:example.com:%2E%2E:admin", ""},
		{"did:web:example.com:%2e", ""},
		{"did:web:example.com:a%2Fb", ""},
		{"did:web:example.com:a%5Cb", ""},
		{"did:web:example.com:a%3Fb", ""},
		{"did:web:example.com:a%23b", ""},
		{"did:web:example.com:a%00b", ""},
		{"did:web:example.com:a%0Ab", ""},
	} {
		t.Run(tc.did, func(t *testing.T) {
			d, err := did.Parse(tc.did)
			if err != nil {
				if tc.want != "" {
					t.Fatalf("Parse: %v", err)
				}
				return
			}
			got, err := web.URL(d)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("URL = %q, want an error", got)
				}
				if did.ErrorCode(err) != did.CodeInvalidDID {
					t.Fatalf("error %v, want code %s", err, did.CodeInvalidDID)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("URL = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if _, err := web.URL(did.DID{Method: "key", ID: "z6Mk"}); did.ErrorCode(err) != did.CodeMethodNotSupported {
		t.Errorf("URL(did:key) error %v", err)
	}
}

const aliceDoc = `{
  "id": "did:web:example.com:user:alice",
  "verificationMethod": [{"id": "#key-1", "type": "JsonWebKey2020",
    "publicKeyJwk": {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}],
  "assertionMethod": ["#key-1"]
}`

type failing struct{ err error }

func (f failing) Fetch(context.Context, string) ([]byte, error) { return nil, f.err }

func TestResolve(t *testing.T) {
	ctx := context.Background()
	alice := did.DID{Method: "web", ID: "example.com:user:alice"}
	r := web.Resolver{Fetcher: fetch.Map{Entries: map[string][]byte{
		"https://example.com/user/alice/did.json":   []byte(aliceDoc),
		"https://example.com/user/mallory/did.json": []byte(aliceDoc), // answers for another DID
		"https://example.com/user/broken/did.json":  []byte(`{"id":"did:web:example.com:user:broken","id":"x"}`),
		"https://example.com/user/huge/did.json":    []byte(`{"id":"did:web:example.com:user:huge","service":"` + strings.Repeat("a", did.MaxDocumentBytes) + `"}`),
		"https://example.com/user/empty/did.json":   {},
	}, Next: failing{fmt.Errorf("http 404: %w", fetch.ErrNotFound)}}}

	doc, err := r.Resolve(ctx, alice)
	if err != nil {
		t.Fatalf("Resolve(alice): %v", err)
	}
	if _, err := doc.Method("did:web:example.com:user:alice#key-1", did.RelAssertionMethod); err != nil {
		t.Fatalf("Method: %v", err)
	}
	// The same resolver behind did.Methods.
	if _, err := (did.Methods{web.Method: r}).Resolve(ctx, alice); err != nil {
		t.Fatalf("Methods.Resolve: %v", err)
	}

	for _, tc := range []struct {
		name    string
		r       web.Resolver
		d       did.DID
		code    string
		wrapped error
	}{
		{"other method", r, did.DID{Method: "key", ID: "z6Mk"}, did.CodeMethodNotSupported, nil},
		{"ip literal", r, did.DID{Method: "web", ID: "127.0.0.1"}, did.CodeInvalidDID, nil},
		{"id mismatch", r, did.DID{Method: "web", ID: "example.com:user:mallory"}, did.CodeInvalidDIDDocument, nil},
		{"duplicate member", r, did.DID{Method: "web", ID: "example.com:user:broken"}, did.CodeInvalidDIDDocument, nil},
		{"too large", r, did.DID{Method: "web", ID: "example.com:user:huge"}, did.CodeInvalidDIDDocument, nil},
		{"empty body", r, did.DID{Method: "web", ID: "example.com:user:empty"}, did.CodeInvalidDIDDocument, nil},
		{"not found", r, did.DID{Method: "web", ID: "example.com:user:nobody"}, did.CodeNotFound, fetch.ErrNotFound},
		{"offline map", web.Resolver{Fetcher: fetch.Map{}}, alice, did.CodeInternalError, fetch.ErrOffline},
		{"offline", web.Resolver{Fetcher: fetch.Offline{}}, alice, did.CodeInternalError, fetch.ErrOffline},
		{"nil fetcher", web.Resolver{}, alice, did.CodeInternalError, fetch.ErrOffline},
		{"too large from fetcher", web.Resolver{Fetcher: failing{&fetch.Error{URL: "u", Err: fetch.ErrTooLarge}}}, alice, did.CodeInternalError, fetch.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := tc.r.Resolve(ctx, tc.d)
			if err == nil {
				t.Fatalf("Resolve = %+v, want an error", doc)
			}
			var de *did.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("error %v (%T), want code %s", err, err, tc.code)
			}
			if tc.wrapped != nil && !errors.Is(err, tc.wrapped) {
				t.Fatalf("error %v does not wrap %v", err, tc.wrapped)
			}
			if !strings.HasPrefix(err.Error(), "did: ") {
				t.Errorf("message %q lacks the did: prefix", err)
			}
		})
	}
}

func ExampleURL() {
	for _, s := range []string{"did:web:example.com", "did:web:example.com%3A8443:user:alice", "did:web:127.0.0.1"} {
		d, _ := did.Parse(s)
		u, err := web.URL(d)
		if err != nil {
			fmt.Println("refused:", did.ErrorCode(err))
			continue
		}
		fmt.Println(u)
	}
	// Output:
	// https://example.com/.well-known/did.json
	// https://example.com:8443/user/alice/did.json
	// refused: invalidDid
}
