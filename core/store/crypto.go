package store

import "context"

// Cipher seals and opens data under one AES-256-GCM key (NIST SP 800-38D)
// with a 12-byte nonce and associated data. The browser implementation
// (wasm/browser.WebCryptoCipher) holds a non-extractable WebCrypto key;
// [StdCrypto]'s holds the key in Go memory. Both produce ciphertext‖tag
// with a 16-byte tag, so either opens what the other sealed.
type Cipher interface {
	// Seal encrypts plaintext and authenticates it with ad. The caller
	// never repeats a nonce under one key (the wallet draws a random one
	// per write).
	Seal(ctx context.Context, nonce, plaintext, ad []byte) ([]byte, error)
	// Open authenticates and decrypts; a wrong key, nonce, ad or a
	// modified ciphertext gives an error wrapping [ErrDecrypt].
	Open(ctx context.Context, nonce, ciphertext, ad []byte) ([]byte, error)
}

// WalletKey is the wallet key in a form that can be wrapped: freshly
// generated, before its first wrapping, or opened from a slot to wrap
// it into a new one ([KEK.UnwrapWalletKey]); those are the only moments
// an implementation lets it be wrapped (the browser's is an extractable
// CryptoKey that is dropped once wrapped). Only KEKs of the [Crypto]
// that made it accept it.
type WalletKey interface {
	// Algorithm is "A256GCM".
	Algorithm() string
}

// KEK is a key-encryption key derived from a passphrase or from a
// WebAuthn PRF output ([SlotPasskey]). It wraps the wallet key with
// AES-256-GCM, so a wrong KEK is detected and never yields a wrong key.
type KEK interface {
	// Wrap returns the raw wallet key k sealed under the KEK.
	Wrap(ctx context.Context, k WalletKey, nonce, ad []byte) ([]byte, error)
	// Unwrap opens a wrapped wallet key and returns a Cipher using it.
	// The browser's Cipher holds a non-extractable key. A wrong KEK (a
	// wrong passphrase) or altered bytes give an error wrapping
	// [ErrDecrypt].
	Unwrap(ctx context.Context, nonce, wrapped, ad []byte) (Cipher, error)
	// UnwrapWalletKey opens a wrapped wallet key as a [WalletKey] that a
	// KEK of the same [Crypto] can wrap again, to add a key slot
	// ([Wallet.AddPasskeySlot]). The browser's is an extractable
	// CryptoKey usable for encryption only, dropped once wrapped; the
	// session never holds it. Errors as for Unwrap.
	UnwrapWalletKey(ctx context.Context, nonce, wrapped, ad []byte) (WalletKey, error)
}

// KDF derives a [KEK] from a passphrase. Both implementations run
// PBKDF2-HMAC-SHA-256 (RFC 8018 §5.2) to a 256-bit AES-GCM key; the
// browser's runs in WebCrypto (deriveKey) and yields a non-extractable
// key usable only to wrap and unwrap.
type KDF interface {
	DeriveKEK(ctx context.Context, passphrase []byte, p KDFParams) (KEK, error)
}

// Crypto is all the cryptography a [Wallet] needs besides randomness for
// nonces, salts and ids (crypto/rand, drawn in Go).
type Crypto interface {
	KDF
	// NewWalletKey returns a new random 256-bit AES-GCM key.
	NewWalletKey(ctx context.Context) (WalletKey, error)
}

// KDFParams are the parameters of a passphrase key slot, stored in clear
// in the wallet header.
type KDFParams struct {
	Alg        string `json:"alg"`        // KDFPBKDF2SHA256
	Iterations int    `json:"iterations"` // MinIterations ≤ n ≤ MaxIterations
	Salt       []byte `json:"salt"`       // SaltSize random bytes
}

// KDFPBKDF2SHA256 is the only KDF algorithm: PBKDF2 with HMAC-SHA-256.
const KDFPBKDF2SHA256 = "PBKDF2-SHA-256"

// check refuses parameters outside the named limits, so that a header
// edited by an attacker can neither weaken a new slot nor make unlock
// run for hours.
func (p KDFParams) check(minIter int) error {
	switch {
	case p.Alg != KDFPBKDF2SHA256:
		return errorf("kdf", "", "%w: algorithm %q", ErrMalformed, trunc(p.Alg))
	case p.Iterations < minIter || p.Iterations > MaxIterations:
		return errorf("kdf", "", "%w: %d iterations outside [%d, %d]", ErrMalformed, p.Iterations, minIter, MaxIterations)
	case len(p.Salt) < SaltSize || len(p.Salt) > maxSaltSize:
		return errorf("kdf", "", "%w: salt of %d bytes", ErrMalformed, len(p.Salt))
	}
	return nil
}
