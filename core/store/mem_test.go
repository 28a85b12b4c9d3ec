package store

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMemKV(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var kv MemKV
	if _, err := kv.Get(ctx, "a"); !errors.Is(err, ErrNotExist) {
		t.Errorf("Get(missing) = %v", err)
	}
	v := []byte("1")
	err := kv.Update(ctx, func(tx Tx) error {
		for _, k := range []string{"p/b", "p/a", "q/c"} {
			if err := tx.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	v[0] = '2' // the KV kept a copy
	if got, _ := kv.Get(ctx, "p/a"); string(got) != "1" {
		t.Errorf("Get = %q", got)
	}
	if keys, _ := kv.List(ctx, "p/"); !cmp.Equal(keys, []string{"p/a", "p/b"}) {
		t.Errorf("List = %v", keys)
	}
	// A failed batch writes nothing, even after Puts and Deletes.
	boom := errors.New("boom")
	err = kv.Update(ctx, func(tx Tx) error {
		_ = tx.Put("p/c", v)
		_ = tx.Delete("p/a")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if keys, _ := kv.List(ctx, ""); !cmp.Equal(keys, []string{"p/a", "p/b", "q/c"}) {
		t.Errorf("after failed batch: %v", keys)
	}
	// A Tx kept past its Update is refused.
	var kept Tx
	_ = kv.Update(ctx, func(tx Tx) error { kept = tx; return nil })
	if err := kept.Put("x", v); err == nil {
		t.Error("Put on a finished Tx succeeded")
	}
	// A cancelled context applies nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := kv.Update(cctx, func(tx Tx) error { return tx.Put("z", v) }); !errors.Is(err, context.Canceled) {
		t.Errorf("Update(cancelled) = %v", err)
	}
}

func TestBatchTxOps(t *testing.T) {
	t.Parallel()
	b := NewBatchTx(
		func(k string) ([]byte, error) { return nil, &Error{Op: "get", Key: k, Err: ErrNotExist} },
		func(string) ([]string, error) { return []string{"k/old"}, nil })
	_ = b.Put("k/b", []byte("1"))
	_ = b.Put("k/a", []byte("1"))
	_ = b.Put("k/a", []byte("2"))
	_ = b.Delete("k/old")
	if keys, _ := b.List("k/"); !cmp.Equal(keys, []string{"k/a", "k/b"}) {
		t.Errorf("List = %v", keys)
	}
	want := []Op{{Key: "k/a", Value: []byte("2")}, {Key: "k/b", Value: []byte("1")}, {Key: "k/old", Delete: true}}
	if diff := cmp.Diff(want, b.Ops()); diff != "" {
		t.Errorf("Ops (-want +got):\n%s", diff)
	}
}
