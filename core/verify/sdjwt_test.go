package verify

import (
	"crypto/ecdsa"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/status"
)

const (
	sdNonce = "n-0S6_WzA2Mj"
	sdAud   = "https://rp.example"
)

// employeeVC is an SD-JWT VC of iss about an employee, five claims
// disclosable, bound to holder.
func employeeVC(t *testing.T, iss *issuer, holder *ecdsa.PrivateKey, edit func(m map[string]any)) *sdjwt.SDJWT {
	t.Helper()
	claims := map[string]any{
		"iss": iss.DID, "vct": "https://acme.example/vct/employee", "iat": float64(testNow.Add(-24 * time.Hour).Unix()),
		"given_name": "Ada", "family_name": "Lovelace", "email": "ada@acme.example", "role": "engineer", "employee_no": "42",
	}
	if edit != nil {
		edit(claims)
	}
	policy := sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"email"}, {"role"}, {"employee_no"}}, Decoys: 2}
	tok, err := sdjwt.Issue(claims, policy, iss.Key, iss.Alg, map[string]any{"typ": "dc+sd-jwt", "kid": iss.Kid}, holder.Public())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sdjwt.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func present(t *testing.T, s *sdjwt.SDJWT, holder *ecdsa.PrivateKey, nonce, aud string, paths ...[]any) string {
	t.Helper()
	var kb *sdjwt.KBOptions
	if holder != nil {
		kb = &sdjwt.KBOptions{Signer: holder, Nonce: nonce, Aud: aud, IAT: testNow.Add(-time.Minute)}
	}
	p, err := s.Present(paths, kb)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSDJWTVC(t *testing.T) {
	iss := newIssuer(t, "acme", "ES256")
	holder := testKey(t, "ES384").(*ecdsa.PrivateKey) // any key type: it is in cnf
	s := employeeVC(t, iss, holder, nil)
	o := opts([]*issuer{iss}, iss.DID)
	o.Nonce, o.Audience = sdNonce, sdAud
	two := present(t, s, holder, sdNonce, sdAud, []any{"given_name"}, []any{"role"})

	t.Run("two of five claims", func(t *testing.T) {
		r := mustVerify(t, two, o)
		expect(t, r, StatusActive, "")
		if r.Format != FormatDCSDJWT || r.Issuer != iss.DID {
			t.Errorf("result %+v", r)
		}
		if r.Claims["given_name"] != "Ada" || r.Claims["role"] != "engineer" {
			t.Errorf("disclosed claims missing: %v", r.Claims)
		}
		for _, hidden := range []string{"family_name", "email", "employee_no", "_sd", "_sd_alg"} {
			if _, ok := r.Claims[hidden]; ok {
				t.Errorf("claim %q leaked into the Result", hidden)
			}
		}
		if c := r.Check(CheckBinding); c == nil || !c.OK() {
			t.Errorf("binding check %+v", c)
		}
	})
	for _, tt := range []struct {
		name   string
		input  string
		status Status
		code   Code
	}{
		{"replayed nonce", present(t, s, holder, "old-nonce", sdAud, []any{"role"}), StatusInvalid, CodeNonceMismatch},
		{"other audience", present(t, s, holder, sdNonce, "https://other.example", []any{"role"}), StatusInvalid, CodeAudMismatch},
		{"no key binding", present(t, s, nil, "", "", []any{"role"}), StatusInvalid, CodeBindingMissing},
		{"key binding by another key", present(t, s, testKey(t, "ES256").(*ecdsa.PrivateKey), sdNonce, sdAud, []any{"role"}), StatusInvalid, CodeKBBadSignature},
		{"disclosure altered", strings.Replace(two, "~", "~W", 1), StatusInvalid, ""},
		{"unknown disclosure added", two[:strings.LastIndex(two, "~")+1] + "WyJzYWx0IiwgIngiLCAxXQ~" + two[strings.LastIndex(two, "~")+1:], StatusInvalid, CodeDigestNotReferenced},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, mustVerify(t, tt.input, o), tt.status, tt.code)
		})
	}
	t.Run("key binding is policy, not inferred", func(t *testing.T) {
		// Without a nonce or audience expected, a bare SD-JWT VC is fine.
		expect(t, mustVerify(t, present(t, s, nil, "", "", []any{"role"}), opts([]*issuer{iss}, iss.DID)), StatusActive, "")
	})
	t.Run("expired", func(t *testing.T) {
		old := employeeVC(t, iss, holder, func(m map[string]any) { m["exp"] = float64(testNow.Add(-time.Hour).Unix()) })
		r := mustVerify(t, present(t, old, holder, sdNonce, sdAud, []any{"role"}), o)
		expect(t, r, StatusExpired, CodeExpired)
		if r.Claims["role"] != "engineer" {
			t.Errorf("an expired credential still shows what it says: %v", r.Claims)
		}
	})
	t.Run("untrusted issuer", func(t *testing.T) {
		o2 := o
		o2.Policy.TrustedIssuers = nil
		expect(t, mustVerify(t, two, o2), StatusUntrusted, CodeUntrusted)
	})
}

func TestSDJWTVCTokenStatus(t *testing.T) {
	iss := newIssuer(t, "acme", "ES256")
	holder := testKey(t, "ES384").(*ecdsa.PrivateKey)
	lst, err := status.EncodeTokenList(2, []byte{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	list := iss.sign(t, map[string]any{"sub": tokenList, "iat": float64(testNow.Add(-time.Hour).Unix()), "status_list": map[string]any{"bits": 2.0, "lst": lst}}, map[string]any{"typ": "statuslist+jwt"})
	o := opts([]*issuer{iss}, iss.DID)
	o.Fetcher = fetch.Map{Entries: map[string][]byte{tokenList: []byte(list)}}
	for idx, want := range map[float64]Status{0: StatusActive, 1: StatusRevoked, 2: StatusSuspended} {
		s := employeeVC(t, iss, holder, func(m map[string]any) {
			m["status"] = map[string]any{"status_list": map[string]any{"idx": idx, "uri": tokenList}}
		})
		r := mustVerify(t, present(t, s, nil, "", "", []any{"role"}), o)
		if r.Status != want {
			t.Errorf("idx %v: status %s, want %s; %s", idx, r.Status, want, dumpChecks(r))
		}
	}
}

// TestSDJWTPartyCredential: a Gaia-X NaturalPersonPartyCredential (VC DM
// 2.0) whose subject claims are each disclosable, presented with one role.
func TestSDJWTPartyCredential(t *testing.T) {
	iss := newIssuer(t, "employer", "PS256")
	holder := testKey(t, "ES256").(*ecdsa.PrivateKey)
	holderDID, err := jwk.Encode(&holder.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	issue := func(holderKey string) *sdjwt.SDJWT {
		claims := iss.credential(func(m map[string]any) {
			m["@context"] = []any{"https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"}
			m["credentialSubject"] = map[string]any{
				"id": holderDID.String(), "type": "gx:NaturalPersonPartyCredential", "gx:holder": holderKey,
				"gx:givenName": "Ada", "gx:surname": "Lovelace",
				"gx:identityRoles": []any{"engineer", "approver"}, "gx:identityAttributes": []any{"badge-7"},
			}
		})
		cs := []any{"credentialSubject"}
		policy := sdjwt.Policy{Disclosable: [][]any{
			append(cs, "gx:givenName"), append(cs, "gx:surname"), append(cs, "gx:identityRoles", 0), append(cs, "gx:identityRoles", 1), append(cs, "gx:identityAttributes", 0),
		}}
		tok, err := sdjwt.Issue(claims, policy, iss.Key, iss.Alg, map[string]any{"typ": "vc+sd-jwt", "kid": iss.Kid}, holder.Public())
		if err != nil {
			t.Fatal(err)
		}
		s, err := sdjwt.Parse(tok)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	o := opts([]*issuer{iss}, iss.DID)
	o.Nonce, o.Audience = sdNonce, sdAud
	s := issue(holderDID.String() + "#0")
	r := mustVerify(t, present(t, s, holder, sdNonce, sdAud, []any{"credentialSubject", "gx:identityRoles", 1}), o)
	expect(t, r, StatusActive, "")
	roles, _ := r.Claims["gx:identityRoles"].([]any)
	if r.Format != FormatVCSDJWT || len(roles) != 1 || roles[0] != "approver" {
		t.Errorf("format %s, roles %v", r.Format, r.Claims["gx:identityRoles"])
	}
	for _, hidden := range []string{"gx:givenName", "gx:surname"} {
		if _, ok := r.Claims[hidden]; ok {
			t.Errorf("%s was not presented but is in the Result", hidden)
		}
	}
	// The attributes array itself is visible; its one element is not.
	if attrs, _ := r.Claims["gx:identityAttributes"].([]any); len(attrs) != 0 {
		t.Errorf("an undisclosed attribute leaked: %v", attrs)
	}
	// gx:holder naming another key than cnf is refused.
	other := testKey(t, "EdDSA")
	otherDID, _ := jwk.Encode(other.Public())
	r = mustVerify(t, present(t, issueWithSubject(t, iss, holder, otherDID.String()), holder, sdNonce, sdAud), o)
	expect(t, r, StatusInvalid, CodeBadParty)
}

// issueWithSubject issues a party credential whose subject and gx:holder
// are subjectDID's, while cnf holds holder's key.
func issueWithSubject(t *testing.T, iss *issuer, holder *ecdsa.PrivateKey, subjectDID string) *sdjwt.SDJWT {
	t.Helper()
	claims := iss.credential(func(m map[string]any) {
		m["@context"] = []any{"https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"}
		m["credentialSubject"] = map[string]any{"id": subjectDID, "gx:holder": subjectDID + "#0", "gx:givenName": "Mallory"}
	})
	tok, err := sdjwt.Issue(claims, sdjwt.Policy{}, iss.Key, iss.Alg, map[string]any{"typ": "vc+sd-jwt", "kid": iss.Kid}, holder.Public())
	if err != nil {
		t.Fatal(err)
	}
	s, err := sdjwt.Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSDJWTVCIssuerMetadata: an SD-JWT VC whose iss is an https URL is
// verified with the key in its JWT VC Issuer Metadata.
func TestSDJWTVCIssuerMetadata(t *testing.T) {
	key := testKey(t, "ES256").(*ecdsa.PrivateKey)
	const iss = "https://issuer.example/tenants/acme"
	pub, _ := jose.PublicJWK(&key.PublicKey)
	jwkWithKid := strings.Replace(string(pub), "{", `{"kid":"k-2026",`, 1)
	md := `{"issuer":"` + iss + `","jwks":{"keys":[` + jwkWithKid + `]}}`
	claims := map[string]any{"iss": iss, "vct": "https://issuer.example/vct/employee", "role": "engineer"}
	tok, err := sdjwt.Issue(claims, sdjwt.Policy{Disclosable: [][]any{{"role"}}}, key, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": "k-2026"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	with := func(m map[string][]byte) Options {
		return Options{Now: testNow, Fetcher: fetch.Map{Entries: m}, Policy: Policy{TrustedIssuers: []string{iss}}}
	}
	wellKnown := "https://issuer.example/.well-known/jwt-vc-issuer/tenants/acme"
	expect(t, mustVerify(t, tok, with(map[string][]byte{wellKnown: []byte(md)})), StatusActive, "")
	expect(t, mustVerify(t, tok, with(map[string][]byte{wellKnown: []byte(strings.Replace(md, iss, "https://evil.example", 1))})), StatusInvalid, CodeKeyResolution)
	expect(t, mustVerify(t, tok, with(map[string][]byte{wellKnown: []byte(strings.Replace(md, "k-2026", "k-2025", 1))})), StatusInvalid, CodeKeyNotFound)
}
