package store

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const claim = "Erika-Mustermann-7f3a" // a claim value that must never be stored in clear

func putCredential(t *testing.T, w *Wallet, id, raw string) {
	t.Helper()
	err := w.Update(context.Background(), func(tx *RecordTx) error {
		return tx.Put(TypeCredential, id, Credential{Format: "vc+jwt", Raw: raw, Added: t0})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestCreateUnlockRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	putCredential(t, w, "c1", "raw:"+claim)

	w2, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	var got Credential
	if err := w2.Get(ctx, TypeCredential, "c1", &got); err != nil {
		t.Fatal(err)
	}
	want := Credential{Format: "vc+jwt", Raw: "raw:" + claim, Added: t0}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("credential (-want +got):\n%s", diff)
	}
	ids, err := w2.List(ctx, TypeCredential)
	if err != nil || !cmp.Equal(ids, []string{"c1"}) {
		t.Errorf("List = %v, %v", ids, err)
	}
	if err := w2.Get(ctx, TypeCredential, "nope", &got); !errors.Is(err, ErrNotExist) {
		t.Errorf("Get missing = %v, want ErrNotExist", err)
	}
	s, err := w2.Settings(ctx)
	if err != nil || s != DefaultSettings() {
		t.Errorf("Settings = %+v, %v", s, err)
	}
}

func TestNoPlaintextInStorage(t *testing.T) {
	t.Parallel()
	w, kv := newWallet(t)
	putCredential(t, w, "c1", `{"name":"`+claim+`"}`)
	err := w.Update(context.Background(), func(tx *RecordTx) error {
		_, err := tx.AppendHistory(HistoryEntry{Time: t0, Event: "present", Claims: []string{claim}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range dump(t, kv) {
		if strings.Contains(k, claim) || bytes.Contains(v, []byte(claim)) || bytes.Contains(v, []byte(testPass)) {
			t.Errorf("%s holds a claim or the passphrase in clear", k)
		}
	}
}

func TestWrongPassphrase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	putCredential(t, w, "c1", "x")
	before := dump(t, kv)
	for _, pass := range []string{"", "wrong", testPass + " ", strings.ToUpper(testPass)} {
		_, err := Unlock(ctx, kv, StdCrypto{}, []byte(pass))
		if !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("Unlock(%q) = %v, want ErrWrongPassphrase", pass, err)
		}
		var e *Error
		if !errors.As(err, &e) || e.Op != "unlock" {
			t.Errorf("Unlock(%q) error %T %v is not a store unlock *Error", pass, err, err)
		}
	}
	if diff := cmp.Diff(before, dump(t, kv)); diff != "" {
		t.Errorf("a refused unlock changed storage:\n%s", diff)
	}
}

func TestCreateAndUnlockRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, err := Unlock(ctx, new(MemKV), StdCrypto{}, []byte(testPass)); !errors.Is(err, ErrNoWallet) {
		t.Errorf("Unlock(empty) = %v, want ErrNoWallet", err)
	}
	_, kv := newWallet(t)
	before := dump(t, kv)
	if _, err := Create(ctx, kv, StdCrypto{}, []byte("other"), testOpts); !errors.Is(err, ErrExists) {
		t.Errorf("Create twice = %v, want ErrExists", err)
	}
	if diff := cmp.Diff(before, dump(t, kv)); diff != "" {
		t.Errorf("a refused Create changed storage:\n%s", diff)
	}
	if _, err := Create(ctx, new(MemKV), StdCrypto{}, nil, testOpts); !errors.Is(err, ErrMalformed) {
		t.Errorf("Create(empty passphrase) = %v", err)
	}
	if _, err := Create(ctx, new(MemKV), StdCrypto{}, []byte("p"), Options{Iterations: testIterations - 1}); !errors.Is(err, ErrMalformed) {
		t.Errorf("Create(too few iterations) = %v", err)
	}
	if ok, err := Exists(ctx, kv); !ok || err != nil {
		t.Errorf("Exists = %v, %v", ok, err)
	}
	if ok, err := Exists(ctx, new(MemKV)); ok || err != nil {
		t.Errorf("Exists(empty) = %v, %v", ok, err)
	}
}

// TestKDFLimits checks the bounds Unlock applies to a header's KDF
// parameters in production (minIterations is lowered for the other tests).
func TestKDFLimits(t *testing.T) {
	t.Parallel()
	salt := make([]byte, SaltSize)
	for _, tc := range []struct {
		p  KDFParams
		ok bool
	}{
		{KDFParams{KDFPBKDF2SHA256, MinIterations, salt}, true},
		{KDFParams{KDFPBKDF2SHA256, MaxIterations, salt}, true},
		{KDFParams{KDFPBKDF2SHA256, MinIterations - 1, salt}, false},
		{KDFParams{KDFPBKDF2SHA256, MaxIterations + 1, salt}, false},
		{KDFParams{KDFPBKDF2SHA256, MinIterations, salt[:8]}, false},
		{KDFParams{"PBKDF2-SHA-1", MinIterations, salt}, false},
	} {
		err := tc.p.check(MinIterations)
		if (err == nil) != tc.ok || (err != nil && !errors.Is(err, ErrMalformed)) {
			t.Errorf("check(%s, %d, %d-byte salt) = %v", tc.p.Alg, tc.p.Iterations, len(tc.p.Salt), err)
		}
	}
}

// TestDefaultIterations runs the real work factor once.
func TestDefaultIterations(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	kv := new(MemKV)
	start := time.Now()
	if _, err := Create(ctx, kv, StdCrypto{}, []byte(testPass), Options{}); err != nil {
		t.Fatal(err)
	}
	t.Logf("create with %d iterations: %v", DefaultIterations, time.Since(start))
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Slots[0].KDF; got.Iterations != DefaultIterations || got.Alg != KDFPBKDF2SHA256 || len(got.Salt) != SaltSize {
		t.Errorf("slot KDF = %+v", got)
	}
	if h.Schema != SchemaVersion || len(h.WalletID) != 16 {
		t.Errorf("header = %+v", h)
	}
}

// TestTamper edits the storage the way someone with write access could,
// without the key, and expects ErrTampered every time.
func TestTamper(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	putCredential(t, w, "a", "credential A")
	putCredential(t, w, "b", "credential B")
	if err := w.Update(ctx, func(tx *RecordTx) error {
		return tx.Put(TypeSettings, SettingsID, Settings{Language: "fr", LockAfterSeconds: 60})
	}); err != nil {
		t.Fatal(err)
	}
	other, otherKV := newWallet(t)
	putCredential(t, other, "a", "credential from another wallet")
	clean := dump(t, kv)

	for _, tc := range []struct {
		name string
		edit func(m map[string][]byte)
		typ  Type
		id   string
	}{
		{"swap two records", func(m map[string][]byte) {
			m["r/credential/a"], m["r/credential/b"] = m["r/credential/b"], m["r/credential/a"]
		}, TypeCredential, "a"},
		{"rename a record", func(m map[string][]byte) {
			m["r/credential/c"] = m["r/credential/a"]
		}, TypeCredential, "c"},
		{"change the type in the key", func(m map[string][]byte) {
			m["r/key/a"] = m["r/credential/a"]
		}, TypeKey, "a"},
		{"change the type in the envelope", func(m map[string][]byte) {
			e, _ := ParseEnvelope(m["r/settings/settings"])
			e.Type = TypeCredential
			m["r/credential/settings"], _ = e.MarshalBinary()
		}, TypeCredential, "settings"},
		{"change the version in the envelope", func(m map[string][]byte) {
			e, _ := ParseEnvelope(m["r/credential/a"])
			e.Version = 1
			m["r/credential/a"], _ = e.MarshalBinary()
		}, TypeCredential, "a"},
		{"flip a ciphertext bit", func(m map[string][]byte) {
			m["r/credential/a"][len(m["r/credential/a"])-1] ^= 1
		}, TypeCredential, "a"},
		{"flip a nonce bit", func(m map[string][]byte) {
			m["r/credential/a"][len("GXR")+3] ^= 1
		}, TypeCredential, "a"},
		{"truncate", func(m map[string][]byte) {
			m["r/credential/a"] = m["r/credential/a"][:10]
		}, TypeCredential, "a"},
		{"record from another wallet", func(m map[string][]byte) {
			m["r/credential/a"] = dump(t, otherKV)["r/credential/a"]
		}, TypeCredential, "a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := maps.Clone(clean)
			for k, v := range m {
				m[k] = bytes.Clone(v)
			}
			tc.edit(m)
			w2, err := Unlock(ctx, load(t, m), StdCrypto{}, []byte(testPass))
			if err != nil {
				t.Fatal(err)
			}
			var v map[string]any
			err = w2.Get(ctx, tc.typ, tc.id, &v)
			if !errors.Is(err, ErrTampered) {
				t.Fatalf("Get = %v, %v; want ErrTampered", v, err)
			}
			if strings.Contains(err.Error(), "credential A") {
				t.Errorf("error message leaks plaintext: %v", err)
			}
		})
	}
}

// TestUpdateAtomic fails a batch in the middle — after the first Put, and
// at commit as a full disk — and expects the previous state, byte for byte.
func TestUpdateAtomic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, mem := newWallet(t)
	putCredential(t, w, "a", "old A")
	before := dump(t, mem)

	for _, tc := range []struct {
		name string
		kv   *faultKV
		want error
	}{
		{"put fails after the first", &faultKV{KV: mem, failAfter: 1}, errInjected},
		{"storage full at commit", &faultKV{KV: mem, commitErr: &Error{Op: "commit", Err: ErrQuota}}, ErrQuota},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fw := &Wallet{kv: tc.kv, c: w.c, hdr: w.hdr}
			err := fw.Update(ctx, func(tx *RecordTx) error {
				if err := tx.Put(TypeCredential, "a", Credential{Raw: "new A"}); err != nil {
					return err
				}
				if err := tx.Put(TypeCredential, "b", Credential{Raw: "new B"}); err != nil {
					return err
				}
				_, err := tx.AppendHistory(HistoryEntry{Time: t0, Event: "import"})
				return err
			})
			if !errors.Is(err, tc.want) {
				t.Fatalf("Update = %v, want %v", err, tc.want)
			}
			if diff := cmp.Diff(before, dump(t, mem)); diff != "" {
				t.Errorf("a failed Update changed storage:\n%s", diff)
			}
			var c Credential
			if err := w.Get(ctx, TypeCredential, "a", &c); err != nil || c.Raw != "old A" {
				t.Errorf("a = %+v, %v", c, err)
			}
		})
	}
	// A failing migration writes nothing either: see TestMigrateAtomic.
}

func TestUpdateReadsOwnWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, _ := newWallet(t)
	putCredential(t, w, "a", "A")
	err := w.Update(ctx, func(tx *RecordTx) error {
		if err := tx.Put(TypeCredential, "b", Credential{Raw: "B"}); err != nil {
			return err
		}
		if err := tx.Delete(TypeCredential, "a"); err != nil {
			return err
		}
		var c Credential
		if err := tx.Get(TypeCredential, "b", &c); err != nil || c.Raw != "B" {
			t.Errorf("Get b in tx = %+v, %v", c, err)
		}
		if err := tx.Get(TypeCredential, "a", &c); !errors.Is(err, ErrNotExist) {
			t.Errorf("Get deleted a in tx = %v", err)
		}
		ids, err := tx.List(TypeCredential)
		if err != nil || !cmp.Equal(ids, []string{"b"}) {
			t.Errorf("List in tx = %v, %v", ids, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestUpdateRefuses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, _ := newWallet(t)
	for name, fn := range map[string]func(tx *RecordTx) error{
		"history put":   func(tx *RecordTx) error { return tx.Put(TypeHistory, "1", HistoryEntry{}) },
		"meta put":      func(tx *RecordTx) error { return tx.Put(typeMeta, historyHeadID, HistoryHead{}) },
		"history del":   func(tx *RecordTx) error { return tx.Delete(TypeHistory, historyID(1)) },
		"empty id":      func(tx *RecordTx) error { return tx.Put(TypeCredential, "", Credential{}) },
		"control in id": func(tx *RecordTx) error { return tx.Put(TypeCredential, "a\nb", Credential{}) },
		"long id": func(tx *RecordTx) error {
			return tx.Put(TypeCredential, strings.Repeat("x", MaxIDBytes+1), Credential{})
		},
		"unencodable": func(tx *RecordTx) error { return tx.Put(TypeCredential, "x", func() {}) },
	} {
		if err := w.Update(ctx, fn); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", name, err)
		}
	}
}

func TestLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, _ := newWallet(t)
	putCredential(t, w, "a", "A")
	w.Lock()
	var c Credential
	if err := w.Get(ctx, TypeCredential, "a", &c); !errors.Is(err, ErrLocked) {
		t.Errorf("Get after Lock = %v", err)
	}
	if err := w.Update(ctx, func(*RecordTx) error { return nil }); !errors.Is(err, ErrLocked) {
		t.Errorf("Update after Lock = %v", err)
	}
	if _, err := w.List(ctx, TypeCredential); !errors.Is(err, ErrLocked) {
		t.Errorf("List after Lock = %v", err)
	}
}

func TestConcurrentUpdates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, _ := newWallet(t)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := w.Update(ctx, func(tx *RecordTx) error {
				_, err := tx.AppendHistory(HistoryEntry{Time: t0, Event: "present", Audience: string(rune('a' + i))})
				return err
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if err := w.VerifyHistory(ctx); err != nil {
		t.Error(err)
	}
	if e, _, _ := w.History(ctx); len(e) != 8 {
		t.Errorf("%d entries, want 8", len(e))
	}
}

func TestInterop(t *testing.T) {
	t.Parallel()
	// AES-GCM wrapping with the raw key as plaintext is what WebCrypto's
	// wrapKey("raw") produces; check the wrapped size the header expects.
	ctx := context.Background()
	_, kv := newWallet(t)
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.Slots[0].Wrapped); n != KeySize+TagSize {
		t.Errorf("wrapped key is %d bytes", n)
	}
}
