package verify

import (
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
)

// partyCredential is a NaturalPersonPartyCredential from iss to holder
// (whose key #key-1 is gx:holder), delegated from parent when not "".
func partyCredential(t *testing.T, iss, holder *issuer, parent string, edit func(m map[string]any)) string {
	t.Helper()
	return iss.sign(t, iss.credential(func(m map[string]any) {
		m["@context"] = []any{"https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"}
		m["id"] = "urn:uuid:party-" + holder.name
		subj := map[string]any{
			"id": holder.DID, "type": "gx:NaturalPersonPartyCredential",
			"gx:holder": holder.Kid, "gx:identityRoles": []any{"employee"},
		}
		if parent != "" {
			subj["gx:parentPartyCredential"] = parent
		}
		m["credentialSubject"] = subj
		if edit != nil {
			edit(m)
		}
	}), nil)
}

func TestDelegation(t *testing.T) {
	root := newIssuer(t, "root", "PS256")
	a := newIssuer(t, "dept-a", "ES256")
	b := newIssuer(t, "dept-b", "EdDSA")
	c := newIssuer(t, "team-c", "ES384")
	alice := newIssuer(t, "alice", "ES256")
	all := []*issuer{root, a, b, c, alice}
	url := func(i *issuer) string { return "https://creds.example/party/" + i.name }

	// root → a → b → c: each holder issues the next credential with the
	// key its parent names.
	pa := partyCredential(t, root, a, "", nil)
	pb := partyCredential(t, a, b, url(a), nil)
	pc := partyCredential(t, b, c, url(b), nil)
	pAlice := partyCredential(t, c, alice, url(c), nil)
	expiredA := partyCredential(t, root, a, "", func(m map[string]any) { m["validUntil"] = "2026-02-01T00:00:00Z" })
	tamperedA := pa[:len(pa)-4] + "AAAA"
	// b issues as if it held a's credential: the parent's holder is not b's key.
	wrongHolder := partyCredential(t, b, alice, url(a), nil)

	with := func(parents map[string]string, trusted ...string) Options {
		o := opts(all, trusted...)
		m := map[string][]byte{}
		for u, v := range parents {
			m[u] = []byte(v)
		}
		o.Fetcher = fetch.Map{Entries: m}
		return o
	}
	chain := map[string]string{url(a): pa, url(b): pb, url(c): pc}
	for _, tt := range []struct {
		name   string
		input  string
		opts   Options
		status Status
		code   Code
	}{
		{"root credential, trusted root", pa, with(nil, root.DID), StatusActive, ""},
		{"depth 1: only the root is trusted", pb, with(chain, root.DID), StatusActive, ""},
		{"depth 2", pc, with(chain, root.DID), StatusActive, ""},
		{"depth 3", pAlice, with(chain, root.DID), StatusActive, ""},
		{"depth 3, untrusted root", pAlice, with(chain), StatusUntrusted, CodeUntrusted},
		{"parent signed by someone else than its holder", wrongHolder, with(chain, root.DID), StatusInvalid, CodeDelegationInvalid},
		{"expired parent expires the child", pb, with(map[string]string{url(a): expiredA}, root.DID), StatusExpired, CodeExpired},
		{"invalid parent", pb, with(map[string]string{url(a): tamperedA}, root.DID), StatusInvalid, CodeDelegationInvalid},
		{"parent not a party credential", pb, with(map[string]string{url(a): root.sign(t, root.credential(nil), nil)}, root.DID), StatusInvalid, CodeDelegationInvalid},
		{"cycle", partyCredential(t, a, b, url(b), nil), with(map[string]string{url(b): partyCredential(t, a, b, url(b), nil)}, root.DID), StatusInvalid, CodeDelegationInvalid},
		{"holder of another DID than the subject", partyCredential(t, root, a, "", func(m map[string]any) {
			m["credentialSubject"].(map[string]any)["gx:holder"] = b.Kid
		}), with(nil, root.DID), StatusInvalid, CodeBadParty},
		{"holder key not in the holder's document", partyCredential(t, root, a, "", func(m map[string]any) {
			m["credentialSubject"].(map[string]any)["gx:holder"] = a.DID + "#nope"
		}), with(nil, root.DID), StatusInvalid, CodeBadParty},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			expect(t, mustVerify(t, tt.input, tt.opts), tt.status, tt.code)
		})
	}

	t.Run("revoked parent revokes the child", func(t *testing.T) {
		revokedA := partyCredential(t, root, a, "", func(m map[string]any) {
			m["credentialStatus"] = entry("revocation", "https://root.example/status/1", "5")
		})
		o := with(map[string]string{url(a): revokedA}, root.DID)
		o.Fetcher = fetch.Map{Entries: map[string][]byte{url(a): []byte(revokedA),
			"https://root.example/status/1": statusList(t, root, "https://root.example/status/1", "revocation", 131072, 1, map[uint64]uint64{5: 1}, nil)}}
		r := mustVerify(t, pb, o)
		expect(t, r, StatusRevoked, CodeRevoked)
		if len(r.Credentials) != 1 || r.Credentials[0].Status != StatusRevoked {
			t.Errorf("the parent's result should be reported: %+v", r.Credentials)
		}
	})

	t.Run("too deep", func(t *testing.T) {
		// A chain of MaxDelegationDepth+1 credentials, each issued by the
		// same issuer to itself, the parents all distinct.
		self := newIssuer(t, "self", "ES256")
		m := map[string][]byte{}
		prev := ""
		for i := 0; i <= MaxDelegationDepth; i++ {
			u := "https://creds.example/self/" + string(rune('a'+i))
			m[u] = []byte(partyCredential(t, self, self, prev, func(mm map[string]any) { mm["id"] = "urn:uuid:" + u }))
			prev = u
		}
		o := Options{Now: testNow, Resolver: did.Static{Docs: map[string]*did.Document{self.DID: self.Doc}}, Fetcher: fetch.Map{Entries: m}, Policy: Policy{TrustedIssuers: []string{self.DID}}}
		r := mustVerify(t, partyCredential(t, self, self, prev, nil), o)
		expect(t, r, StatusInvalid, CodeDelegationInvalid)
		// The bound is the delegation depth, reported at the deepest level.
		for len(r.Credentials) > 0 {
			r = r.Credentials[0]
		}
		if c := r.Check(CheckDelegation); c == nil || !strings.Contains(c.Detail, "deeper than") {
			t.Errorf("deepest delegation check = %+v", c)
		}
		// One level less is fine.
		o.Fetcher = fetch.Map{Entries: m}
		first := "https://creds.example/self/" + string(rune('a'+MaxDelegationDepth-1))
		expect(t, mustVerify(t, partyCredential(t, self, self, first, nil), o), StatusActive, "")
	})
}

// TestPartyCredentialHolderBinding: a Party Credential in a presentation
// must be presented by the key its gx:holder names.
func TestPartyCredentialHolderBinding(t *testing.T) {
	root := newIssuer(t, "root", "PS256")
	alice := newIssuer(t, "alice", "ES256")
	mallory := newIssuer(t, "mallory", "EdDSA")
	cred := partyCredential(t, root, alice, "", nil)
	vp := func(by *issuer) string {
		return by.sign(t, map[string]any{
			"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "type": "VerifiablePresentation", "holder": by.DID,
			"verifiableCredential": []any{map[string]any{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt," + cred}},
		}, map[string]any{"typ": "vp+jwt"})
	}
	o := opts([]*issuer{root, alice, mallory}, root.DID)
	expect(t, mustVerify(t, vp(alice), o), StatusActive, "")
	r := mustVerify(t, vp(mallory), o)
	expect(t, r, StatusInvalid, CodeCredentialInvalid)
	expect(t, r.Credentials[0], StatusInvalid, CodeHolderBinding)
}
