package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestMigrationsInOrder checks the table: each step starts where the last
// ended and the last ends at SchemaVersion.
func TestMigrationsInOrder(t *testing.T) {
	for i, m := range migrations {
		if m.from != i+1 {
			t.Errorf("migrations[%d].from = %d, want %d", i, m.from, i+1)
		}
	}
	if got := len(migrations) + 1; got != SchemaVersion {
		t.Errorf("migrations end at %d, SchemaVersion is %d", got, SchemaVersion)
	}
}

func TestMigrateV1toV2(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		typ      Type
		in, want string
		err      error
	}{
		{"settings gain the default", TypeSettings, `{"language":"de"}`, `{"language":"de","lockAfterSeconds":300}`, nil},
		{"empty settings", TypeSettings, `{}`, `{"lockAfterSeconds":300}`, nil},
		{"a value already set is kept", TypeSettings, `{"lockAfterSeconds":60}`, `{"lockAfterSeconds":60}`, nil},
		{"unknown members are kept", TypeSettings, `{"x":[1,2]}`, `{"lockAfterSeconds":300,"x":[1,2]}`, nil},
		{"other types untouched", TypeCredential, `{"raw":"x"}`, `{"raw":"x"}`, nil},
		{"bad settings", TypeSettings, `[1]`, ``, ErrMalformed},
		{"duplicate member", TypeSettings, `{"language":"de","language":"fr"}`, ``, ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := migrateV1toV2(tc.typ, "id", []byte(tc.in))
			if !errors.Is(err, tc.err) {
				t.Fatalf("err = %v, want %v", err, tc.err)
			}
			if err == nil && string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

const v1Fixture = "wallet-v1.json"

// TestWriteV1Fixture regenerates testdata/wallet-v1.json with -update: a
// wallet written at schema 1 (settings without lockAfterSeconds, a
// credential, two history entries), at testIterations.
func TestWriteV1Fixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite the fixture")
	}
	ctx := context.Background()
	kv := new(MemKV)
	const pass = "fixture passphrase v1"
	w, err := create(ctx, kv, StdCrypto{}, []byte(pass), testOpts, 1)
	if err != nil {
		t.Fatal(err)
	}
	err = w.Update(ctx, func(tx *RecordTx) error {
		if err := tx.putBody(TypeSettings, SettingsID, []byte(`{"language":"de"}`)); err != nil {
			return err
		}
		if err := tx.Put(TypeCredential, "cred-1", Credential{Format: "vc+jwt", Raw: "eyJ.v1.credential", Added: t0}); err != nil {
			return err
		}
		for _, ev := range []string{"import", "present"} {
			if _, err := tx.AppendHistory(HistoryEntry{Time: t0, Event: ev, Credential: "cred-1"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	writeFixture(t, v1Fixture, fixture{
		Comment:    "a schema-1 wallet (settings without lockAfterSeconds), PBKDF2 at 1000 iterations; regenerate with go test -run TestWriteV1Fixture -update",
		Passphrase: pass,
		KV:         dump(t, kv),
	})
}

// TestMigrateFromV1Fixture unlocks the stored v1 wallet: Unlock migrates it
// to SchemaVersion in one batch, and every record reads back.
func TestMigrateFromV1Fixture(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := readFixture(t, v1Fixture)
	kv := load(t, f.KV)
	if h, err := ReadHeader(ctx, kv); err != nil || h.Schema != 1 {
		t.Fatalf("fixture header = %+v, %v", h, err)
	}
	w, err := Unlock(ctx, kv, StdCrypto{}, []byte(f.Passphrase))
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := ReadHeader(ctx, kv); h.Schema != SchemaVersion || w.Header().Schema != SchemaVersion {
		t.Errorf("schema after unlock: stored %d, wallet %d", h.Schema, w.Header().Schema)
	}
	s, err := w.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Settings{Language: "de", LockAfterSeconds: DefaultLockAfterSeconds}); s != want {
		t.Errorf("settings = %+v, want %+v", s, want)
	}
	var c Credential
	if err := w.Get(ctx, TypeCredential, "cred-1", &c); err != nil || c.Raw != "eyJ.v1.credential" {
		t.Errorf("credential = %+v, %v", c, err)
	}
	if err := w.VerifyHistory(ctx); err != nil {
		t.Errorf("history after migration: %v", err)
	}
	// Every envelope is now at the new version.
	for k, v := range dump(t, kv) {
		if k == headerKey {
			continue
		}
		if e, err := ParseEnvelope(v); err != nil || e.Version != SchemaVersion {
			t.Errorf("%s: version %d, %v", k, e.Version, err)
		}
	}
	// A second unlock finds nothing to do.
	before := dump(t, kv)
	if _, err := Unlock(ctx, kv, StdCrypto{}, []byte(f.Passphrase)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, dump(t, kv)); diff != "" {
		t.Errorf("second unlock rewrote storage:\n%s", diff)
	}
}

// TestMigrateAtomic: a migration that fails on a later record, or a
// storage that fails in the middle, leaves the v1 wallet as it was.
func TestMigrateAtomic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := readFixture(t, v1Fixture)

	t.Run("storage fails after the first put", func(t *testing.T) {
		mem := load(t, f.KV)
		before := dump(t, mem)
		_, err := Unlock(ctx, &faultKV{KV: mem, failAfter: 1}, StdCrypto{}, []byte(f.Passphrase))
		if !errors.Is(err, errInjected) {
			t.Fatalf("Unlock = %v", err)
		}
		if diff := cmp.Diff(before, dump(t, mem)); diff != "" {
			t.Errorf("failed migration changed storage:\n%s", diff)
		}
		if _, err := Unlock(ctx, mem, StdCrypto{}, []byte(f.Passphrase)); err != nil {
			t.Errorf("unlock after the failed migration: %v", err)
		}
	})

	t.Run("a step fails", func(t *testing.T) {
		mem := load(t, f.KV)
		before := dump(t, mem)
		bad := []migration{{from: 1, name: "fails on settings", record: func(typ Type, _ string, body []byte) ([]byte, error) {
			if typ == TypeSettings {
				return nil, ErrMalformed
			}
			return body, nil
		}}}
		h, _ := ReadHeader(ctx, mem)
		c := unlockCipher(t, mem, f.Passphrase)
		err := mem.Update(ctx, func(tx Tx) error { return migrate(ctx, tx, c, &h, bad) })
		if !errors.Is(err, ErrMalformed) {
			t.Fatalf("migrate = %v", err)
		}
		if diff := cmp.Diff(before, dump(t, mem)); diff != "" {
			t.Errorf("failed migration changed storage:\n%s", diff)
		}
	})

	t.Run("tampered record stops it", func(t *testing.T) {
		m := f.KV
		m2 := make(map[string][]byte, len(m))
		for k, v := range m {
			m2[k] = append([]byte(nil), v...)
		}
		m2["r/credential/cred-1"][len(m2["r/credential/cred-1"])-1] ^= 1
		mem := load(t, m2)
		before := dump(t, mem)
		if _, err := Unlock(ctx, mem, StdCrypto{}, []byte(f.Passphrase)); !errors.Is(err, ErrTampered) {
			t.Fatalf("Unlock = %v, want ErrTampered", err)
		}
		if diff := cmp.Diff(before, dump(t, mem)); diff != "" {
			t.Errorf("failed migration changed storage:\n%s", diff)
		}
	})
}

// unlockCipher opens the first slot of the wallet in kv without migrating.
func unlockCipher(t *testing.T, kv KV, pass string) Cipher {
	t.Helper()
	ctx := context.Background()
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	s := h.Slots[0]
	kek, err := StdCrypto{}.DeriveKEK(ctx, []byte(pass), *s.KDF)
	if err != nil {
		t.Fatal(err)
	}
	c, err := kek.Unwrap(ctx, s.Nonce, s.Wrapped, slotAD(h.WalletID, s))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewerSchemaRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, kv := newWallet(t)
	m := dump(t, kv)
	var h map[string]any
	if err := json.Unmarshal(m[headerKey], &h); err != nil {
		t.Fatal(err)
	}
	h["schema"] = SchemaVersion + 1
	m[headerKey], _ = json.Marshal(h)
	if _, err := Unlock(ctx, load(t, m), StdCrypto{}, []byte(testPass)); !errors.Is(err, ErrNewerSchema) {
		t.Errorf("Unlock = %v, want ErrNewerSchema", err)
	}
}
