package app

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	didjwk "github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/store"
)

// backend is where the wallet lives: IndexedDB and WebCrypto in the
// browser (backend_js.go), memory in native tests (memBackend). It is the
// app's only door to storage and keys, so the flows in session.go run the
// same natively and in the browser.
type backend interface {
	// open returns the wallet's storage, creating it if needed.
	open(ctx context.Context) (keyStore, error)
	// crypto is the store.Crypto to create and unlock wallets with.
	crypto() store.Crypto
}

// keyStore is the wallet's KV plus its holder keys. The private half of a
// holder key never leaves the keyStore: in the browser it is a
// non-extractable CryptoKey.
type keyStore interface {
	store.KV
	// newHolderKey makes and saves a new ES256 holder key and describes
	// it (handle, public JWK, did:jwk).
	newHolderKey(ctx context.Context, now time.Time) (crypto.Signer, store.KeyRef, error)
	// loadHolderKey returns the holder key saved under handle.
	loadHolderKey(ctx context.Context, handle string) (crypto.Signer, error)
	// deleteHolderKey removes it for good; a missing key is not an error.
	deleteHolderKey(ctx context.Context, handle string) error
}

// newHandle returns a random handle for a holder key or record id: ids are
// visible in storage, so they carry nothing but randomness.
func newHandle(prefix string) string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("app: crypto/rand failed: " + err.Error()) // never returns an error since Go 1.24
	}
	return prefix + hex.EncodeToString(b[:])
}

// memBackend keeps a wallet in memory with the standard library's crypto:
// for native tests of the flows. Its holder keys are ordinary ECDSA keys.
type memBackend struct {
	once sync.Once
	ks   *memKeyStore
}

func (b *memBackend) open(context.Context) (keyStore, error) {
	b.once.Do(func() { b.ks = &memKeyStore{keys: map[string]*ecdsa.PrivateKey{}} })
	return b.ks, nil
}

func (b *memBackend) crypto() store.Crypto { return store.StdCrypto{} }

type memKeyStore struct {
	store.MemKV
	mu   sync.Mutex
	keys map[string]*ecdsa.PrivateKey
}

func (m *memKeyStore) newHolderKey(_ context.Context, now time.Time) (crypto.Signer, store.KeyRef, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, store.KeyRef{}, err
	}
	ref, err := keyRefOf(newHandle("holder-"), &k.PublicKey, now)
	if err != nil {
		return nil, store.KeyRef{}, err
	}
	m.mu.Lock()
	m.keys[ref.Handle] = k
	m.mu.Unlock()
	return k, ref, nil
}

func (m *memKeyStore) loadHolderKey(_ context.Context, handle string) (crypto.Signer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.keys[handle]
	if !ok {
		return nil, &store.Error{Op: "load signer", Key: handle, Err: store.ErrNotExist}
	}
	return k, nil
}

func (m *memKeyStore) deleteHolderKey(_ context.Context, handle string) error {
	m.mu.Lock()
	delete(m.keys, handle)
	m.mu.Unlock()
	return nil
}

// keyRefOf describes an ES256 holder public key as wasm/browser does.
func keyRefOf(handle string, pub *ecdsa.PublicKey, created time.Time) (store.KeyRef, error) {
	j, err := jose.PublicJWK(pub)
	if err != nil {
		return store.KeyRef{}, err
	}
	d, err := didjwk.Encode(pub)
	if err != nil {
		return store.KeyRef{}, err
	}
	return store.KeyRef{Alg: "ES256", Handle: handle, PublicJWK: j, DID: d.String(), Created: created}, nil
}
