package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// wipe deletes every key of kv in one batch, as the wallet's Settings
// do.
func wipe(t *testing.T, kv KV) {
	t.Helper()
	err := kv.Update(context.Background(), func(tx Tx) error {
		keys, err := tx.List("")
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestTwoTabs: two Wallets open on one KV, as two browser tabs on one
// IndexedDB. Their writes interleave into one chain; once one tab wipes
// the wallet (and perhaps creates another), the other tab's next write is
// refused with ErrLocked, writes nothing, and locks that tab, instead of
// sealing records under the old key into the new wallet, which would
// then no longer unlock (ErrTampered).
func TestTwoTabs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	appendOne := func(w *Wallet, aud string) error {
		return w.Update(ctx, func(tx *RecordTx) error {
			_, err := tx.AppendHistory(HistoryEntry{Time: t0, Event: "present", Audience: aud})
			return err
		})
	}

	t.Run("same wallet", func(t *testing.T) {
		t.Parallel()
		a, kv := newWallet(t)
		b, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range []*Wallet{a, b, a, b} {
			if err := appendOne(w, "x"); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.VerifyHistory(ctx); err != nil {
			t.Error(err)
		}
		if e, _, _ := a.History(ctx); len(e) != 4 {
			t.Errorf("%d entries, want 4", len(e))
		}
	})

	for _, tc := range []struct {
		name     string
		change   func(t *testing.T, kv *MemKV) // what the other tab does
		noWallet bool                          // the error also wraps ErrNoWallet
		records  int                           // records after the refused write
	}{
		{name: "wiped", change: func(t *testing.T, kv *MemKV) { wipe(t, kv) }, noWallet: true},
		{name: "wiped and replaced", change: func(t *testing.T, kv *MemKV) {
			wipe(t, kv)
			c, err := Create(ctx, kv, StdCrypto{}, []byte(testPass), testOpts)
			if err != nil {
				t.Fatal(err)
			}
			putCredential(t, c, "new", "N")
		}, records: 1},
		{name: "migrated by a newer version", change: func(t *testing.T, kv *MemKV) {
			editHeader(t, kv, func(h *Header) { h.Schema = SchemaVersion + 1 })
		}, records: 1},
		{name: "schema changed", change: func(t *testing.T, kv *MemKV) {
			editHeader(t, kv, func(h *Header) { h.Schema = SchemaVersion - 1 })
		}, records: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, kv := newWallet(t)
			putCredential(t, a, "old", "O")
			b, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass))
			if err != nil {
				t.Fatal(err)
			}
			tc.change(t, kv)
			before := dump(t, kv)
			ran := false
			err = b.Update(ctx, func(tx *RecordTx) error {
				ran = true
				return tx.Put(TypeCredential, "late", Credential{Raw: "L"})
			})
			if !errors.Is(err, ErrLocked) || errors.Is(err, ErrNoWallet) != tc.noWallet || ran {
				t.Fatalf("write after the change: %v (fn ran: %v)", err, ran)
			}
			t.Logf("refused: %v", err)
			if after := dump(t, kv); len(after) != len(before) {
				t.Errorf("the refused write changed the storage: %d keys, %d before", len(after), len(before))
			}
			var c Credential
			if err := b.Get(ctx, TypeCredential, "old", &c); !errors.Is(err, ErrLocked) {
				t.Errorf("the tab did not lock: Get = %v", err)
			}
			if tc.records > 0 {
				if keys, _ := kv.List(ctx, recordPrefix); len(keys) != tc.records {
					t.Errorf("%d records, want %d", len(keys), tc.records)
				}
			}
		})
	}

	t.Run("reading the new wallet's records", func(t *testing.T) {
		t.Parallel()
		_, kv := newWallet(t)
		b, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		wipe(t, kv)
		c, err := Create(ctx, kv, StdCrypto{}, []byte(testPass), testOpts)
		if err != nil {
			t.Fatal(err)
		}
		putCredential(t, c, "new", "N")
		var got Credential
		if err := b.Get(ctx, TypeCredential, "new", &got); !errors.Is(err, ErrLocked) || errors.Is(err, ErrTampered) {
			t.Errorf("the old tab reads the new wallet's record: %v, want ErrLocked", err)
		}
		// The new wallet is whole.
		w, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass))
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Get(ctx, TypeCredential, "new", &got); err != nil || got.Raw != "N" {
			t.Errorf("new wallet: %+v, %v", got, err)
		}
	})
}

// editHeader rewrites the header of kv with edit.
func editHeader(t *testing.T, kv KV, edit func(*Header)) {
	t.Helper()
	ctx := context.Background()
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	edit(&h)
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := kv.Update(ctx, func(tx Tx) error { return tx.Put(headerKey, b) }); err != nil {
		t.Fatal(err)
	}
}
