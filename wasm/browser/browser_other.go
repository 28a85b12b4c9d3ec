//go:build !(js && wasm)

package browser

import (
	"context"
	"crypto"
	"io"
	"time"

	"github.com/gxwallet/gxwallet/core/store"
)

// This file is the native twin of the *_js.go files: the same API, every
// call failing, so that `go build ./...`, `go vet ./...` and native tests
// of packages that import this one work.

// IndexedDBKV is a store.KV in IndexedDB; natively it cannot be opened.
type IndexedDBKV struct{}

var _ store.KV = (*IndexedDBKV)(nil)

// OpenIndexedDB fails natively.
func OpenIndexedDB(ctx context.Context, name string) (*IndexedDBKV, error) {
	return nil, errNotBrowser
}

// Close fails natively.
func (k *IndexedDBKV) Close() error { return errNotBrowser }

// Name is "" natively.
func (k *IndexedDBKV) Name() string { return "" }

// Get fails natively.
func (k *IndexedDBKV) Get(context.Context, string) ([]byte, error) { return nil, errNotBrowser }

// List fails natively.
func (k *IndexedDBKV) List(context.Context, string) ([]string, error) { return nil, errNotBrowser }

// Update fails natively.
func (k *IndexedDBKV) Update(context.Context, func(store.Tx) error) error { return errNotBrowser }

// SaveSigner fails natively.
func (k *IndexedDBKV) SaveSigner(context.Context, string, *Signer) error { return errNotBrowser }

// LoadSigner fails natively.
func (k *IndexedDBKV) LoadSigner(context.Context, string) (*Signer, error) {
	return nil, errNotBrowser
}

// DeleteSigner fails natively.
func (k *IndexedDBKV) DeleteSigner(context.Context, string) error { return errNotBrowser }

// WebCrypto is the browser's store.Crypto; natively every call fails (use
// store.StdCrypto).
type WebCrypto struct{}

var _ store.Crypto = WebCrypto{}

// NewWalletKey fails natively.
func (WebCrypto) NewWalletKey(context.Context) (store.WalletKey, error) { return nil, errNotBrowser }

// DeriveKEK fails natively.
func (WebCrypto) DeriveKEK(context.Context, []byte, store.KDFParams) (store.KEK, error) {
	return nil, errNotBrowser
}

// WebCryptoCipher is a store.Cipher over a WebCrypto key; natively it
// cannot exist.
type WebCryptoCipher struct{}

// Seal fails natively.
func (*WebCryptoCipher) Seal(context.Context, []byte, []byte, []byte) ([]byte, error) {
	return nil, errNotBrowser
}

// Open fails natively.
func (*WebCryptoCipher) Open(context.Context, []byte, []byte, []byte) ([]byte, error) {
	return nil, errNotBrowser
}

// Signer is a WebCrypto holder key; natively it cannot be made.
type Signer struct{}

var _ crypto.MessageSigner = (*Signer)(nil)

// GenerateSigner fails natively.
func GenerateSigner(context.Context) (*Signer, error) { return nil, errNotBrowser }

// ID is "" natively.
func (*Signer) ID() string { return "" }

// Public is nil natively.
func (*Signer) Public() crypto.PublicKey { return nil }

// Sign refuses with ErrPrehashed, as in the browser.
func (*Signer) Sign(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) { return nil, ErrPrehashed }

// SignMessage fails natively.
func (*Signer) SignMessage(io.Reader, []byte, crypto.SignerOpts) ([]byte, error) {
	return nil, errNotBrowser
}

// SignContext fails natively.
func (*Signer) SignContext(context.Context, []byte) ([]byte, error) { return nil, errNotBrowser }

// SignP1363 fails natively.
func (*Signer) SignP1363(context.Context, []byte) ([]byte, error) { return nil, errNotBrowser }

// KeyRef fails natively.
func (*Signer) KeyRef(time.Time) (store.KeyRef, error) { return store.KeyRef{}, errNotBrowser }
