package app

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	didjwk "github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/core/verify"
)

// testNow is the instant the flows run at.
var testNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// testIssuer is a did:jwk issuer (resolves offline, as in the wallet).
type testIssuer struct {
	key *ecdsa.PrivateKey
	did string
}

func newTestIssuer(t testing.TB) testIssuer {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	d, err := didjwk.Encode(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return testIssuer{key: k, did: d.String()}
}

// vcJWT issues an ES256 vc+jwt to did:example:alice.
func (iss testIssuer) vcJWT(t testing.TB) string {
	t.Helper()
	payload := `{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","EmployeeBadge"],` +
		`"issuer":"` + iss.did + `","validFrom":"2020-01-01T00:00:00Z",` +
		`"credentialSubject":{"id":"did:example:alice","name":"Alice"}}`
	tok, err := jose.Sign([]byte(payload), "ES256", iss.key, map[string]any{"typ": "vc+jwt", "kid": iss.did + "#0"})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// sdJWT issues a dc+sd-jwt with five disclosable claims bound to holder.
func (iss testIssuer) sdJWT(t testing.TB, holder *ecdsa.PublicKey) string {
	t.Helper()
	claims := map[string]any{
		"iss": iss.did, "vct": "https://employer.example/employee", "iat": float64(testNow.Add(-time.Hour).Unix()),
		"given_name": "Ada", "family_name": "Lovelace", "role": "engineer", "email": "ada@example.org", "employee_id": "E-1815",
	}
	pol := sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"role"}, {"email"}, {"employee_id"}}}
	var cnf crypto.PublicKey // a nil *ecdsa.PublicKey would be a non-nil interface
	if holder != nil {
		cnf = holder
	}
	tok, err := sdjwt.Issue(claims, pol, iss.key, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": iss.did + "#0"}, cnf)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func holderKey(t testing.TB, s *session) *ecdsa.PublicKey {
	t.Helper()
	k, ok := s.signer.(*ecdsa.PrivateKey)
	if !ok {
		t.Fatalf("holder key is a %T", s.signer)
	}
	return &k.PublicKey
}

func TestSessionFlow(t *testing.T) {
	ctx := context.Background()
	be := &memBackend{}
	s := newSession(be)

	if ok, err := s.exists(ctx); err != nil || ok {
		t.Fatalf("exists before create: %v, %v", ok, err)
	}
	if err := s.create(ctx, "short", testNow); !errors.Is(err, errShortPassphrase) {
		t.Fatalf("short passphrase: %v", err)
	}
	const pass = "correct horse battery"
	if err := s.create(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	snap, ok := s.snapshot()
	if !ok || !strings.HasPrefix(snap.HolderDID, "did:jwk:") || !strings.Contains(snap.HolderJWK, `"kty":"EC"`) {
		t.Fatalf("holder after create: %+v", snap)
	}
	if strings.Contains(snap.HolderJWK, `"d"`) {
		t.Fatalf("holder JWK has a private member")
	}

	iss := newTestIssuer(t)
	vc, err := s.importCred(ctx, iss.vcJWT(t), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if vc.Result.Status != verify.StatusUntrusted || vc.Type != "EmployeeBadge" || vc.Format != "vc+jwt" {
		t.Errorf("vc+jwt import: status %q type %q format %q", vc.Result.Status, vc.Type, vc.Format)
	}
	if _, err := s.importCred(ctx, "  "+vc.Raw+"\n", testNow); !errors.Is(err, errDuplicate) {
		t.Errorf("duplicate: %v", err)
	}
	var rej *rejectedError
	if _, err := s.importCred(ctx, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln", testNow); !errors.As(err, &rej) || rej.Result.Status != verify.StatusInvalid {
		t.Errorf("bad credential: %v", err)
	}

	if err := s.saveSettings(ctx, []string{iss.did}, 120); err != nil {
		t.Fatal(err)
	}
	if err := s.saveSettings(ctx, nil, 5); err == nil {
		t.Errorf("5 s lock timeout accepted")
	}
	vc, err = s.recheck(ctx, vc.ID, nil, testNow.Add(time.Minute))
	if err != nil || vc.Result.Status != verify.StatusActive || !vc.Checked.Equal(testNow.Add(time.Minute)) {
		t.Fatalf("recheck: %v %q %v", err, vc.Result.Status, vc.Checked)
	}

	sd, err := s.importCred(ctx, iss.sdJWT(t, holderKey(t, s)), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if sd.Result.Status != verify.StatusActive || sd.Type != "https://employer.example/employee" || sd.Result.Claims["email"] != "ada@example.org" {
		t.Errorf("sd-jwt import: %q %q %v %+v", sd.Result.Status, sd.Type, sd.Result.Claims, sd.Result.Checks)
	}
	if _, err := s.present(ctx, vc.ID, nil, "n", "a", testNow); !errors.Is(err, errNotSDJWT) {
		t.Errorf("present a vc+jwt: %v", err)
	}

	// Present two of five to a request, and verify as a relying party.
	const nonce, aud = "n-7f3a", "https://rp.example"
	cs, err := consentFor(sd.Raw, [][]any{{"role"}})
	if err != nil || len(cs.Claims) != 5 {
		t.Fatalf("consent: %v, %d claims", err, len(cs.Claims))
	}
	out, err := s.present(ctx, sd.ID, [][]any{{"given_name"}, {"role"}}, nonce, aud, testNow)
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Verify(ctx, []byte(out.Text), verify.Options{Now: testNow, Nonce: nonce, Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}}})
	if err != nil || r.Status != verify.StatusActive {
		t.Fatalf("presentation: %v %q %+v", err, r.Status, r.Checks)
	}
	var disclosed []string
	for k := range r.Claims {
		switch k {
		case "iss", "vct", "iat", "cnf", "_sd_alg":
		default:
			disclosed = append(disclosed, k)
		}
	}
	sort.Strings(disclosed)
	if strings.Join(disclosed, ",") != "given_name,role" {
		t.Errorf("disclosed %v, want given_name and role", disclosed)
	}
	if r, _ := verify.Verify(ctx, []byte(out.Text), verify.Options{Now: testNow, Nonce: "other", Audience: aud, Policy: verify.Policy{TrustedIssuers: []string{iss.did}}}); r.Status != verify.StatusInvalid {
		t.Errorf("replayed to another nonce: %q", r.Status)
	}

	hv, err := s.history(ctx)
	if err != nil || hv.Tampered || len(hv.Entries) != 3 {
		t.Fatalf("history: %v %+v", err, hv)
	}
	if e := hv.Entries[0]; e.Event != "present" || e.Audience != aud || strings.Join(e.Claims, ",") != "given_name,role" || e.Credential != sd.ID {
		t.Errorf("newest entry %+v", e)
	}

	// Lock, wrong passphrase, unlock: everything is back.
	s.lock()
	if _, ok := s.snapshot(); ok {
		t.Fatalf("snapshot while locked")
	}
	if _, err := s.importCred(ctx, "x", testNow); !errors.Is(err, store.ErrLocked) {
		t.Errorf("import while locked: %v", err)
	}
	if err := s.unlock(ctx, "wrong passphrase!", testNow); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := s.unlock(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	snap2, _ := s.snapshot()
	if len(snap2.Creds) != 2 || snap2.HolderDID != snap.HolderDID || len(snap2.Settings.TrustedIssuers) != 1 || snap2.Settings.LockAfterSeconds != 120 {
		t.Fatalf("after unlock: %d creds, holder %v, settings %+v", len(snap2.Creds), snap2.HolderDID == snap.HolderDID, snap2.Settings)
	}
	// core/store reads the same settings record.
	if st, err := s.w.Settings(ctx); err != nil || st.LockAfterSeconds != 120 {
		t.Errorf("store.Settings: %+v %v", st, err)
	}

	if err := s.deleteCred(ctx, vc.ID, testNow); err != nil {
		t.Fatal(err)
	}
	if snap3, _ := s.snapshot(); len(snap3.Creds) != 1 || snap3.Creds[0].ID != sd.ID {
		t.Errorf("after delete: %+v", snap3.Creds)
	}

	if err := s.wipe(ctx); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.exists(ctx); err != nil || ok {
		t.Errorf("exists after wipe: %v %v", ok, err)
	}
	if keys, _ := be.ks.List(ctx, ""); len(keys) != 0 || len(be.ks.keys) != 0 {
		t.Errorf("after wipe: %d KV keys, %d holder keys", len(keys), len(be.ks.keys))
	}
}

func TestSessionHistoryTampered(t *testing.T) {
	ctx := context.Background()
	be := &memBackend{}
	s := newSession(be)
	if err := s.create(ctx, "correct horse battery", testNow); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	for i := 0; i < 2; i++ {
		if _, err := s.importCred(ctx, iss.sdJWT(t, holderKey(t, s)), testNow); err != nil {
			t.Fatal(err)
		}
	}
	// Remove the first entry: the chain no longer starts at 1.
	keys, _ := be.ks.List(ctx, "r/history/")
	if len(keys) != 2 {
		t.Fatalf("%d history records", len(keys))
	}
	if err := be.ks.Update(ctx, func(tx store.Tx) error { return tx.Delete(keys[0]) }); err != nil {
		t.Fatal(err)
	}
	hv, err := s.history(ctx)
	if err != nil || !hv.Tampered || hv.Problem == "" {
		t.Errorf("history with a removed entry: %v %+v", err, hv)
	}
}

func TestUserMessage(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{&store.Error{Op: "unlock", Err: store.ErrWrongPassphrase}, "does not open"},
		{&store.Error{Op: "update", Err: store.ErrQuota}, "storage is full"},
		{errDuplicate, "This credential is already in your wallet."},
		{errors.New("boom"), "Something went wrong: boom"},
	} {
		if got := userMessage(tc.err); !strings.Contains(got, tc.want) {
			t.Errorf("userMessage(%v) = %q, want %q in it", tc.err, got, tc.want)
		}
	}
}

func TestIdleExpired(t *testing.T) {
	last := testNow
	if idleExpired(last, last.Add(59*time.Second), time.Minute) {
		t.Errorf("locked before the timeout")
	}
	if !idleExpired(last, last.Add(time.Minute), time.Minute) {
		t.Errorf("not locked at the timeout")
	}
	if got := humanDuration(30 * time.Second); got != "30 seconds" {
		t.Errorf("humanDuration(30s) = %q", got)
	}
	if got := humanDuration(5 * time.Minute); got != "5 minutes" {
		t.Errorf("humanDuration(5m) = %q", got)
	}
	if idleExpired(last, last.Add(time.Hour), 0) {
		t.Errorf("a locked wallet (timeout 0) locks again")
	}
}

// Trusting a credential's issuer from its detail page stores the issuer
// and re-checks that issuer's credentials in the same write.
func TestTrustIssuer(t *testing.T) {
	ctx := context.Background()
	s := newSession(&memBackend{})
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := s.create(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	e, err := s.importCred(ctx, iss.vcJWT(t), now)
	if err != nil {
		t.Fatal(err)
	}
	if e.Result.Status != verify.StatusUntrusted {
		t.Fatalf("before: %s", e.Result.Status)
	}
	n, err := s.trustIssuer(ctx, e.Result.Issuer, now)
	if err != nil || n != 1 {
		t.Fatalf("trust: %d %v", n, err)
	}
	snap, _ := s.snapshot()
	if snap.Creds[0].Result.Status != verify.StatusActive || !slices.Contains(s.settings.TrustedIssuers, e.Result.Issuer) {
		t.Errorf("after: %s, trusted %v", snap.Creds[0].Result.Status, s.settings.TrustedIssuers)
	}
	// It survives a lock and unlock (it was written).
	s.lock()
	if err := s.unlock(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(s.settings.TrustedIssuers, e.Result.Issuer) {
		t.Error("the trusted issuer was not stored")
	}
}

// A vc+jwt is presented whole inside a vp+jwt signed by the holder key,
// bound to the verifier's nonce and aud: the project's verifier accepts
// it, and refuses it for another nonce.
func TestPresentWhole(t *testing.T) {
	ctx := context.Background()
	s := newSession(&memBackend{})
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := s.create(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	e, err := s.importCred(ctx, iss.vcJWT(t), now)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.presentWhole(ctx, e.ID, "n-123", "https://rp.example", now)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := verify.Request{TrustedIssuers: []string{e.Result.Issuer}, Nonce: "n-123", Aud: "https://rp.example", Offline: true}.Apply(verify.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Verify(ctx, []byte(p.Text), opts)
	if err != nil || r.Status != verify.StatusActive || len(r.Credentials) != 1 || r.Issuer != s.holder.DID {
		t.Fatalf("%s %v issuer %s, failed %+v", r.Status, err, r.Issuer, r.Failed())
	}
	opts.Nonce = "other"
	if r, _ := verify.Verify(ctx, []byte(p.Text), opts); r.Status != verify.StatusInvalid {
		t.Errorf("another nonce: %s", r.Status)
	}
	h, err := s.history(ctx)
	if err != nil || len(h.Entries) == 0 || h.Entries[0].Event != "present" || h.Entries[0].Audience != "https://rp.example" {
		t.Errorf("history %+v %v", h.Entries, err)
	}
	// An SD-JWT is not presented whole.
	sd, err := s.importCred(ctx, iss.sdJWT(t, s.signer.Public().(*ecdsa.PublicKey)), now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.presentWhole(ctx, sd.ID, "n", "a", now); err != errNotEnvelopable {
		t.Errorf("SD-JWT presented whole: %v", err)
	}
}

// Two tabs on one wallet (two sessions over one storage): a credential
// the first stored is refused as a duplicate by the second, which then
// shows it; a different one is stored once and both see it after a load.
func TestTwoTabsNoDuplicate(t *testing.T) {
	ctx := context.Background()
	be := &memBackend{}
	tab1, tab2 := newSession(be), newSession(be)
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	if err := tab1.create(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	if err := tab2.unlock(ctx, "correct horse battery", now); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	cred := iss.vcJWT(t)
	if _, err := tab1.importCred(ctx, cred, now); err != nil {
		t.Fatal(err)
	}
	if _, err := tab2.importCred(ctx, cred, now); !errors.Is(err, errDuplicate) {
		t.Fatalf("the second tab stored it again: %v", err)
	}
	if snap, _ := tab2.snapshot(); len(snap.Creds) != 1 {
		t.Errorf("the second tab shows %d credentials", len(snap.Creds))
	}
	if _, err := tab2.importCred(ctx, iss.vcJWT(t), now); err != nil {
		t.Fatal(err)
	}
	ids, err := tab1.w.List(ctx, store.TypeCredential)
	if err != nil || len(ids) != 2 {
		t.Errorf("stored %d credentials, %v", len(ids), err)
	}
}
