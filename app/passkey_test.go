package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// memAuthenticator plays the authenticator for memBackend in native
// tests, as Chromium's virtual authenticator does in e2e: a PRF per
// credential (HMAC-SHA-256 of the salt under a per-credential secret),
// fed to core/store's native KEK construction. absent simulates a
// device without the authenticator (WebAuthn's NotAllowedError).
type memAuthenticator struct {
	mu      sync.Mutex
	creds   map[string][]byte // credential id → secret
	absent  bool
	created int
}

// testAuth is each memBackend's authenticator (memBackend has no field
// for it: it is test-only).
var (
	testAuth   = map[*memBackend]*memAuthenticator{}
	testAuthMu sync.Mutex
)

func (b *memBackend) auth() *memAuthenticator {
	testAuthMu.Lock()
	defer testAuthMu.Unlock()
	a, ok := testAuth[b]
	if !ok {
		a = &memAuthenticator{creds: map[string][]byte{}}
		testAuth[b] = a
	}
	return a
}

func (b *memBackend) passkeySupport(context.Context) bool { return true }

func (b *memBackend) createPasskey(ctx context.Context, walletID, salt []byte) ([]byte, store.KEK, error) {
	a := b.auth()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.absent {
		return nil, nil, errPasskeyRefused
	}
	id, secret := make([]byte, 16), make([]byte, 32)
	rand.Read(id)
	rand.Read(secret)
	a.creds[string(id)] = secret
	a.created++
	kek, err := store.StdCrypto{}.PasskeyKEK(ctx, prfOf(secret, salt), walletID)
	return id, kek, err
}

func (b *memBackend) passkeyKEK(ctx context.Context, walletID []byte, slots []store.KeySlot) (int, store.KEK, error) {
	a := b.auth()
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.absent {
		return -1, nil, errPasskeyRefused
	}
	for i, s := range slots {
		if secret, ok := a.creds[string(s.Passkey.CredentialID)]; ok {
			kek, err := store.StdCrypto{}.PasskeyKEK(ctx, prfOf(secret, s.Passkey.Salt), walletID)
			return i, kek, err
		}
	}
	return -1, nil, errPasskeyRefused
}

func prfOf(secret, salt []byte) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write(salt)
	return m.Sum(nil)
}

func TestSessionPasskey(t *testing.T) {
	ctx := context.Background()
	be := &memBackend{}
	s := newSession(be)
	const pass = "correct horse battery"
	if err := s.create(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	if v := s.passkeyView(); !v.PasskeyOK || len(v.Passkeys) != 0 {
		t.Fatalf("view after create: %+v", v)
	}
	iss := newTestIssuer(t)
	if _, err := s.importCred(ctx, iss.vcJWT(t), testNow); err != nil {
		t.Fatal(err)
	}

	// A wrong passphrase is refused before any passkey is made.
	if err := s.addPasskey(ctx, "not the passphrase", testNow); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := s.addPasskey(ctx, "", testNow); !errors.Is(err, store.ErrWrongPassphrase) {
		t.Fatalf("empty passphrase: %v", err)
	}
	if n := be.auth().created; n != 0 {
		t.Fatalf("%d passkeys made for a wrong passphrase", n)
	}
	if err := s.addPasskey(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	v := s.passkeyView()
	if len(v.Passkeys) != 1 || !v.Passkeys[0].Created.Equal(testNow) {
		t.Fatalf("view after add: %+v", v)
	}

	// Lock; a fresh session (a reload) sees the passkey while locked and
	// unlocks with it alone.
	s.lock()
	if len(s.passkeyView().Passkeys) != 1 {
		t.Errorf("the passkey is forgotten when locked")
	}
	s2 := newSession(be)
	if ok, err := s2.exists(ctx); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if len(s2.passkeyView().Passkeys) != 1 {
		t.Fatalf("a new session does not see the passkey: %+v", s2.passkeyView())
	}
	if err := s2.unlockPasskey(ctx, testNow); err != nil {
		t.Fatal(err)
	}
	snap, ok := s2.snapshot()
	if !ok || len(snap.Creds) != 1 {
		t.Fatalf("after passkey unlock: %d credentials, open %v", len(snap.Creds), ok)
	}

	// Without the authenticator the passkey fails clearly; the
	// passphrase still works.
	s2.lock()
	be.auth().absent = true
	if err := s2.unlockPasskey(ctx, testNow); !errors.Is(err, errPasskeyRefused) || !strings.Contains(userMessage(err), "passphrase") {
		t.Errorf("absent authenticator: %v (%q)", err, userMessage(err))
	}
	if err := s2.unlock(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	be.auth().absent = false

	// Remove: gone from the view and the header; the passphrase unlocks.
	if err := s2.removePasskey(ctx, v.Passkeys[0].ID); err != nil {
		t.Fatal(err)
	}
	if n := len(s2.passkeyView().Passkeys); n != 0 {
		t.Errorf("%d passkeys after removal", n)
	}
	s2.lock()
	if err := s2.unlockPasskey(ctx, testNow); !errors.Is(err, errNoPasskey) {
		t.Errorf("passkey unlock after removal: %v", err)
	}
	if err := s2.unlock(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}

	// A backup carries no passkey: restored elsewhere, none is offered.
	if err := s2.addPasskey(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	b, err := s2.exportBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	other := newSession(&memBackend{})
	if _, err := other.restore(ctx, b, pass, testNow); err != nil {
		t.Fatal(err)
	}
	if n := len(other.passkeyView().Passkeys); n != 0 {
		t.Errorf("restored wallet offers %d passkeys", n)
	}
}

// TestPasskeyScreens: the unlock screen offers the passkey only when
// the wallet has one and the browser can use it; settings list passkeys
// with their date and a Remove button, or say passkeys are unsupported.
func TestPasskeyScreens(t *testing.T) {
	locked := newWalletPage()
	locked.ws = walletState{Phase: walletLocked}
	if html := app.HTMLString(locked); strings.Contains(html, "passkey-unlock-button") {
		t.Errorf("passkey button without a passkey")
	}
	locked.ws.passkeyView = passkeyView{Passkeys: []passkeyInfo{{ID: "passkey-1", Created: testNow}}}
	if html := app.HTMLString(locked); strings.Contains(html, "passkey-unlock-button") {
		t.Errorf("passkey button in a browser without WebAuthn")
	}
	locked.ws.PasskeyOK = true
	locked.ws.Op, locked.ws.Err = "passkey-unlock", "The passkey was not used"
	html := app.HTMLString(locked)
	for _, want := range []string{`id="passkey-unlock-button"`, "Unlock with passkey", `id="unlock-pass"`, `id="passkey-unlock-error"`} {
		if !strings.Contains(html, want) {
			t.Errorf("unlock page lacks %q", want)
		}
	}

	s := newSettingsPage()
	s.ws = walletState{Phase: walletOpen, passkeyView: passkeyView{PasskeyOK: true,
		Passkeys: []passkeyInfo{{ID: "passkey-1", Created: testNow}}}}
	html = app.HTMLString(s)
	for _, want := range []string{`id="settings-passkeys"`, `id="passkey-add"`, `id="passkey-remove-0"`, fmtTime(testNow), `id="passkey-backup-note"`} {
		if !strings.Contains(html, want) {
			t.Errorf("settings lacks %q", want)
		}
	}
	s.ws.passkeyView = passkeyView{}
	html = app.HTMLString(s)
	if !strings.Contains(html, `id="passkey-unsupported"`) || strings.Contains(html, `id="passkey-add"`) || !strings.Contains(html, `id="passkey-none"`) {
		t.Errorf("settings without passkey support:\n%s", html)
	}
}
