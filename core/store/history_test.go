package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"
)

// chain builds n history entries through a wallet and returns them with
// the head.
func chain(t *testing.T, n int) (*Wallet, *MemKV, []HistoryEntry, HistoryHead) {
	t.Helper()
	ctx := context.Background()
	w, kv := newWallet(t)
	for i := range n {
		err := w.Update(ctx, func(tx *RecordTx) error {
			_, err := tx.AppendHistory(HistoryEntry{
				Time: t0.Add(time.Duration(i) * time.Minute), Event: "present",
				Audience: "https://verifier.example", Credential: "c1", Claims: []string{"given_name", "email"},
			})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	entries, head, err := w.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != n || head.Seq != uint64(n) {
		t.Fatalf("%d entries, head %d; want %d", len(entries), head.Seq, n)
	}
	return w, kv, entries, head
}

func TestVerifyHistory(t *testing.T) {
	t.Parallel()
	w, _, entries, head := chain(t, 4)
	if err := w.VerifyHistory(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := VerifyHistory(nil, HistoryHead{}); err != nil {
		t.Errorf("empty history: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead)
	}{
		{"altered claim", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e[1].Claims = []string{"given_name"}
			return e, h
		}},
		{"altered audience of the last", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e[3].Audience = "https://evil.example"
			return e, h
		}},
		{"altered time", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e[0].Time = e[0].Time.Add(time.Second)
			return e, h
		}},
		{"removed middle", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			return slices.Delete(e, 1, 2), h
		}},
		{"removed middle, renumbered", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e = slices.Delete(e, 1, 2)
			for i := range e {
				e[i].Seq = uint64(i + 1)
			}
			h.Seq--
			return e, h
		}},
		{"removed last", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			return e[:3], h
		}},
		{"removed last and head rewound", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			return e[:3], HistoryHead{Seq: 3, Digest: h.Digest}
		}},
		{"reordered", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e[1], e[2] = e[2], e[1]
			return e, h
		}},
		{"reordered, renumbered", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			e[1], e[2] = e[2], e[1]
			e[1].Seq, e[2].Seq = 2, 3
			return e, h
		}},
		{"inserted", func(e []HistoryEntry, h HistoryHead) ([]HistoryEntry, HistoryHead) {
			return slices.Insert(e, 2, e[1]), h
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, h := tc.edit(slices.Clone(entries), head)
			err := VerifyHistory(e, h)
			if !errors.Is(err, ErrTampered) {
				t.Errorf("VerifyHistory = %v, want ErrTampered", err)
			}
		})
	}
}

// TestHistoryStorageTamper edits the stored history without the key:
// swapped entries no longer open, a removed last entry no longer matches
// the head.
func TestHistoryStorageTamper(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, kv, _, _ := chain(t, 3)
	clean := dump(t, kv)
	for name, edit := range map[string]func(m map[string][]byte){
		"swap entries 1 and 2": func(m map[string][]byte) {
			k1, k2 := recordKey(TypeHistory, historyID(1)), recordKey(TypeHistory, historyID(2))
			m[k1], m[k2] = m[k2], m[k1]
		},
		"delete the last entry": func(m map[string][]byte) {
			delete(m, recordKey(TypeHistory, historyID(3)))
		},
		"delete the middle entry": func(m map[string][]byte) {
			delete(m, recordKey(TypeHistory, historyID(2)))
		},
		"delete the head": func(m map[string][]byte) {
			delete(m, recordKey(typeMeta, historyHeadID))
		},
	} {
		t.Run(name, func(t *testing.T) {
			m := make(map[string][]byte)
			for k, v := range clean {
				m[k] = v
			}
			edit(m)
			w, err := Unlock(ctx, load(t, m), StdCrypto{}, []byte(testPass))
			if err != nil {
				t.Fatal(err)
			}
			if err := w.VerifyHistory(ctx); !errors.Is(err, ErrTampered) {
				t.Errorf("VerifyHistory = %v, want ErrTampered", err)
			}
		})
	}
}

func TestAppendHistorySetsChain(t *testing.T) {
	t.Parallel()
	_, _, entries, head := chain(t, 2)
	if entries[0].Prev != (Digest{}) || entries[1].Prev != entries[0].Digest() || head.Digest != entries[1].Digest() {
		t.Errorf("chain links wrong: %+v, head %+v", entries, head)
	}
	if entries[0].Time.Location() != time.UTC {
		t.Errorf("time not in UTC: %v", entries[0].Time)
	}
	var d Digest
	if err := d.UnmarshalText([]byte("abc")); err == nil {
		t.Error("short hex digest accepted")
	}
}
