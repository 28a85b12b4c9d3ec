package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"testing"
	"time"
)

// backupWallet makes a wallet with a credential, a key ref, settings and
// two history entries, and returns it with its KV and an export.
func backupWallet(t *testing.T) (*Wallet, *MemKV, []byte) {
	t.Helper()
	ctx := context.Background()
	w, kv := newWallet(t)
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	err := w.Update(ctx, func(tx *RecordTx) error {
		if err := tx.Put(TypeCredential, "c-1", Credential{Format: "vc+jwt", Raw: "eyJ.secret-claim.sig", Added: now}); err != nil {
			return err
		}
		if err := tx.Put(TypeKey, "holder", KeyRef{Alg: "ES256", Handle: "holder-old", DID: "did:jwk:old"}); err != nil {
			return err
		}
		if err := tx.Put(TypeSettings, SettingsID, Settings{Language: "de", LockAfterSeconds: 60}); err != nil {
			return err
		}
		if _, err := tx.AppendHistory(HistoryEntry{Time: now, Event: "import", Credential: "c-1"}); err != nil {
			return err
		}
		_, err := tx.AppendHistory(HistoryEntry{Time: now, Event: "present", Audience: "https://rp.example", Credential: "c-1", Claims: []string{"email"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := w.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("secret-claim")) || bytes.Contains(b, []byte("rp.example")) {
		t.Fatalf("backup holds plaintext: %s", b)
	}
	return w, kv, b
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	_, src, b := backupWallet(t)

	dst := new(MemKV)
	w, err := Restore(ctx, dst, StdCrypto{}, []byte(testPass), b, func(tx *RecordTx) error {
		if err := tx.Put(TypeKey, "holder", KeyRef{Alg: "ES256", Handle: "holder-new", DID: "did:jwk:new"}); err != nil {
			return err
		}
		_, err := tx.AppendHistory(HistoryEntry{Time: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Event: "restore"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var c Credential
	if err := w.Get(ctx, TypeCredential, "c-1", &c); err != nil || c.Raw != "eyJ.secret-claim.sig" {
		t.Fatalf("restored credential %+v: %v", c, err)
	}
	var k KeyRef
	if err := w.Get(ctx, TypeKey, "holder", &k); err != nil || k.Handle != "holder-new" {
		t.Fatalf("key ref after fn: %+v, %v", k, err)
	}
	if s, err := w.Settings(ctx); err != nil || s.Language != "de" || s.LockAfterSeconds != 60 {
		t.Fatalf("settings %+v, %v", s, err)
	}
	entries, _, err := w.History(ctx)
	if err != nil || len(entries) != 3 || entries[2].Event != "restore" {
		t.Fatalf("history %+v, %v", entries, err)
	}
	if err := w.VerifyHistory(ctx); err != nil {
		t.Fatalf("history chain after restore: %v", err)
	}
	// Records not touched by fn are the exported bytes, as they were.
	s, d := dump(t, src), dump(t, dst)
	if !bytes.Equal(s["r/credential/c-1"], d["r/credential/c-1"]) || !bytes.Equal(s[headerKey], d[headerKey]) {
		t.Errorf("restore re-encrypted what it did not need to")
	}
	// The restored wallet unlocks with the same passphrase.
	w.Lock()
	if _, err := Unlock(ctx, dst, StdCrypto{}, []byte(testPass)); err != nil {
		t.Fatalf("unlock restored: %v", err)
	}
	// A second restore into the same KV is refused.
	if _, err := Restore(ctx, dst, StdCrypto{}, []byte(testPass), b, nil); !errors.Is(err, ErrExists) {
		t.Errorf("restore over a wallet: %v", err)
	}
}

// TestRestoreRefuses: every refusal leaves the target KV as it was.
func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	_, _, b := backupWallet(t)
	var f backupFile
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	edit := func(fn func(f *backupFile)) []byte {
		g := f
		g.Header = bytes.Clone(f.Header)
		g.Records = make([]backupRecord, len(f.Records))
		for i, r := range f.Records {
			g.Records[i] = backupRecord{Key: r.Key, Value: bytes.Clone(r.Value)}
		}
		g.Seal = bytes.Clone(f.Seal)
		fn(&g)
		out, err := json.Marshal(g)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	credIdx := -1
	for i, r := range f.Records {
		if r.Key == "r/credential/c-1" {
			credIdx = i
		}
	}
	for _, tc := range []struct {
		name string
		file []byte
		pass string
		fn   func(tx *RecordTx) error
		want error
	}{
		{"wrong passphrase", b, "not the passphrase", nil, ErrWrongPassphrase},
		{"not json", []byte("eyJhbGciOi.x.y"), testPass, nil, ErrMalformed},
		{"a credential", []byte(`{"@context":[],"type":["VerifiableCredential"]}`), testPass, nil, ErrMalformed},
		{"flipped record byte", edit(func(f *backupFile) { f.Records[credIdx].Value[len(f.Records[credIdx].Value)-3] ^= 1 }), testPass, nil, ErrTampered},
		{"record removed", edit(func(f *backupFile) { f.Records = append(f.Records[:credIdx:credIdx], f.Records[credIdx+1:]...) }), testPass, nil, ErrTampered},
		{"flipped seal", edit(func(f *backupFile) { f.Seal[0] ^= 1 }), testPass, nil, ErrTampered},
		{"records reordered", edit(func(f *backupFile) { f.Records[0], f.Records[1] = f.Records[1], f.Records[0] }), testPass, nil, ErrTampered},
		{"salt altered", edit(func(f *backupFile) {
			var h Header
			_ = json.Unmarshal(f.Header, &h)
			h.Slots[0].KDF.Salt[0] ^= 1
			f.Header, _ = json.Marshal(h)
		}), testPass, nil, ErrWrongPassphrase},
		{"fn fails", b, testPass, func(tx *RecordTx) error { return errInjected }, errInjected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := new(MemKV)
			_ = dst.Update(ctx, func(tx Tx) error { return tx.Put("r/credential/stray", []byte("x")) })
			before := dump(t, dst)
			_, err := Restore(ctx, dst, StdCrypto{}, []byte(tc.pass), tc.file, tc.fn)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
			var se *Error
			if !errors.As(err, &se) && !errors.Is(err, errInjected) {
				t.Errorf("error %T is not a *store.Error", err)
			}
			if after := dump(t, dst); !maps.EqualFunc(before, after, bytes.Equal) {
				t.Errorf("refused restore changed the KV")
			}
		})
	}
}

// TestRestoreAtomic: a KV that fails while writing the restore keeps
// nothing of it.
func TestRestoreAtomic(t *testing.T) {
	ctx := context.Background()
	_, _, b := backupWallet(t)
	for _, fk := range []*faultKV{{KV: new(MemKV), failAfter: 3}, {KV: new(MemKV), commitErr: ErrQuota}} {
		if _, err := Restore(ctx, fk, StdCrypto{}, []byte(testPass), b, nil); err == nil {
			t.Fatalf("restore into a failing KV succeeded")
		}
		if got := dump(t, fk.KV); len(got) != 0 {
			t.Errorf("failed restore left %d keys", len(got))
		}
	}
}

// TestRestoreMigrates: a backup of an old-schema wallet comes back at
// SchemaVersion.
func TestRestoreMigrates(t *testing.T) {
	ctx := context.Background()
	kv := new(MemKV)
	w, err := create(ctx, kv, StdCrypto{}, []byte(testPass), testOpts, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Update(ctx, func(tx *RecordTx) error { return tx.Put(TypeSettings, SettingsID, map[string]any{"language": "fr"}) }); err != nil {
		t.Fatal(err)
	}
	b, err := w.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Restore(ctx, new(MemKV), StdCrypto{}, []byte(testPass), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s, err := r.Settings(ctx); err != nil || r.Header().Schema != SchemaVersion || s.Language != "fr" || s.LockAfterSeconds != DefaultLockAfterSeconds {
		t.Fatalf("migrated restore: schema %d, %+v, %v", r.Header().Schema, s, err)
	}
}

func TestExportLocked(t *testing.T) {
	w, _ := newWallet(t)
	w.Lock()
	if _, err := w.Export(context.Background()); !errors.Is(err, ErrLocked) {
		t.Fatalf("export of a locked wallet: %v", err)
	}
}
