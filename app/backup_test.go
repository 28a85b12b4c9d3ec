package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/core/verify"
)

// TestSessionBackupRestore: export, restore on a new "device" (a new
// memBackend): refused with a wrong passphrase, an altered file and over
// an existing wallet; then identical credentials, a new holder key, the
// old-key SD-JWT marked and refused for presentation, a new one bound to
// the new key presented and verified, and the history kept with the
// restore appended.
func TestSessionBackupRestore(t *testing.T) {
	ctx := context.Background()
	const pass = "correct horse battery"
	a := newSession(&memBackend{})
	if err := a.create(ctx, pass, testNow); err != nil {
		t.Fatal(err)
	}
	iss := newTestIssuer(t)
	if err := a.saveSettings(ctx, []string{iss.did}, 120); err != nil {
		t.Fatal(err)
	}
	sd, err := a.importCred(ctx, iss.sdJWT(t, holderKey(t, a)), testNow)
	if err != nil {
		t.Fatal(err)
	}
	if sd.OtherKey {
		t.Fatalf("an SD-JWT bound to the wallet's own key is marked as bound to another")
	}
	if _, err := a.importCred(ctx, iss.vcJWT(t), testNow); err != nil {
		t.Fatal(err)
	}
	if _, err := a.present(ctx, sd.ID, [][]any{{"email"}}, "n1", "https://rp.example", testNow); err != nil {
		t.Fatal(err)
	}
	file, err := a.exportBackup(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(file, []byte("ada@example.org")) || bytes.Contains(file, []byte("rp.example")) {
		t.Fatalf("backup holds plaintext")
	}
	before, _ := a.snapshot()

	b := newSession(&memBackend{})
	if _, err := b.restore(ctx, file, "wrong passphrase", testNow); !errors.Is(err, store.ErrWrongPassphrase) ||
		!strings.Contains(userMessage(err), "does not open this backup") {
		t.Errorf("wrong passphrase: %v (%q)", err, userMessage(err))
	}
	var f map[string]any
	if err := json.Unmarshal(file, &f); err != nil {
		t.Fatal(err)
	}
	recs := f["records"].([]any)
	r0 := recs[0].(map[string]any)
	v := []byte(r0["value"].(string))
	v[len(v)-6] ^= 'A' ^ 'B' // one base64 character
	r0["value"] = string(v)
	altered, _ := json.Marshal(f)
	if _, err := b.restore(ctx, altered, pass, testNow); !errors.Is(err, store.ErrTampered) && !errors.Is(err, store.ErrMalformed) {
		t.Errorf("altered file: %v", err)
	} else if !strings.Contains(userMessage(err), "altered or damaged") && !strings.Contains(userMessage(err), "not a gxwallet backup") {
		t.Errorf("altered file message: %q", userMessage(err))
	}
	if _, err := b.restore(ctx, []byte(iss.vcJWT(t)), pass, testNow); !errors.Is(err, store.ErrMalformed) ||
		!strings.Contains(userMessage(err), "not a gxwallet backup") {
		t.Errorf("a credential as backup: %v (%q)", err, userMessage(err))
	}
	if ok, _ := b.exists(ctx); ok {
		t.Fatalf("a refused restore left a wallet")
	}
	if n := len(b.be.(*memBackend).ks.keys); n != 0 {
		t.Errorf("refused restores left %d holder keys", n)
	}

	res, err := b.restore(ctx, file, pass, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if res.Creds != 2 || res.OtherKey != 1 {
		t.Errorf("restore result %+v, want 2 credentials, 1 bound to the old key", res)
	}
	after, _ := b.snapshot()
	if after.HolderDID == before.HolderDID || after.HolderDID == "" {
		t.Errorf("holder DID after restore: %q (before %q): want a new key", after.HolderDID, before.HolderDID)
	}
	if len(after.Creds) != len(before.Creds) {
		t.Fatalf("%d credentials after restore, %d before", len(after.Creds), len(before.Creds))
	}
	byID := map[string]credEntry{}
	for _, c := range after.Creds {
		byID[c.ID] = c
	}
	for i, x := range before.Creds {
		y := byID[x.ID]
		if x.ID != y.ID || x.Raw != y.Raw || x.Format != y.Format || !x.Added.Equal(y.Added) || x.Result.Status != y.Result.Status {
			t.Errorf("credential %d differs after restore: %+v\n%+v", i, x, y)
		}
	}
	if strings.Join(after.Settings.TrustedIssuers, ",") != iss.did || after.Settings.LockAfterSeconds != 120 {
		t.Errorf("settings after restore: %+v", after.Settings)
	}
	var old credEntry
	for _, c := range after.Creds {
		if c.ID == sd.ID {
			old = c
		}
	}
	if !old.OtherKey {
		t.Errorf("the SD-JWT bound to the old key is not marked")
	}
	if _, err := b.present(ctx, sd.ID, [][]any{{"email"}}, "n2", "https://rp.example", testNow); !errors.Is(err, errOtherKey) {
		t.Errorf("present with the old key's credential: %v", err)
	}

	// A credential issued to the new key presents and verifies.
	sd2, err := b.importCred(ctx, iss.sdJWT(t, holderKey(t, b)), testNow)
	if err != nil || sd2.OtherKey {
		t.Fatalf("new credential: %v, other key %v", err, sd2.OtherKey)
	}
	out, err := b.present(ctx, sd2.ID, [][]any{{"role"}}, "n3", "https://rp.example", testNow)
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Verify(ctx, []byte(out.Text), verify.Options{Now: testNow, Nonce: "n3", Audience: "https://rp.example", Policy: verify.Policy{TrustedIssuers: []string{iss.did}}})
	if err != nil || r.Status != verify.StatusActive {
		t.Fatalf("presentation after restore: %v %q %+v", err, r.Status, r.Checks)
	}

	hv, err := b.history(ctx)
	if err != nil || hv.Tampered {
		t.Fatalf("history after restore: %v %+v", err, hv)
	}
	var events []string
	for _, e := range hv.Entries {
		events = append(events, e.Event)
	}
	if got := strings.Join(events, ","); got != "present,import,restore,present,import,import" {
		t.Errorf("history events (newest first): %s", got)
	}

	// Restoring again over the restored wallet is refused.
	if _, err := b.restore(ctx, file, pass, testNow); !errors.Is(err, store.ErrExists) {
		t.Errorf("restore over a wallet: %v", err)
	}
}
