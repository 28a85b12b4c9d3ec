package verify

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/di"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/ld"
	"github.com/gxwallet/gxwallet/core/status"
)

const (
	revocationList = "https://acme.example/status/revocation"
	suspensionList = "https://acme.example/status/suspension"
	tokenList      = "https://acme.example/status/token"
)

// statusList signs a BitstringStatusListCredential of iss for purpose
// with the given indexes set (size bits per entry).
func statusList(t *testing.T, iss *issuer, url, purpose string, entries uint64, size int, set map[uint64]uint64, edit func(m map[string]any)) []byte {
	t.Helper()
	bs, err := status.NewBitstring(entries, size)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range set {
		if err := bs.Set(i, v); err != nil {
			t.Fatal(err)
		}
	}
	enc, err := bs.Encode()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2"},
		"id":        url,
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    iss.DID,
		"validFrom": "2026-05-31T00:00:00Z",
		"credentialSubject": map[string]any{
			"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": purpose, "encodedList": enc,
		},
	}
	if edit != nil {
		edit(m)
	}
	return []byte(iss.sign(t, m, nil))
}

func entry(purpose, list string, index string) map[string]any {
	return map[string]any{"id": list + "#" + index, "type": "BitstringStatusListEntry", "statusPurpose": purpose, "statusListIndex": index, "statusListCredential": list}
}

func TestBitstringStatus(t *testing.T) {
	iss := newIssuer(t, "acme", "ES256")
	other := newIssuer(t, "other-status", "ES256")
	withStatus := func(entries ...any) map[string]any {
		return iss.credential(func(m map[string]any) { m["credentialStatus"] = entries })
	}
	both := iss.sign(t, withStatus(entry("revocation", revocationList, "94567"), entry("suspension", suspensionList, "23452")), nil)
	lists := func(rev, sus []byte) Options {
		o := opts([]*issuer{iss, other}, iss.DID)
		o.Fetcher = fetch.Map{Entries: map[string][]byte{revocationList: rev, suspensionList: sus}}
		return o
	}
	clean := statusList(t, iss, revocationList, "revocation", 131072, 1, nil, nil)
	cleanSus := statusList(t, iss, suspensionList, "suspension", 131072, 1, nil, nil)
	for _, tt := range []struct {
		name   string
		input  string
		opts   Options
		status Status
		code   Code
	}{
		{"neither set", both, lists(clean, cleanSus), StatusActive, ""},
		{"revoked", both, lists(statusList(t, iss, revocationList, "revocation", 131072, 1, map[uint64]uint64{94567: 1}, nil), cleanSus), StatusRevoked, CodeRevoked},
		{"suspended", both, lists(clean, statusList(t, iss, suspensionList, "suspension", 131072, 1, map[uint64]uint64{23452: 1}, nil)), StatusSuspended, CodeSuspended},
		{"revoked beats suspended", both, lists(statusList(t, iss, revocationList, "revocation", 131072, 1, map[uint64]uint64{94567: 1}, nil), statusList(t, iss, suspensionList, "suspension", 131072, 1, map[uint64]uint64{23452: 1}, nil)), StatusRevoked, CodeSuspended},
		{"other bits set", both, lists(statusList(t, iss, revocationList, "revocation", 131072, 1, map[uint64]uint64{94566: 1, 94568: 1}, nil), cleanSus), StatusActive, ""},
		{"revoked beats expired", iss.sign(t, iss.credential(func(m map[string]any) {
			m["validUntil"] = "2026-05-01T00:00:00Z"
			m["credentialStatus"] = entry("revocation", revocationList, "7")
		}), nil), lists(statusList(t, iss, revocationList, "revocation", 131072, 1, map[uint64]uint64{7: 1}, nil), nil), StatusRevoked, CodeExpired},
		{"list by another issuer", both, lists(statusList(t, other, revocationList, "revocation", 131072, 1, nil, nil), cleanSus), StatusInvalid, CodeStatusUnverifiable},
		{"list tampered", both, lists(append(clean[:len(clean)-6:len(clean)-6], "AAAAAA"...), cleanSus), StatusInvalid, CodeStatusUnverifiable},
		{"list purpose mismatch", both, lists(statusList(t, iss, revocationList, "suspension", 131072, 1, nil, nil), cleanSus), StatusInvalid, CodeStatusUnverifiable},
		{"list too short", both, lists(statusList(t, iss, revocationList, "revocation", 8192, 1, nil, nil), cleanSus), StatusInvalid, CodeStatusUnverifiable},
		{"index out of range", iss.sign(t, withStatus(entry("revocation", revocationList, "131072")), nil), lists(clean, nil), StatusInvalid, CodeStatusUnverifiable},
		{"list expired", both, lists(statusList(t, iss, revocationList, "revocation", 131072, 1, nil, func(m map[string]any) { m["validUntil"] = "2026-05-31T12:00:00Z" }), cleanSus), StatusInvalid, CodeStatusUnverifiable},
		{"malformed entry", iss.sign(t, withStatus(map[string]any{"type": "BitstringStatusListEntry", "statusPurpose": "revocation", "statusListIndex": "-1", "statusListCredential": revocationList}), nil), lists(clean, nil), StatusInvalid, CodeStatusUnverifiable},
		{"unknown entry type is skipped", iss.sign(t, withStatus(map[string]any{"type": "SomeOtherStatus", "id": "urn:x"}), nil), lists(nil, nil), StatusActive, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := mustVerify(t, tt.input, tt.opts)
			expect(t, r, tt.status, tt.code)
		})
	}

	t.Run("offline without the list", func(t *testing.T) {
		o := opts([]*issuer{iss}, iss.DID)
		r, err := Verify(context.Background(), []byte(both), o)
		if !errors.Is(err, ErrIndeterminate) {
			t.Fatalf("err = %v, want ErrIndeterminate", err)
		}
		expect(t, r, StatusInvalid, CodeResourceMissing)
	})
	t.Run("status as of", func(t *testing.T) {
		r := mustVerify(t, both, lists(clean, cleanSus))
		c := r.Check(CheckStatusList + ".revocation")
		if c == nil || c.Detail != "index 94567 is not set; status as of 2026-05-31T00:00:00Z (list issued)" {
			t.Errorf("check = %+v", c)
		}
	})
	t.Run("statusSize 2 with messages", func(t *testing.T) {
		e := entry("message", revocationList, "3")
		e["statusSize"] = 2.0
		e["statusMessage"] = []any{
			map[string]any{"status": "0x0", "message": "pending"}, map[string]any{"status": "0x1", "message": "accepted"},
			map[string]any{"status": "0x2", "message": "rejected"}, map[string]any{"status": "0x3", "message": "undefined"},
		}
		tok := iss.sign(t, withStatus(e), nil)
		r := mustVerify(t, tok, lists(statusList(t, iss, revocationList, "message", 131072, 2, map[uint64]uint64{3: 2}, nil), nil))
		expect(t, r, StatusActive, "")
		if c := r.Check(CheckStatusList + ".message"); c == nil || c.Detail != `status 0x2 ("rejected"); status as of 2026-05-31T00:00:00Z (list issued)` {
			t.Errorf("check = %+v", c)
		}
	})
}

func TestTokenStatus(t *testing.T) {
	iss := newIssuer(t, "acme", "ES256")
	other := newIssuer(t, "other-token", "ES256")
	lst, err := status.EncodeTokenList(2, []byte{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	token := func(signer *issuer, claims map[string]any) []byte {
		c := map[string]any{"sub": tokenList, "iat": float64(testNow.Add(-time.Hour).Unix()), "status_list": map[string]any{"bits": 2.0, "lst": lst}}
		for k, v := range claims {
			c[k] = v
		}
		return []byte(signer.sign(t, c, map[string]any{"typ": "statuslist+jwt"}))
	}
	cred := func(idx float64) string {
		return iss.sign(t, iss.credential(func(m map[string]any) {
			m["status"] = map[string]any{"status_list": map[string]any{"idx": idx, "uri": tokenList}}
		}), nil)
	}
	with := func(list []byte) Options {
		o := opts([]*issuer{iss, other}, iss.DID)
		o.Fetcher = fetch.Map{Entries: map[string][]byte{tokenList: list}}
		return o
	}
	good := token(iss, nil)
	for _, tt := range []struct {
		name   string
		input  string
		opts   Options
		status Status
		code   Code
	}{
		{"valid", cred(0), with(good), StatusActive, ""},
		{"invalid is revoked", cred(1), with(good), StatusRevoked, CodeRevoked},
		{"suspended", cred(2), with(good), StatusSuspended, CodeSuspended},
		{"application specific informs", cred(3), with(good), StatusActive, ""},
		{"out of range", cred(4000), with(good), StatusInvalid, CodeStatusUnverifiable},
		{"signed by another issuer", cred(1), with(token(other, map[string]any{})), StatusInvalid, CodeStatusUnverifiable},
		{"iss of another issuer", cred(1), with(token(iss, map[string]any{"iss": other.DID})), StatusInvalid, CodeStatusUnverifiable},
		{"sub differs", cred(1), with(token(iss, map[string]any{"sub": "https://elsewhere.example/list"})), StatusInvalid, CodeStatusUnverifiable},
		{"expired list", cred(0), with(token(iss, map[string]any{"exp": float64(testNow.Add(-time.Minute).Unix())})), StatusInvalid, CodeStatusUnverifiable},
		{"not a statuslist+jwt", cred(0), with([]byte(iss.sign(t, map[string]any{"sub": tokenList}, nil))), StatusInvalid, CodeStatusUnverifiable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			expect(t, mustVerify(t, tt.input, tt.opts), tt.status, tt.code)
		})
	}
}

// TestBundleStatusAsOf verifies offline from a bundle: the DID document
// and the status list come from it, and the status check says when the
// list was fetched.
func TestBundleStatusAsOf(t *testing.T) {
	iss := newIssuer(t, "bundled", "ES256")
	tok := iss.sign(t, iss.credential(func(m map[string]any) {
		m["credentialStatus"] = entry("revocation", "https://bundled.example/status/1", "42")
	}), nil)
	fetched := time.Date(2026, 5, 30, 8, 0, 0, 0, time.UTC)
	b := bundle.New(fetched)
	b.Add("https://bundled.example/.well-known/did.json", bundle.KindDIDDocument, iss.Raw, fetched)
	b.Add("https://bundled.example/status/1", bundle.KindStatusList, statusList(t, iss, "https://bundled.example/status/1", "revocation", 131072, 1, nil, nil), fetched)
	raw, err := b.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	o, err := Request{Now: testNow.Format(time.RFC3339), TrustedIssuers: []string{iss.DID}, Offline: true, Bundle: raw}.Apply(Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, tok, o)
	expect(t, r, StatusActive, "")
	if c := r.Check(CheckStatusList + ".revocation"); c == nil || c.Detail != "index 42 is not set; status as of 2026-05-30T08:00:00Z (fetched)" {
		t.Errorf("check = %+v", c)
	}
	if _, err := (Request{Bundle: []byte(`{"type":"nope"}`)}).Apply(Options{}); err == nil {
		t.Error("a malformed bundle was accepted")
	}
}

// TestBundleContexts: a JSON-LD context the verifier does not embed is
// refused, unless a bundle (or the caller) allowlists it.
func TestBundleContexts(t *testing.T) {
	if !hasJSONLD {
		t.Skip("needs JSON-LD; nojsonld_test.go covers this build")
	}
	const ctxURL = "https://contexts.example/employee/v1"
	extra := []byte(`{"@context":{"employeeNumber":"https://contexts.example/employee#employeeNumber"}}`)
	iss := newIssuer(t, "ldissuer", "EdDSA")
	doc := map[string]any{
		"@context":          []any{"https://www.w3.org/ns/credentials/v2", ctxURL},
		"type":              []any{"VerifiableCredential"},
		"issuer":            iss.DID,
		"validFrom":         "2026-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:alice", "employeeNumber": "42"},
	}
	signed, err := di.SignJWS2020(doc, iss.Key, "EdDSA", di.SignOptions{VerificationMethod: iss.Kid, Created: testNow.Add(-time.Hour), Loader: &ld.Loader{Extra: map[string][]byte{ctxURL: extra}}})
	if err != nil {
		t.Fatal(err)
	}
	input, _ := json.Marshal(signed)
	o := opts([]*issuer{iss}, iss.DID)
	expect(t, mustVerify(t, string(input), o), StatusInvalid, CodeContextUnknown)

	b := bundle.New(testNow)
	b.Add(ctxURL, bundle.KindContext, extra, testNow)
	raw, _ := b.Marshal()
	o2, err := Request{Bundle: raw}.Apply(o)
	if err != nil {
		t.Fatal(err)
	}
	r := mustVerify(t, string(input), o2)
	expect(t, r, StatusActive, "")
	if r.Format != FormatLDPJWS || r.Claims["employeeNumber"] != "42" {
		t.Errorf("result = %+v", r)
	}
}
