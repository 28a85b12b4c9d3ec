package store

import "context"

// KV is the byte storage a [Wallet] lives in: IndexedDB in the browser
// (wasm/browser.IndexedDBKV), [MemKV] in tests and natively. Keys are
// strings; values are opaque bytes the KV must return unchanged. It is
// modelled on tailscale's ipn.StateStore, with a batch write added.
//
// A KV must be safe for concurrent use. Errors should wrap [ErrNotExist]
// (Get of a missing key) and [ErrQuota] (storage full) so callers can
// branch on them.
type KV interface {
	// Get returns the value under key, or an error wrapping ErrNotExist.
	Get(ctx context.Context, key string) ([]byte, error)

	// List returns the keys that start with prefix, in ascending
	// byte-wise order.
	List(ctx context.Context, prefix string) ([]string, error)

	// Update calls fn with a Tx and then applies every Put and Delete
	// fn made, all or none: if fn returns an error, or applying fails,
	// nothing is written and the previous state stays intact. Reads in fn
	// see fn's own writes. Updates do not interleave: an implementation
	// serialises them (a mutex, a Web Lock), so fn reads a state no other
	// writer changes before the batch is applied. fn must not call
	// Update on the same KV (it would wait for itself) and must not keep
	// the Tx after returning.
	Update(ctx context.Context, fn func(tx Tx) error) error
}

// Tx is the view of a [KV] inside [KV.Update]. Its methods use the
// context given to Update.
type Tx interface {
	// Get returns the value under key as fn's writes so far left it, or
	// an error wrapping ErrNotExist.
	Get(key string) ([]byte, error)
	// List is KV.List as fn's writes so far left it.
	List(prefix string) ([]string, error)
	// Put sets key to a copy of value when the batch is applied.
	Put(key string, value []byte) error
	// Delete removes key when the batch is applied; a missing key is
	// not an error.
	Delete(key string) error
}
