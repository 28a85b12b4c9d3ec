package verify

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/gxwallet/gxwallet/core/fetch"
)

func TestTrustedScopes(t *testing.T) {
	gov := newIssuer(t, "governance", "PS256")
	acme := newIssuer(t, "acme", "ES256")
	rogue := newIssuer(t, "rogue", "EdDSA")
	const listEP = "https://list.example/dids"
	tsc := func(signer *issuer, subject map[string]any, edit func(m map[string]any)) json.RawMessage {
		tok := signer.sign(t, signer.credential(func(m map[string]any) {
			m["id"] = "urn:uuid:scope-1"
			m["type"] = []any{"VerifiableCredential", "gx:TrustedScopeCredential"}
			subject["id"] = "urn:uuid:scope-subject"
			m["credentialSubject"] = subject
			if edit != nil {
				edit(m)
			}
		}), nil)
		b, _ := json.Marshal(tok)
		return b
	}
	cred := acme.sign(t, acme.credential(nil), nil)
	with := func(scopes []json.RawMessage, list map[string][]byte) Options {
		o := opts([]*issuer{gov, acme, rogue})
		o.Policy.TrustedScopes = scopes
		o.Policy.GovernanceAuthorities = []string{gov.DID}
		o.Fetcher = fetch.Map{Entries: list}
		return o
	}
	accredits := map[string]any{"gx:scopeDescription": "employees", "gx:trustIssuer": []any{acme.Kid}}
	withList := map[string]any{"gx:trustIssuer": acme.Kid, "gx:trustedListKind": "Gaia-X Trusted List Generic REST API", "gx:trustedListEndpoint": listEP}
	for _, tt := range []struct {
		name   string
		opts   Options
		status Status
		code   Code
	}{
		{"accredited by scope", with([]json.RawMessage{tsc(gov, accredits, nil)}, nil), StatusActive, ""},
		{"scope by a non-authority", with([]json.RawMessage{tsc(rogue, accredits, nil)}, nil), StatusUntrusted, CodeUntrusted},
		{"scope for another key", with([]json.RawMessage{tsc(gov, map[string]any{"gx:trustIssuer": acme.DID + "#key-2"}, nil)}, nil), StatusUntrusted, CodeUntrusted},
		{"expired scope", with([]json.RawMessage{tsc(gov, accredits, func(m map[string]any) { m["validUntil"] = "2026-05-01T00:00:00Z" })}, nil), StatusUntrusted, CodeUntrusted},
		{"trusted list says valid", with([]json.RawMessage{tsc(gov, withList, nil)}, map[string][]byte{listEP + "/" + acme.DID: []byte(`{"valid":true}`)}), StatusActive, ""},
		{"trusted list says no longer valid", with([]json.RawMessage{tsc(gov, withList, nil)}, map[string][]byte{listEP + "/" + acme.DID: []byte(`false`)}), StatusUntrusted, CodeUntrusted},
		{"other list kinds are not evaluated", with([]json.RawMessage{tsc(gov, map[string]any{"gx:trustIssuer": acme.Kid, "gx:trustedListKind": "EBSI", "gx:trustedListEndpoint": listEP}, nil)}, nil), StatusUntrusted, CodeUntrusted},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			expect(t, mustVerify(t, cred, tt.opts), tt.status, tt.code)
		})
	}
	t.Run("trusted list unreachable", func(t *testing.T) {
		r, err := Verify(context.Background(), []byte(cred), with([]json.RawMessage{tsc(gov, withList, nil)}, nil))
		if !errors.Is(err, ErrIndeterminate) {
			t.Fatalf("err = %v", err)
		}
		expect(t, r, StatusInvalid, CodeResourceMissing)
	})
}
