package store

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// MemKV is a [KV] in memory, for tests and for native callers that keep
// nothing on disk (the model is tailscale's ipn/store/mem). The zero value
// is empty and ready to use; it must not be copied after first use.
type MemKV struct {
	mu   sync.Mutex // held for a whole Update, so Updates never interleave
	data map[string][]byte
}

// Get implements [KV]. A missing key gives an error wrapping ErrNotExist.
func (m *MemKV) Get(ctx context.Context, key string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.getLocked(key)
}

func (m *MemKV) getLocked(key string) ([]byte, error) {
	v, ok := m.data[key]
	if !ok {
		return nil, &Error{Op: "get", Key: key, Err: ErrNotExist}
	}
	return slices.Clone(v), nil
}

// List implements [KV].
func (m *MemKV) List(ctx context.Context, prefix string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.listLocked(prefix)
}

func (m *MemKV) listLocked(prefix string) ([]string, error) {
	var keys []string
	for k := range m.data {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys, nil
}

// Update implements [KV]: the batch is applied under the same lock that
// fn ran under, or not at all.
func (m *MemKV) Update(ctx context.Context, fn func(tx Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := NewBatchTx(m.getLocked, m.listLocked)
	if err := fn(tx); err != nil {
		tx.Ops()
		return err
	}
	ops := tx.Ops()
	if err := ctx.Err(); err != nil {
		return err
	}
	if m.data == nil {
		m.data = make(map[string][]byte)
	}
	for _, op := range ops {
		if op.Delete {
			delete(m.data, op.Key)
		} else {
			m.data[op.Key] = op.Value
		}
	}
	return nil
}
