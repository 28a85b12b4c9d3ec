//go:build js && wasm

package browser

import (
	"context"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/store"
)

// WebCrypto is the browser's [store.Crypto]: PBKDF2 and AES-GCM in
// crypto.subtle. The key-encryption key is derived straight into a
// non-extractable AES-GCM key usable only to wrap and unwrap, and the
// wallet key is unwrapped into a non-extractable key usable only to
// encrypt and decrypt: neither is ever readable by script, Go included.
// The zero value is ready to use.
type WebCrypto struct{}

var _ store.Crypto = WebCrypto{}

// webWalletKey is a new wallet key, or one unwrapped to add a key slot:
// extractable, because WebCrypto can wrap only extractable keys. It is
// used once, to wrap, and dropped; the session holds only
// non-extractable copies (from unwrapKey).
type webWalletKey struct{ key safejs.Value }

func (webWalletKey) Algorithm() string { return "A256GCM" }

// NewWalletKey implements [store.Crypto] with subtle.generateKey.
func (WebCrypto) NewWalletKey(ctx context.Context) (store.WalletKey, error) {
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	usages := []any{"encrypt", "decrypt"}
	p, err := s.Call("generateKey", map[string]any{"name": "AES-GCM", "length": 256}, true, usages)
	if err != nil {
		return nil, err
	}
	k, err := await(ctx, "webcrypto generateKey", p)
	if err != nil {
		return nil, err
	}
	return webWalletKey{k}, nil
}

// DeriveKEK implements [store.KDF] with subtle.importKey("raw", …,
// "PBKDF2") and subtle.deriveKey to a non-extractable AES-GCM key with
// usages wrapKey and unwrapKey only. The passphrase bytes are copied into
// a Uint8Array that the caller cannot zero; the browser frees it.
func (WebCrypto) DeriveKEK(ctx context.Context, passphrase []byte, p store.KDFParams) (store.KEK, error) {
	if p.Alg != store.KDFPBKDF2SHA256 || p.Iterations < 1 || p.Iterations > store.MaxIterations {
		return nil, &store.Error{Op: "kdf", Err: fmt.Errorf("%w: KDF %q at %d iterations", store.ErrMalformed, p.Alg, p.Iterations)}
	}
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	pass, err := u8(passphrase)
	if err != nil {
		return nil, err
	}
	pr, err := s.Call("importKey", "raw", pass, "PBKDF2", false, []any{"deriveKey"})
	if err != nil {
		return nil, err
	}
	base, err := await(ctx, "webcrypto importKey", pr)
	if err != nil {
		return nil, err
	}
	salt, err := u8(p.Salt)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"name": "PBKDF2", "salt": salt, "iterations": p.Iterations, "hash": "SHA-256"}
	dr, err := s.Call("deriveKey", params, base, map[string]any{"name": "AES-GCM", "length": 256}, false, []any{"wrapKey", "unwrapKey"})
	if err != nil {
		return nil, err
	}
	kek, err := await(ctx, "webcrypto deriveKey", dr)
	if err != nil {
		return nil, err
	}
	return webKEK{kek}, nil
}

// gcmParams is the AesGcmParams dictionary.
func gcmParams(nonce, ad []byte) (map[string]any, error) {
	iv, err := u8(nonce)
	if err != nil {
		return nil, err
	}
	a, err := u8(ad)
	if err != nil {
		return nil, err
	}
	return map[string]any{"name": "AES-GCM", "iv": iv, "additionalData": a, "tagLength": 128}, nil
}

// asDecrypt maps WebCrypto's OperationError (an authentication failure)
// to store.ErrDecrypt.
func asDecrypt(err error) error {
	var de *DOMError
	if errors.As(err, &de) && de.Name == "OperationError" {
		return fmt.Errorf("%w (%s)", store.ErrDecrypt, de.Op)
	}
	return err
}

type webKEK struct{ key safejs.Value }

// Wrap implements [store.KEK] with subtle.wrapKey("raw", …, AES-GCM).
func (w webKEK) Wrap(ctx context.Context, k store.WalletKey, nonce, ad []byte) ([]byte, error) {
	wk, ok := k.(webWalletKey)
	if !ok {
		return nil, fmt.Errorf("browser: wrap: a %T is not a WebCrypto key", k)
	}
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	params, err := gcmParams(nonce, ad)
	if err != nil {
		return nil, err
	}
	p, err := s.Call("wrapKey", "raw", wk.key, w.key, params)
	if err != nil {
		return nil, err
	}
	v, err := await(ctx, "webcrypto wrapKey", p)
	if err != nil {
		return nil, err
	}
	return goBytes(v, store.KeySize+store.TagSize)
}

// Unwrap implements [store.KEK] with subtle.unwrapKey into a
// non-extractable AES-GCM key for encrypt and decrypt.
func (w webKEK) Unwrap(ctx context.Context, nonce, wrapped, ad []byte) (store.Cipher, error) {
	k, err := w.unwrap(ctx, nonce, wrapped, ad, false, "encrypt", "decrypt")
	if err != nil {
		return nil, err
	}
	return &WebCryptoCipher{key: k}, nil
}

// unwrap opens a wrapped wallet key with subtle.unwrapKey into an AES-GCM
// CryptoKey, extractable or not, for the given usages.
func (w webKEK) unwrap(ctx context.Context, nonce, wrapped, ad []byte, extractable bool, usages ...any) (safejs.Value, error) {
	s, err := subtle()
	if err != nil {
		return safejs.Value{}, err
	}
	params, err := gcmParams(nonce, ad)
	if err != nil {
		return safejs.Value{}, err
	}
	wb, err := u8(wrapped)
	if err != nil {
		return safejs.Value{}, err
	}
	p, err := s.Call("unwrapKey", "raw", wb, w.key, params, map[string]any{"name": "AES-GCM", "length": 256}, extractable, usages)
	if err != nil {
		return safejs.Value{}, err
	}
	k, err := await(ctx, "webcrypto unwrapKey", p)
	if err != nil {
		return safejs.Value{}, asDecrypt(err)
	}
	return k, nil
}

// UnwrapWalletKey implements [store.KEK] with subtle.unwrapKey into an
// extractable AES-GCM key usable only to encrypt: WebCrypto wraps only
// extractable keys, and store.Wallet.AddPasskeySlot wraps this one once
// under a passkey's KEK and drops it. The session's key stays the
// non-extractable one from [webKEK.Unwrap].
func (w webKEK) UnwrapWalletKey(ctx context.Context, nonce, wrapped, ad []byte) (store.WalletKey, error) {
	k, err := w.unwrap(ctx, nonce, wrapped, ad, true, "encrypt")
	if err != nil {
		return nil, err
	}
	return webWalletKey{k}, nil
}

// WebCryptoCipher is a [store.Cipher] over a non-extractable AES-256-GCM
// CryptoKey. Its output is ciphertext‖tag, the same bytes crypto/cipher's
// GCM produces.
type WebCryptoCipher struct{ key safejs.Value }

var _ store.Cipher = (*WebCryptoCipher)(nil)

// Seal implements [store.Cipher] with subtle.encrypt.
func (c *WebCryptoCipher) Seal(ctx context.Context, nonce, plaintext, ad []byte) ([]byte, error) {
	return c.do(ctx, "encrypt", nonce, plaintext, ad)
}

// Open implements [store.Cipher] with subtle.decrypt; a failed
// authentication wraps store.ErrDecrypt.
func (c *WebCryptoCipher) Open(ctx context.Context, nonce, ciphertext, ad []byte) ([]byte, error) {
	b, err := c.do(ctx, "decrypt", nonce, ciphertext, ad)
	return b, asDecrypt(err)
}

func (c *WebCryptoCipher) do(ctx context.Context, method string, nonce, data, ad []byte) ([]byte, error) {
	if len(nonce) != store.NonceSize {
		return nil, &store.Error{Op: method, Err: fmt.Errorf("%w: nonce of %d bytes", store.ErrMalformed, len(nonce))}
	}
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	params, err := gcmParams(nonce, ad)
	if err != nil {
		return nil, err
	}
	d, err := u8(data)
	if err != nil {
		return nil, err
	}
	p, err := s.Call(method, params, c.key, d)
	if err != nil {
		return nil, err
	}
	v, err := await(ctx, "webcrypto "+method, p)
	if err != nil {
		return nil, err
	}
	return goBytes(v, store.MaxRecordBytes+store.TagSize)
}
