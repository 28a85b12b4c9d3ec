package store

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata fixtures")

// testIterations keeps PBKDF2 fast in tests; TestDefaultIterations covers
// the real work factor once.
const testIterations = 1000

func TestMain(m *testing.M) {
	minIterations = testIterations // testOnly: see limits.go
	os.Exit(m.Run())
}

var testOpts = Options{Iterations: testIterations}

const testPass = "correct horse battery staple"

// newWallet creates a wallet in a fresh MemKV.
func newWallet(t testing.TB) (*Wallet, *MemKV) {
	t.Helper()
	kv := new(MemKV)
	w, err := Create(context.Background(), kv, StdCrypto{}, []byte(testPass), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	return w, kv
}

// dump returns a copy of every key and value in kv.
func dump(t testing.TB, kv KV) map[string][]byte {
	t.Helper()
	ctx := context.Background()
	keys, err := kv.List(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string][]byte, len(keys))
	for _, k := range keys {
		if m[k], err = kv.Get(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// load fills a new MemKV from a dump.
func load(t testing.TB, m map[string][]byte) *MemKV {
	t.Helper()
	kv := new(MemKV)
	err := kv.Update(context.Background(), func(tx Tx) error {
		for k, v := range m {
			if err := tx.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return kv
}

// errInjected is the failure faultKV injects.
var errInjected = errors.New("injected failure")

// faultKV is a KV whose batches fail: after failAfter Puts inside one
// Update (the Put itself fails), or at commit with commitErr (a full
// disk). It proves that a failure in the middle of a batch writes nothing.
type faultKV struct {
	KV
	failAfter int   // 0: Puts never fail
	commitErr error // returned instead of applying the batch
	puts      atomic.Int64
}

func (f *faultKV) Update(ctx context.Context, fn func(tx Tx) error) error {
	return f.KV.Update(ctx, func(tx Tx) error {
		if err := fn(&faultTx{Tx: tx, f: f}); err != nil {
			return err
		}
		if f.commitErr != nil {
			return f.commitErr
		}
		return nil
	})
}

type faultTx struct {
	Tx
	f *faultKV
	n int
}

func (t *faultTx) Put(key string, value []byte) error {
	t.n++
	t.f.puts.Add(1)
	if t.f.failAfter > 0 && t.n > t.f.failAfter {
		return fmt.Errorf("put %d: %w", t.n, errInjected)
	}
	return t.Tx.Put(key, value)
}

// fixture is a stored wallet in testdata: its passphrase and KV contents.
type fixture struct {
	Comment    string `json:"comment"`
	Passphrase string `json:"passphrase"`
	// PRF is a passkey's PRF output for the fixture's passkey slot
	// PasskeySlot (a passkey fixture only).
	PRF         []byte            `json:"prf,omitempty"`
	PasskeySlot string            `json:"passkeySlot,omitempty"`
	KV          map[string][]byte `json:"kv"`
}

func readFixture(t testing.TB, name string) fixture {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func writeFixture(t testing.TB, name string, f fixture) {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("testdata/"+name, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}
