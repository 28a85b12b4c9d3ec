//go:build js && wasm

package browser

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/store"
)

// IndexedDBKV is a [store.KV] in one IndexedDB database: object store
// "kv" holds the wallet's bytes (values are Uint8Arrays), object store
// "keys" holds holder key pairs as CryptoKey objects (see [Signer]).
type IndexedDBKV struct {
	name string
	db   safejs.Value
	mu   sync.Mutex // serialises Updates inside this Go runtime
}

var _ store.KV = (*IndexedDBKV)(nil)

// OpenIndexedDB opens (creating if needed) the IndexedDB database name.
// It fails when IndexedDB is missing (Node, some private modes) or the
// database is blocked by an older version open elsewhere.
func OpenIndexedDB(ctx context.Context, name string) (*IndexedDBKV, error) {
	idb, err := global("indexedDB")
	if err != nil || idb.IsUndefined() {
		return nil, fmt.Errorf("browser: indexedDB is not available")
	}
	req, err := idb.Call("open", name, dbVersion)
	if err != nil {
		return nil, &DOMError{Op: "indexeddb open", Name: "Error", Message: err.Error()}
	}
	// upgradeneeded runs inside the versionchange transaction, before
	// success: the stores must be created synchronously in the handler.
	var upgradeErr error
	onUpgrade, err := safejs.FuncOf(func(_ safejs.Value, _ []safejs.Value) any {
		db, err := req.Get("result")
		if err == nil {
			err = upgrade(db)
		}
		upgradeErr = err
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := req.Set("onupgradeneeded", onUpgrade); err != nil {
		onUpgrade.Release()
		return nil, err
	}
	db, err := awaitEvents(ctx, "indexeddb open", req, []string{"success"}, []string{"error", "blocked"})
	if err != nil {
		// The request may still fire upgradeneeded; keep the handler.
		return nil, err
	}
	_ = req.Set("onupgradeneeded", safejs.Null())
	onUpgrade.Release()
	if upgradeErr != nil {
		_, _ = db.Call("close")
		return nil, fmt.Errorf("browser: indexeddb upgrade: %w", upgradeErr)
	}
	return &IndexedDBKV{name: name, db: db}, nil
}

// The database layout. A new layout bumps dbVersion and adds a case to
// upgrade; the wallet's own schema lives in the store header.
const (
	dbVersion = 1
	kvStore   = "kv"
	keyStore  = "keys"
)

func upgrade(db safejs.Value) error {
	names, err := db.Get("objectStoreNames")
	if err != nil {
		return err
	}
	for _, s := range []string{kvStore, keyStore} {
		has, err := names.Call("contains", s)
		if err != nil {
			return err
		}
		if ok, _ := has.Bool(); ok {
			continue
		}
		if _, err := db.Call("createObjectStore", s); err != nil {
			return err
		}
	}
	return nil
}

// Close closes the database connection.
func (k *IndexedDBKV) Close() error {
	_, err := k.db.Call("close")
	return err
}

// Name is the database name.
func (k *IndexedDBKV) Name() string { return k.name }

// request runs one request in its own transaction on storeName and
// returns its result.
func (k *IndexedDBKV) request(ctx context.Context, op, storeName, mode, method string, args ...any) (safejs.Value, error) {
	tx, err := k.db.Call("transaction", storeName, mode)
	if err != nil {
		return safejs.Value{}, &DOMError{Op: op, Name: "Error", Message: err.Error()}
	}
	st, err := tx.Call("objectStore", storeName)
	if err != nil {
		return safejs.Value{}, err
	}
	req, err := st.Call(method, args...)
	if err != nil {
		_, _ = tx.Call("abort")
		return safejs.Value{}, &DOMError{Op: op, Name: "Error", Message: err.Error()}
	}
	return awaitEvents(ctx, op, req, []string{"success"}, []string{"error"})
}

// Get implements [store.KV]; a value over store.MaxRecordBytes is refused.
func (k *IndexedDBKV) Get(ctx context.Context, key string) ([]byte, error) {
	v, err := k.request(ctx, "indexeddb get", kvStore, "readonly", "get", key)
	if err != nil {
		return nil, err
	}
	if v.IsUndefined() {
		return nil, &store.Error{Op: "get", Key: key, Err: store.ErrNotExist}
	}
	b, err := goBytes(v, store.MaxRecordBytes)
	if err != nil {
		return nil, &store.Error{Op: "get", Key: key, Err: fmt.Errorf("%w: %w", store.ErrMalformed, err)}
	}
	return b, nil
}

// List implements [store.KV].
func (k *IndexedDBKV) List(ctx context.Context, prefix string) ([]string, error) {
	var args []any
	if prefix != "" {
		kr, err := global("IDBKeyRange")
		if err != nil {
			return nil, err
		}
		r, err := kr.Call("bound", prefix, prefix+"\uffff")
		if err != nil {
			return nil, err
		}
		args = append(args, r)
	}
	v, err := k.request(ctx, "indexeddb list", kvStore, "readonly", "getAllKeys", args...)
	if err != nil {
		return nil, err
	}
	n, err := v.Length()
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, n)
	for i := range n {
		kv, err := v.Index(i)
		if err != nil {
			return nil, err
		}
		if kv.Type() != safejs.TypeString {
			continue // not ours
		}
		s, err := kv.String()
		if err != nil {
			return nil, err
		}
		if strings.HasPrefix(s, prefix) {
			keys = append(keys, s)
		}
	}
	slices.Sort(keys)
	return keys, nil
}

// Update implements [store.KV]. It holds a Web Lock named after the
// database (so other tabs' Updates wait), runs fn over a [store.BatchTx]
// that reads through Get and List, and then applies the whole batch in
// ONE readwrite IndexedDB transaction with strict durability: every
// request is issued before Go yields to the event loop (IndexedDB commits
// a transaction that has no pending request when control returns to the
// event loop, so fn's own awaits cannot run inside it). A request that
// fails, a QuotaExceededError, a closed page or a cancelled ctx abort the
// transaction: nothing is written. A quota failure wraps store.ErrQuota.
func (k *IndexedDBKV) Update(ctx context.Context, fn func(tx store.Tx) error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return withLock(ctx, "gxwallet-kv:"+k.name, func() error {
		tx := store.NewBatchTx(
			func(key string) ([]byte, error) { return k.Get(ctx, key) },
			func(prefix string) ([]string, error) { return k.List(ctx, prefix) })
		if err := fn(tx); err != nil {
			tx.Ops()
			return err
		}
		return k.commit(ctx, tx.Ops())
	})
}

// commit writes ops in one transaction.
func (k *IndexedDBKV) commit(ctx context.Context, ops []store.Op) error {
	if len(ops) == 0 {
		return nil
	}
	// Everything that can fail in Go is done before the transaction opens.
	vals := make([]safejs.Value, len(ops))
	for i, op := range ops {
		if op.Delete {
			continue
		}
		v, err := u8(op.Value)
		if err != nil {
			return err
		}
		vals[i] = v
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	tx, err := k.db.Call("transaction", kvStore, "readwrite", map[string]any{"durability": "strict"})
	if err != nil {
		return &DOMError{Op: "indexeddb update", Name: "Error", Message: err.Error()}
	}
	st, err := tx.Call("objectStore", kvStore)
	if err != nil {
		_, _ = tx.Call("abort")
		return err
	}
	wait, err := listen("indexeddb update", tx, []string{"complete"}, []string{"abort", "error"})
	if err != nil {
		_, _ = tx.Call("abort")
		return err
	}
	var issueErr error
	for i, op := range ops {
		if op.Delete {
			_, issueErr = st.Call("delete", op.Key)
		} else {
			_, issueErr = st.Call("put", vals[i], op.Key)
		}
		if issueErr != nil {
			break
		}
	}
	if issueErr != nil {
		_, _ = tx.Call("abort")
		_, _ = wait(context.Background())
		return fmt.Errorf("browser: indexeddb update: %w", issueErr)
	}
	// Not bounded by ctx: once issued, the batch commits or aborts as a
	// whole, and the caller must learn which. A cancelled ctx aborts it
	// if it has not committed yet.
	stop := context.AfterFunc(ctx, func() { _, _ = tx.Call("abort") })
	defer stop()
	_, err = wait(context.Background())
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return err
}
