package store

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
)

// StdCrypto is the [Crypto] of native callers and tests: crypto/aes,
// crypto/pbkdf2 and crypto/rand from the standard library. Keys live in Go
// memory. The zero value is ready to use.
type StdCrypto struct{}

// NewWalletKey implements [Crypto] with 32 bytes from crypto/rand.
func (StdCrypto) NewWalletKey(ctx context.Context) (WalletKey, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return stdKey(k), nil
}

// DeriveKEK implements [KDF] with crypto/pbkdf2.
func (StdCrypto) DeriveKEK(ctx context.Context, passphrase []byte, p KDFParams) (KEK, error) {
	if err := p.check(1); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k, err := pbkdf2.Key(sha256.New, string(passphrase), p.Salt, p.Iterations, KeySize)
	if err != nil {
		return nil, err
	}
	return stdKEK{stdKey(k)}, nil
}

// stdKey is an AES-256 key in Go memory.
type stdKey []byte

func (stdKey) Algorithm() string { return "A256GCM" }

func (k stdKey) aead() (cipher.AEAD, error) {
	b, err := aes.NewCipher(k)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// NewStdCipher returns a [Cipher] over a raw 32-byte AES-256 key held in Go
// memory, for native tools and tests. It does not check where the key
// came from.
func NewStdCipher(key []byte) (Cipher, error) {
	if len(key) != KeySize {
		return nil, errorf("cipher", "", "%w: key of %d bytes, want %d", ErrMalformed, len(key), KeySize)
	}
	return stdKey(append([]byte(nil), key...)), nil
}

func (k stdKey) Seal(ctx context.Context, nonce, plaintext, ad []byte) ([]byte, error) {
	a, err := k.aead()
	if err != nil {
		return nil, err
	}
	if len(nonce) != a.NonceSize() {
		return nil, errorf("seal", "", "%w: nonce of %d bytes", ErrMalformed, len(nonce))
	}
	return a.Seal(nil, nonce, plaintext, ad), nil
}

func (k stdKey) Open(ctx context.Context, nonce, ciphertext, ad []byte) ([]byte, error) {
	a, err := k.aead()
	if err != nil {
		return nil, err
	}
	if len(nonce) != a.NonceSize() {
		return nil, errorf("open", "", "%w: nonce of %d bytes", ErrMalformed, len(nonce))
	}
	pt, err := a.Open(nil, nonce, ciphertext, ad)
	if err != nil {
		return nil, ErrDecrypt
	}
	return pt, nil
}

// stdKEK wraps with AES-256-GCM over the raw key bytes: the same bytes
// WebCrypto's wrapKey("raw", …, {name: "AES-GCM"}) produces, so a wallet
// made natively unlocks in the browser and back.
type stdKEK struct{ k stdKey }

func (w stdKEK) Wrap(ctx context.Context, k WalletKey, nonce, ad []byte) ([]byte, error) {
	raw, ok := k.(stdKey)
	if !ok {
		return nil, fmt.Errorf("store: wrap: a %T is not a StdCrypto key", k)
	}
	return w.k.Seal(ctx, nonce, raw, ad)
}

func (w stdKEK) Unwrap(ctx context.Context, nonce, wrapped, ad []byte) (Cipher, error) {
	raw, err := w.k.Open(ctx, nonce, wrapped, ad)
	if err != nil {
		return nil, err
	}
	if len(raw) != KeySize {
		return nil, errorf("unwrap", "", "%w: wrapped key of %d bytes", ErrMalformed, len(raw))
	}
	return stdKey(raw), nil
}

// UnwrapWalletKey implements [KEK]: natively the wrappable key and the
// Cipher are the same bytes in Go memory.
func (w stdKEK) UnwrapWalletKey(ctx context.Context, nonce, wrapped, ad []byte) (WalletKey, error) {
	c, err := w.Unwrap(ctx, nonce, wrapped, ad)
	if err != nil {
		return nil, err
	}
	return c.(stdKey), nil
}
