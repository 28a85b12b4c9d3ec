package store

import (
	"errors"
	"slices"
	"strings"
)

// Op is one write of a batch: set Key to Value, or delete Key.
type Op struct {
	Key    string
	Value  []byte // nil with Delete
	Delete bool
}

// BatchTx is a [Tx] that records writes in memory over a read-only view,
// for KV implementations that apply a whole batch at the end ([MemKV],
// and IndexedDB, whose transactions cannot stay open while Go code
// runs). Reads see the batch's own writes first. It is not safe for
// concurrent use; KV.Update gives it to one fn.
type BatchTx struct {
	get  func(key string) ([]byte, error)
	list func(prefix string) ([]string, error)
	ops  map[string]Op
	done bool
}

// NewBatchTx returns a BatchTx reading from get and list, which must
// behave as [KV.Get] and [KV.List] on the state before the batch.
func NewBatchTx(get func(key string) ([]byte, error), list func(prefix string) ([]string, error)) *BatchTx {
	return &BatchTx{get: get, list: list, ops: make(map[string]Op)}
}

var errTxDone = errors.New("transaction used after Update returned")

// Get implements [Tx].
func (b *BatchTx) Get(key string) ([]byte, error) {
	if b.done {
		return nil, errTxDone
	}
	if op, ok := b.ops[key]; ok {
		if op.Delete {
			return nil, &Error{Op: "get", Key: key, Err: ErrNotExist}
		}
		return slices.Clone(op.Value), nil
	}
	return b.get(key)
}

// List implements [Tx].
func (b *BatchTx) List(prefix string) ([]string, error) {
	if b.done {
		return nil, errTxDone
	}
	keys, err := b.list(prefix)
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool, len(keys))
	out := keys[:0:0]
	for _, k := range keys {
		seen[k] = true
		if op, ok := b.ops[k]; ok && op.Delete {
			continue
		}
		out = append(out, k)
	}
	for k, op := range b.ops {
		if !op.Delete && !seen[k] && strings.HasPrefix(k, prefix) {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Put implements [Tx].
func (b *BatchTx) Put(key string, value []byte) error {
	if b.done {
		return errTxDone
	}
	b.ops[key] = Op{Key: key, Value: slices.Clone(value)}
	return nil
}

// Delete implements [Tx].
func (b *BatchTx) Delete(key string) error {
	if b.done {
		return errTxDone
	}
	b.ops[key] = Op{Key: key, Delete: true}
	return nil
}

// Ops ends the batch and returns its writes, the last one per key, in
// key order. The BatchTx refuses further use.
func (b *BatchTx) Ops() []Op {
	b.done = true
	out := make([]Op, 0, len(b.ops))
	for _, op := range b.ops {
		out = append(out, op)
	}
	slices.SortFunc(out, func(x, y Op) int { return strings.Compare(x.Key, y.Key) })
	return out
}
