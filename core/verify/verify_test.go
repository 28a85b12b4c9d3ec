package verify

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
)

func TestAlgorithms(t *testing.T) {
	for _, alg := range []string{"ES256", "ES384", "EdDSA", "PS256", "RS256"} {
		t.Run(alg, func(t *testing.T) {
			t.Parallel()
			iss := newIssuer(t, "alg-"+strings.ToLower(alg), alg)
			tok := iss.sign(t, iss.credential(nil), nil)
			r := mustVerify(t, tok, opts([]*issuer{iss}, iss.DID))
			expect(t, r, StatusActive, "")
			if r.Format != FormatVCJWT || r.Issuer != iss.DID || r.Subject == "" || r.Claims["gx:givenName"] != "Ada" {
				t.Errorf("result fields: %+v", r)
			}
		})
	}
}

// TestStatuses covers every status and every code a vc+jwt can produce.
func TestStatuses(t *testing.T) {
	iss := newIssuer(t, "acme", "ES256")
	other := newIssuer(t, "other", "EdDSA")
	all := []*issuer{iss, other}
	valid := iss.credential(nil)
	// tamper replaces the payload with one whose givenName differs,
	// keeping the header and signature.
	tamper := func(tok string) string {
		parts := strings.Split(tok, ".")
		p, _ := base64.RawURLEncoding.DecodeString(parts[1])
		p = bytes.Replace(p, []byte(`"Ada"`), []byte(`"Eve"`), 1)
		return parts[0] + "." + base64.RawURLEncoding.EncodeToString(p) + "." + parts[2]
	}
	hdr := `{"alg":"ES256","typ":"vc+jwt","kid":"` + iss.Kid + `"}`
	body := `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"issuer":"` + iss.DID + `","credentialSubject":{"id":"did:example:1"}}`
	tests := []struct {
		name   string
		input  string
		opts   Options
		status Status
		code   Code
	}{
		{"active", iss.sign(t, valid, nil), opts(all, iss.DID), StatusActive, ""},
		{"trusted by method", iss.sign(t, valid, nil), opts(all, iss.Kid), StatusActive, ""},
		{"untrusted", iss.sign(t, valid, nil), opts(all), StatusUntrusted, CodeUntrusted},
		{"typ vc+ld+json+jwt", iss.sign(t, valid, map[string]any{"typ": "vc+ld+json+jwt", "cty": "vc+ld+json"}), opts(all, iss.DID), StatusActive, ""},
		{"typ with application/", iss.sign(t, valid, map[string]any{"typ": "application/vc+jwt"}), opts(all, iss.DID), StatusActive, ""},
		{"relative kid", iss.sign(t, valid, map[string]any{"kid": "#key-1"}), opts(all, iss.DID), StatusActive, ""},
		{"expired validUntil", iss.sign(t, iss.credential(func(m map[string]any) { m["validUntil"] = "2026-05-01T00:00:00Z" }), nil), opts(all, iss.DID), StatusExpired, CodeExpired},
		{"expired exp", iss.sign(t, iss.credential(func(m map[string]any) { m["exp"] = float64(testNow.Unix() - 1) }), nil), opts(all, iss.DID), StatusExpired, CodeExpired},
		{"expired beats untrusted", iss.sign(t, iss.credential(func(m map[string]any) { m["validUntil"] = "2026-05-01T00:00:00Z" }), nil), opts(all), StatusExpired, CodeUntrusted},
		{"not yet valid", iss.sign(t, iss.credential(func(m map[string]any) { m["validFrom"] = "2026-07-01T00:00:00Z" }), nil), opts(all, iss.DID), StatusInvalid, CodeNotYetValid},
		{"nbf in future", iss.sign(t, iss.credential(func(m map[string]any) { m["nbf"] = float64(testNow.Unix() + 61) }), nil), opts(all, iss.DID), StatusInvalid, CodeNotYetValid},
		{"nbf within the leeway", iss.sign(t, iss.credential(func(m map[string]any) { m["nbf"] = float64(testNow.Unix() + 60) }), nil), opts(all, iss.DID), StatusActive, ""},
		{"invalid beats expired", iss.sign(t, iss.credential(func(m map[string]any) {
			m["validFrom"] = "2026-07-01T00:00:00Z"
			m["exp"] = float64(testNow.Unix() - 1)
		}), nil), opts(all, iss.DID), StatusInvalid, CodeNotYetValid},
		{"tampered payload", tamper(iss.sign(t, valid, nil)), opts(all, iss.DID), StatusInvalid, CodeBadSignature},
		{"signed by another key", other.sign(t, valid, map[string]any{"kid": iss.Kid, "alg": nil}), opts(all, iss.DID), StatusInvalid, CodeAlgKeyMismatch},
		{"kid of another DID", iss.sign(t, valid, map[string]any{"kid": other.Kid}), opts(all, iss.DID), StatusInvalid, CodeKidIssuerMismatch},
		{"key removed from the did:web document", iss.sign(t, valid, map[string]any{"kid": iss.DID + "#nope"}), opts(all, iss.DID), StatusRevoked, CodeKeyRevoked},
		{"kid not assertionMethod", iss.sign(t, valid, map[string]any{"kid": iss.DID + "#auth-only"}), opts(all, iss.DID), StatusInvalid, CodeNotAssertionMethod},
		{"kid missing", iss.sign(t, valid, map[string]any{"kid": nil}), opts(all, iss.DID), StatusInvalid, CodeKidMissing},
		{"alg outside policy", iss.sign(t, valid, nil), Options{Now: testNow, Resolver: did.Static{Docs: map[string]*did.Document{iss.DID: iss.Doc}}, Policy: Policy{Algorithms: []string{"EdDSA"}, TrustedIssuers: []string{iss.DID}}}, StatusInvalid, CodeAlgNotAllowed},
		{"iss mismatch", iss.sign(t, iss.credential(func(m map[string]any) { m["iss"] = other.DID }), nil), opts(all, iss.DID), StatusInvalid, CodeIssMismatch},
		{"vc claim", iss.sign(t, iss.credential(func(m map[string]any) { m["vc"] = map[string]any{} }), nil), opts(all, iss.DID), StatusInvalid, CodeEmbeddedClaims},
		{"bad typ", iss.sign(t, valid, map[string]any{"typ": "bad+typ"}), opts(all, iss.DID), StatusInvalid, CodeBadMediaType},
		{"bad cty", iss.sign(t, valid, map[string]any{"cty": "bad+cty"}), opts(all, iss.DID), StatusInvalid, CodeBadMediaType},
		{"no context", iss.sign(t, iss.credential(func(m map[string]any) { delete(m, "@context") }), nil), opts(all, iss.DID), StatusInvalid, CodeBadContext},
		{"v1 context first", iss.sign(t, iss.credential(func(m map[string]any) { m["@context"] = []any{"https://www.w3.org/2018/credentials/v2"} }), nil), opts(all, iss.DID), StatusInvalid, CodeBadContext},
		{"no VerifiableCredential type", iss.sign(t, iss.credential(func(m map[string]any) { m["type"] = []any{"X"} }), nil), opts(all, iss.DID), StatusInvalid, CodeBadType},
		{"non-string issuer", iss.sign(t, iss.credential(func(m map[string]any) { m["issuer"] = 42.0 }), nil), opts(all, iss.DID), StatusInvalid, CodeBadIssuer},
		{"issuer not a URL", iss.sign(t, iss.credential(func(m map[string]any) { m["issuer"] = "acme" }), nil), opts(all, iss.DID), StatusInvalid, CodeBadIssuer},
		{"no subject", iss.sign(t, iss.credential(func(m map[string]any) { delete(m, "credentialSubject") }), nil), opts(all, iss.DID), StatusInvalid, CodeBadSubject},
		{"validUntil before validFrom", iss.sign(t, iss.credential(func(m map[string]any) { m["validUntil"] = "2025-12-01T00:00:00Z" }), nil), opts(all, iss.DID), StatusInvalid, CodeBadDate},
		{"bad date", iss.sign(t, iss.credential(func(m map[string]any) { m["validFrom"] = "yesterday" }), nil), opts(all, iss.DID), StatusInvalid, CodeBadDate},
		{"unknown DID method", iss.sign(t, iss.credential(func(m map[string]any) { m["issuer"] = "did:nope:1" }), map[string]any{"kid": "did:nope:1#k"}), opts(all), StatusInvalid, CodeDIDResolution},
		{"alg none", rawJWS(`{"alg":"none","typ":"vc+jwt"}`, body, "x"), opts(all, iss.DID), StatusInvalid, CodeAlgNotAllowed},
		{"alg HS256", rawJWS(`{"alg":"HS256","typ":"vc+jwt"}`, body, "x"), opts(all, iss.DID), StatusInvalid, CodeAlgNotAllowed},
		{"crit unknown", rawJWS(`{"alg":"ES256","typ":"vc+jwt","crit":["exp"],"exp":1}`, body, "x"), opts(all, iss.DID), StatusInvalid, CodeCritUnknown},
		{"duplicate header member", rawJWS(`{"alg":"ES256","alg":"EdDSA","typ":"vc+jwt"}`, body, "x"), opts(all, iss.DID), StatusInvalid, CodeDuplicateKey},
		{"duplicate payload member", rawJWS(hdr, `{"issuer":"a","issuer":"b"}`, "x"), opts(all, iss.DID), StatusInvalid, CodeDuplicateKey},
		{"payload not JSON", rawJWS(hdr, `not json`, "x"), opts(all, iss.DID), StatusInvalid, CodeMalformed},
		{"truncated JWS", iss.sign(t, valid, nil)[:40], opts(all, iss.DID), StatusInvalid, CodeUnsupportedFormat},
		{"two parts", strings.Join(strings.Split(iss.sign(t, valid, nil), ".")[:2], ".") + ".", opts(all, iss.DID), StatusInvalid, CodeMalformed},
		{"wrong base64", "eyJ!!!.eyJ.c2ln", opts(all, iss.DID), StatusInvalid, CodeMalformed},
		{"unsecured JSON", body, opts(all, iss.DID), StatusInvalid, CodeUnsecured},
		{"JSON with duplicate keys", `{"a":1,"a":2}`, opts(all, iss.DID), StatusInvalid, CodeDuplicateKey},
		{"empty", "", opts(all), StatusInvalid, CodeUnsupportedFormat},
		{"too large", strings.Repeat("a", 10<<20), opts(all), StatusInvalid, CodeTooLarge},
		{"deeply nested", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), opts(all), StatusInvalid, CodeUnsupportedFormat},
		{"deeply nested object", `{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`, opts(all), StatusInvalid, CodeTooDeep},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := mustVerify(t, tt.input, tt.opts)
			expect(t, r, tt.status, tt.code)
		})
	}
}

func TestDeprecated(t *testing.T) {
	iss := newIssuer(t, "deprecating", "ES256")
	old := iss.sign(t, iss.credential(nil), nil)
	newer := iss.sign(t, iss.credential(func(m map[string]any) { m["validFrom"] = "2026-03-01T00:00:00Z" }), nil)
	forged := iss.sign(t, iss.credential(func(m map[string]any) { m["validFrom"] = "2026-04-01T00:00:00Z" }), nil)
	forged = forged[:len(forged)-4] + "AAAA"
	otherID := iss.sign(t, iss.credential(func(m map[string]any) { m["id"] = "urn:uuid:other"; m["validFrom"] = "2026-04-01T00:00:00Z" }), nil)

	o := opts([]*issuer{iss}, iss.DID)
	o.Known = [][]byte{[]byte(newer)}
	expect(t, mustVerify(t, old, o), StatusDeprecated, CodeDeprecated)
	expect(t, mustVerify(t, newer, o), StatusActive, "") // a credential is not newer than itself

	o.Known = [][]byte{[]byte(forged), []byte(otherID)}
	expect(t, mustVerify(t, old, o), StatusActive, "")
}

func TestOfflineDIDWebIsIndeterminate(t *testing.T) {
	iss := newIssuer(t, "offline", "ES256")
	tok := iss.sign(t, iss.credential(nil), nil)
	r, err := Verify(context.Background(), []byte(tok), Options{Now: testNow, Fetcher: fetch.Offline{}})
	if !errors.Is(err, ErrIndeterminate) {
		t.Fatalf("err = %v, want ErrIndeterminate", err)
	}
	expect(t, r, StatusInvalid, CodeResourceMissing)

	// The same DID document served through the fetcher resolves.
	f := fetch.Map{Entries: map[string][]byte{"https://offline.example/.well-known/did.json": iss.Raw}}
	r = mustVerify(t, tok, Options{Now: testNow, Fetcher: f, Policy: Policy{TrustedIssuers: []string{iss.DID}}})
	expect(t, r, StatusActive, "")
}

// blockedFetcher fails every fetch as a browser does on a CORS refusal.
type blockedFetcher struct{}

func (blockedFetcher) Fetch(_ context.Context, url string) ([]byte, error) {
	return nil, &fetch.Error{URL: url, Err: fmt.Errorf("%w: serve it with Access-Control-Allow-Origin", fetch.ErrBlocked)}
}

// A fetch the runtime blocked is fetch_blocked, not resource_missing: the
// issuer's DID document (did:web) and a status list alike, with the
// fetcher's advice in the detail.
func TestFetchBlocked(t *testing.T) {
	iss := newIssuer(t, "blocked", "ES256")
	tok := iss.sign(t, iss.credential(nil), nil)
	r, err := Verify(context.Background(), []byte(tok), Options{Now: testNow, Fetcher: blockedFetcher{}})
	if !errors.Is(err, ErrIndeterminate) {
		t.Fatalf("err = %v, want ErrIndeterminate", err)
	}
	expect(t, r, StatusInvalid, CodeFetchBlocked)
	if c := r.Check(CheckIssuerKey); c == nil || !strings.Contains(c.Detail, "Access-Control-Allow-Origin") {
		t.Errorf("issuer key check %+v: the detail should carry the fetcher's advice", c)
	}

	withList := iss.sign(t, iss.credential(func(m map[string]any) {
		m["credentialStatus"] = map[string]any{"type": "BitstringStatusListEntry", "statusPurpose": "revocation",
			"statusListIndex": "1", "statusListCredential": "https://status.example/1"}
	}), nil)
	o := opts([]*issuer{iss}, iss.DID)
	o.Fetcher = blockedFetcher{}
	r, _ = Verify(context.Background(), []byte(withList), o)
	expect(t, r, StatusInvalid, CodeFetchBlocked)
}

func TestZeroOptionsTrustNoOne(t *testing.T) {
	iss := newIssuer(t, "zero", "EdDSA")
	tok := iss.sign(t, iss.credential(func(m map[string]any) { m["validUntil"] = "2999-01-01T00:00:00Z" }), nil)
	r, err := Verify(context.Background(), []byte(tok), Options{Resolver: did.Static{Docs: map[string]*did.Document{iss.DID: iss.Doc}}})
	if err != nil {
		t.Fatal(err)
	}
	expect(t, r, StatusUntrusted, CodeUntrusted)
}

func TestPresentation(t *testing.T) {
	iss := newIssuer(t, "employer", "PS256")
	holder := newIssuer(t, "holder", "ES256")
	all := []*issuer{iss, holder}
	cred := iss.sign(t, iss.credential(nil), nil)
	expired := iss.sign(t, iss.credential(func(m map[string]any) { m["validUntil"] = "2026-02-01T00:00:00Z" }), nil)
	vp := func(creds ...string) map[string]any {
		var list []any
		for _, c := range creds {
			list = append(list, map[string]any{"@context": "https://www.w3.org/ns/credentials/v2", "type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt," + c})
		}
		return map[string]any{"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "type": []any{"VerifiablePresentation"}, "holder": holder.DID, "verifiableCredential": list}
	}
	sign := func(p map[string]any, kid string) string {
		return holder.sign(t, p, map[string]any{"typ": "vp+jwt", "kid": kid})
	}
	o := opts(all, iss.DID)
	t.Run("active", func(t *testing.T) {
		r := mustVerify(t, sign(vp(cred), holder.Kid), o)
		expect(t, r, StatusActive, "")
		if r.Format != FormatVPJWT || len(r.Credentials) != 1 || r.Credentials[0].Status != StatusActive {
			t.Errorf("result: %+v", r)
		}
	})
	t.Run("assertion key cannot authenticate", func(t *testing.T) {
		// holder's #key-1 is under authentication too; #auth-only is not under assertionMethod but is under authentication.
		r := mustVerify(t, sign(vp(cred), holder.DID+"#auth-only"), o)
		expect(t, r, StatusActive, "")
	})
	t.Run("signed by someone else than holder", func(t *testing.T) {
		r := mustVerify(t, sign(vp(cred), iss.Kid), o)
		expect(t, r, StatusInvalid, CodeKidIssuerMismatch)
	})
	t.Run("inner expired", func(t *testing.T) {
		r := mustVerify(t, sign(vp(cred, expired), holder.Kid), o)
		expect(t, r, StatusExpired, CodeExpired)
	})
	t.Run("inner tampered", func(t *testing.T) {
		bad := cred[:len(cred)-4] + "AAAA"
		r := mustVerify(t, sign(vp(bad), holder.Kid), o)
		expect(t, r, StatusInvalid, CodeCredentialInvalid)
	})
	t.Run("inner not a data URL", func(t *testing.T) {
		p := vp(cred)
		p["verifiableCredential"] = []any{map[string]any{"type": "EnvelopedVerifiableCredential", "id": "not-a-credential"}}
		r := mustVerify(t, sign(p, holder.Kid), o)
		expect(t, r, StatusInvalid, CodeCredentialInvalid)
		expect(t, r.Credentials[0], StatusInvalid, CodeBadEnvelope)
	})
	t.Run("enveloped credential as JSON input", func(t *testing.T) {
		env := `{"@context":"https://www.w3.org/ns/credentials/v2","type":"EnvelopedVerifiableCredential","id":"data:application/vc+ld+json+jwt;` + cred + `"}`
		expect(t, mustVerify(t, env, o), StatusActive, "")
	})
}

func TestPresentationBinding(t *testing.T) {
	iss := newIssuer(t, "employer-b", "ES256")
	holder := newIssuer(t, "holder-b", "EdDSA")
	cred := iss.sign(t, iss.credential(nil), nil)
	vp := func(claims map[string]any) string {
		p := map[string]any{"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "type": "VerifiablePresentation", "holder": holder.DID,
			"verifiableCredential": []any{map[string]any{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt," + cred}}}
		for k, v := range claims {
			p[k] = v
		}
		return holder.sign(t, p, map[string]any{"typ": "vp+jwt"})
	}
	o := opts([]*issuer{iss, holder}, iss.DID)
	o.Nonce, o.Audience = "n-0S6_WzA2Mj", "https://rp.example"
	for _, tt := range []struct {
		name   string
		input  string
		status Status
		code   Code
	}{
		{"nonce and aud", vp(map[string]any{"nonce": "n-0S6_WzA2Mj", "aud": "https://rp.example"}), StatusActive, ""},
		{"aud array", vp(map[string]any{"nonce": "n-0S6_WzA2Mj", "aud": []any{"https://other.example", "https://rp.example"}}), StatusActive, ""},
		{"replayed nonce", vp(map[string]any{"nonce": "old", "aud": "https://rp.example"}), StatusInvalid, CodeNonceMismatch},
		{"no nonce", vp(map[string]any{"aud": "https://rp.example"}), StatusInvalid, CodeNonceMismatch},
		{"other audience", vp(map[string]any{"nonce": "n-0S6_WzA2Mj", "aud": "https://other.example"}), StatusInvalid, CodeAudMismatch},
		{"bare credential", cred, StatusInvalid, CodeBindingMissing},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, mustVerify(t, tt.input, o), tt.status, tt.code)
		})
	}
	// Without expectations the same presentation needs no nonce.
	expect(t, mustVerify(t, vp(nil), opts([]*issuer{iss, holder}, iss.DID)), StatusActive, "")
}
