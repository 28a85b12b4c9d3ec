package gaiax

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"github.com/gxwallet/gxwallet/core/fetch"
)

func TestParsePartyExample(t *testing.T) {
	b, err := os.ReadFile("testdata/party_credential.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Context           []string       `json:"@context"`
		CredentialSubject map[string]any `json:"credentialSubject"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	p, ok, err := ParseParty(doc.CredentialSubject, HasGaiaXVocab(doc.Context))
	if err != nil || !ok {
		t.Fatalf("ParseParty: %v, %v", ok, err)
	}
	if p.Holder[:12] != "did:key:z4MX" || p.Parent != "" || len(p.IdentityRoles) != 2 || p.IdentityAttributes[1] != "IdAttributeTwo" {
		t.Errorf("party = %+v", p)
	}
	if !SameKey(p.Holder, p.Holder+"#"+p.Holder[8:]) {
		t.Error("a did:key holder names its own key")
	}
}

func TestParseParty(t *testing.T) {
	const h = "did:web:acme.example:people:alice#key-1"
	for _, tc := range []struct {
		name    string
		subject map[string]any
		bare    bool
		ok      bool
		code    Code
	}{
		{"not a party credential", map[string]any{"id": "did:example:1"}, false, false, ""},
		{"prefixed", map[string]any{"id": "did:web:acme.example:people:alice", "gx:holder": h}, false, true, ""},
		{"full IRI", map[string]any{"id": "did:web:acme.example:people:alice", Vocabulary + "holder": h}, false, true, ""},
		{"bare under the gx context", map[string]any{"id": "did:web:acme.example:people:alice", "holder": h}, true, true, ""},
		{"bare without the gx context", map[string]any{"id": "did:web:acme.example:people:alice", "holder": h}, false, false, ""},
		{"holder of another DID", map[string]any{"id": "did:web:acme.example:people:bob", "gx:holder": h}, false, true, CodeBadParty},
		{"no subject id", map[string]any{"gx:holder": h}, false, true, CodeBadParty},
		{"holder not a DID", map[string]any{"id": "did:example:1", "gx:holder": "https://acme.example/k"}, false, true, CodeBadParty},
		{"holder not a string", map[string]any{"id": "did:example:1", "gx:holder": 42.0}, false, true, CodeBadParty},
		{"bad roles", map[string]any{"id": "did:web:acme.example:people:alice", "gx:holder": h, "gx:identityRoles": 1.0}, false, true, CodeBadParty},
		{"bad parent", map[string]any{"id": "did:web:acme.example:people:alice", "gx:holder": h, "gx:parentPartyCredential": 3.0}, false, true, CodeBadParty},
		{"parent as object", map[string]any{"id": "did:web:acme.example:people:alice", "gx:holder": h, "gx:parentPartyCredential": map[string]any{"id": "https://acme.example/vc/1"}}, false, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ok, err := ParseParty(tc.subject, tc.bare)
			if ok != tc.ok || CodeOf(err) != tc.code || (tc.code == "" && err != nil) {
				t.Errorf("ok=%v err=%v, want ok=%v code=%q", ok, err, tc.ok, tc.code)
			}
		})
	}
}

func TestSameKey(t *testing.T) {
	for _, tc := range []struct {
		holder, method string
		want           bool
	}{
		{"did:web:a#k1", "did:web:a#k1", true},
		{"did:web:a#k1", "did:web:a#k2", false},
		{"did:web:a", "did:web:a#k1", false}, // a did:web DID may hold several keys
		{"did:key:z6Mk1", "did:key:z6Mk1#z6Mk1", true},
		{"did:jwk:eyJ", "did:jwk:eyJ#0", true},
		{"did:key:z6Mk1", "did:key:z6Mk2#z6Mk2", false},
	} {
		if got := SameKey(tc.holder, tc.method); got != tc.want {
			t.Errorf("SameKey(%q, %q) = %v", tc.holder, tc.method, got)
		}
	}
}

func TestTrustedScope(t *testing.T) {
	s, err := ParseTrustedScope(map[string]any{
		"gx:scopeDescription":    "employee credentials of ACME",
		"gx:trustIssuer":         []any{"did:web:acme.example#key-1", "did:web:hr.example"},
		"gx:trustedListKind":     ListGenericREST,
		"gx:trustedListEndpoint": "https://list.example/v1/dids",
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		issuer, method string
		want           bool
	}{
		{"did:web:acme.example", "did:web:acme.example#key-1", true},
		{"did:web:acme.example", "did:web:acme.example#key-2", false}, // one key pair only
		{"did:web:hr.example", "did:web:hr.example#any", true},
		{"did:web:other.example", "did:web:other.example#key-1", false},
	} {
		if got := s.Covers(tc.issuer, tc.method); got != tc.want {
			t.Errorf("Covers(%q, %q) = %v", tc.issuer, tc.method, got)
		}
	}
	for name, subj := range map[string]map[string]any{
		"no trustIssuer":      {"gx:scopeDescription": "x"},
		"trustIssuer not DID": {"gx:trustIssuer": "https://acme.example"},
		"empty":               {"gx:trustIssuer": []any{}},
		"bad vocabularies":    {"gx:trustIssuer": "did:web:a", "gx:vocabularies": 1.0},
	} {
		if _, err := ParseTrustedScope(subj, false); CodeOf(err) != CodeBadScope {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestRESTList(t *testing.T) {
	const ep = "https://list.example/v1/dids"
	l := RESTList{Endpoint: ep + "/", Fetcher: fetch.Map{Entries: map[string][]byte{
		ep + "/did:web:yes.example":    []byte("true"),
		ep + "/did:web:no.example":     []byte(" false\n"),
		ep + "/did:web:obj.example":    []byte(`{"valid":true,"since":"2026-01-01"}`),
		ep + "/did:web:weird.example":  []byte(`"yes"`),
		ep + "/did:web:a.example%23k1": []byte(`{"result":true}`),
	}, Next: notFound{}}}
	ctx := context.Background()
	for did, want := range map[string]bool{"did:web:yes.example": true, "did:web:no.example": false, "did:web:obj.example": true, "did:web:gone.example": false, "did:web:a.example#k1": true} {
		if got, err := l.Valid(ctx, did); err != nil || got != want {
			t.Errorf("Valid(%q) = %v, %v; want %v", did, got, err, want)
		}
	}
	if _, err := l.Valid(ctx, "did:web:weird.example"); CodeOf(err) != CodeTrustedList {
		t.Errorf("non-boolean answer: %v", err)
	}
	if _, err := (RESTList{Endpoint: ep}).Valid(ctx, "did:web:yes.example"); !errors.Is(err, fetch.ErrOffline) {
		t.Errorf("no fetcher: %v", err)
	}
	if u := (RESTList{Endpoint: "https://l.example/check?did={did}"}).URL("did:web:a"); u != "https://l.example/check?did=did:web:a" {
		t.Errorf("template URL = %q", u)
	}
}

type notFound struct{}

func (notFound) Fetch(_ context.Context, url string) ([]byte, error) {
	return nil, &fetch.Error{URL: url, Err: fetch.ErrNotFound}
}
