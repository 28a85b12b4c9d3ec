//go:build js && wasm

package app

import (
	"context"
	"crypto"
	"sync"
	"time"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/wasm/browser"
)

// walletDB is the IndexedDB database the wallet lives in.
const walletDB = "gxwallet"

// defaultBackend is the browser: IndexedDB, WebCrypto (PBKDF2, AES-GCM)
// and non-extractable ECDSA P-256 holder keys.
func defaultBackend() backend { return &idbBackend{} }

type idbBackend struct {
	mu sync.Mutex
	ks *idbKeyStore
}

func (b *idbBackend) open(ctx context.Context) (keyStore, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ks != nil {
		return b.ks, nil
	}
	kv, err := browser.OpenIndexedDB(ctx, walletDB)
	if err != nil {
		return nil, err
	}
	b.ks = &idbKeyStore{IndexedDBKV: kv}
	return b.ks, nil
}

func (b *idbBackend) crypto() store.Crypto { return browser.WebCrypto{} }

type idbKeyStore struct {
	*browser.IndexedDBKV
}

func (k *idbKeyStore) newHolderKey(ctx context.Context, now time.Time) (crypto.Signer, store.KeyRef, error) {
	s, err := browser.GenerateSigner(ctx)
	if err != nil {
		return nil, store.KeyRef{}, err
	}
	if err := k.SaveSigner(ctx, newHandle("holder-"), s); err != nil {
		return nil, store.KeyRef{}, err
	}
	ref, err := s.KeyRef(now)
	if err != nil {
		return nil, store.KeyRef{}, err
	}
	return s, ref, nil
}

func (k *idbKeyStore) loadHolderKey(ctx context.Context, handle string) (crypto.Signer, error) {
	return k.LoadSigner(ctx, handle)
}

func (k *idbKeyStore) deleteHolderKey(ctx context.Context, handle string) error {
	return k.DeleteSigner(ctx, handle)
}
