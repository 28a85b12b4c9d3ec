//go:build js && wasm

package browser

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"fmt"
	"io"
	"time"

	"github.com/hack-pad/safejs"

	didjwk "github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/store"
)

// Signer is an ECDSA P-256 holder key whose private half is a
// non-extractable WebCrypto CryptoKey: it signs in crypto.subtle and no
// private key byte ever enters Go (or any script's) memory. It implements
// crypto.MessageSigner; see [Signer.Sign] for why Sign itself refuses.
//
// Its methods block on a JS promise: call them from a goroutine, never
// from inside a JS callback.
type Signer struct {
	id   string       // its key in the "keys" object store; "" if not saved
	priv safejs.Value // CryptoKey, extractable false, usages ["sign"]
	pub  safejs.Value // CryptoKey of the public half
	key  *ecdsa.PublicKey
}

var _ crypto.MessageSigner = (*Signer)(nil)

// GenerateSigner makes a new P-256 key pair with extractable false (the
// public key is always exportable, as WebCrypto defines). It is not
// saved: see [IndexedDBKV.SaveSigner].
func GenerateSigner(ctx context.Context) (*Signer, error) {
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	p, err := s.Call("generateKey", map[string]any{"name": "ECDSA", "namedCurve": "P-256"}, false, []any{"sign", "verify"})
	if err != nil {
		return nil, err
	}
	pair, err := await(ctx, "webcrypto generateKey", p)
	if err != nil {
		return nil, err
	}
	priv, err := pair.Get("privateKey")
	if err != nil {
		return nil, err
	}
	pub, err := pair.Get("publicKey")
	if err != nil {
		return nil, err
	}
	return newSigner(ctx, "", priv, pub)
}

// newSigner checks the key pair and reads the public key.
func newSigner(ctx context.Context, id string, priv, pub safejs.Value) (*Signer, error) {
	if err := checkKey(priv, "private", false); err != nil {
		return nil, err
	}
	if err := checkKey(pub, "public", true); err != nil {
		return nil, err
	}
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	p, err := s.Call("exportKey", "raw", pub)
	if err != nil {
		return nil, err
	}
	raw, err := await(ctx, "webcrypto exportKey", p)
	if err != nil {
		return nil, err
	}
	b, err := goBytes(raw, 1+2*p256Size)
	if err != nil {
		return nil, err
	}
	key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), b)
	if err != nil {
		return nil, fmt.Errorf("browser: holder public key: %w", err)
	}
	return &Signer{id: id, priv: priv, pub: pub, key: key}, nil
}

// checkKey refuses a CryptoKey that is not an ECDSA P-256 key of the
// given type, or a private key that is extractable.
func checkKey(k safejs.Value, typ string, extractableOK bool) error {
	if k.Type() != safejs.TypeObject {
		return fmt.Errorf("browser: holder %s key missing", typ)
	}
	get := func(v safejs.Value, name string) string {
		x, err := v.Get(name)
		if err != nil || x.Type() != safejs.TypeString {
			return ""
		}
		s, _ := x.String()
		return s
	}
	alg, err := k.Get("algorithm")
	if err != nil {
		return err
	}
	ext, err := k.Get("extractable")
	if err != nil {
		return err
	}
	extractable, _ := ext.Bool()
	switch {
	case get(k, "type") != typ:
		return fmt.Errorf("browser: holder key is %q, want %q", get(k, "type"), typ)
	case get(alg, "name") != "ECDSA" || get(alg, "namedCurve") != "P-256":
		return fmt.Errorf("browser: holder key is %s %s, want ECDSA P-256", get(alg, "name"), get(alg, "namedCurve"))
	case extractable && !extractableOK:
		return fmt.Errorf("browser: holder private key is extractable; refused")
	}
	return nil
}

// ID is the signer's key in the "keys" object store, or "" if unsaved.
func (s *Signer) ID() string { return s.id }

// Public returns the *ecdsa.PublicKey (P-256).
func (s *Signer) Public() crypto.PublicKey { return s.key }

// Sign refuses with [ErrPrehashed]: WebCrypto's ECDSA hashes the message
// itself and cannot sign a digest, and signing the digest as a message
// would produce a signature over SHA-256(digest) that no verifier
// accepts. This is what crypto.MessageSigner asks of such signers.
// Callers use [Signer.SignMessage], directly or through
// crypto.SignMessage.
func (s *Signer) Sign(_ io.Reader, _ []byte, _ crypto.SignerOpts) ([]byte, error) {
	return nil, ErrPrehashed
}

// SignMessage signs msg with ECDSA P-256 and SHA-256 in WebCrypto and
// returns the ASN.1 DER signature crypto.Signer callers expect. opts must
// name crypto.SHA256; rand is ignored (WebCrypto draws its own nonce).
// It waits without a deadline; use [Signer.SignContext] to bound it.
func (s *Signer) SignMessage(_ io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	if opts == nil || opts.HashFunc() != crypto.SHA256 {
		return nil, fmt.Errorf("browser: ECDSA P-256 signs with SHA-256 only")
	}
	return s.SignContext(context.Background(), msg)
}

// SignContext is SignMessage with a context: the ASN.1 DER signature of
// SHA-256(msg).
func (s *Signer) SignContext(ctx context.Context, msg []byte) ([]byte, error) {
	sig, err := s.SignP1363(ctx, msg)
	if err != nil {
		return nil, err
	}
	return P1363ToDER(sig)
}

// SignP1363 signs msg and returns WebCrypto's own form r‖s (64 bytes),
// which is also the JWS ES256 signature (RFC 7518 §3.4).
func (s *Signer) SignP1363(ctx context.Context, msg []byte) ([]byte, error) {
	sub, err := subtle()
	if err != nil {
		return nil, err
	}
	m, err := u8(msg)
	if err != nil {
		return nil, err
	}
	p, err := sub.Call("sign", map[string]any{"name": "ECDSA", "hash": "SHA-256"}, s.priv, m)
	if err != nil {
		return nil, err
	}
	v, err := await(ctx, "webcrypto sign", p)
	if err != nil {
		return nil, err
	}
	return goBytes(v, 2*p256Size)
}

// KeyRef describes the signer for a store.TypeKey record: ES256, its
// handle, public JWK and did:jwk. It fails for an unsaved signer.
func (s *Signer) KeyRef(created time.Time) (store.KeyRef, error) {
	if s.id == "" {
		return store.KeyRef{}, fmt.Errorf("browser: signer not saved")
	}
	return keyRef(s.id, s.key, created)
}

// SaveSigner stores the signer's CryptoKey pair (structured clone; the
// private key stays non-extractable) under id in the "keys" object store
// and sets its ID. It is a transaction of its own, not part of a
// [IndexedDBKV.Update]: write the store.KeyRef record after it, so a
// failure in between leaves at worst an unreferenced key pair.
func (k *IndexedDBKV) SaveSigner(ctx context.Context, id string, s *Signer) error {
	if id == "" || len(id) > store.MaxIDBytes {
		return &store.Error{Op: "save signer", Err: store.ErrMalformed}
	}
	pair, err := object(map[string]any{"privateKey": s.priv, "publicKey": s.pub})
	if err != nil {
		return err
	}
	if _, err := k.request(ctx, "indexeddb put key", keyStore, "readwrite", "put", pair, id); err != nil {
		return err
	}
	s.id = id
	return nil
}

// LoadSigner returns the signer saved under id: an error wrapping
// store.ErrNotExist if there is none, and a refusal if the stored private
// key is not a non-extractable ECDSA P-256 key.
func (k *IndexedDBKV) LoadSigner(ctx context.Context, id string) (*Signer, error) {
	v, err := k.request(ctx, "indexeddb get key", keyStore, "readonly", "get", id)
	if err != nil {
		return nil, err
	}
	if v.IsUndefined() || v.Type() != safejs.TypeObject {
		return nil, &store.Error{Op: "load signer", Key: id, Err: store.ErrNotExist}
	}
	priv, err := v.Get("privateKey")
	if err != nil {
		return nil, err
	}
	pub, err := v.Get("publicKey")
	if err != nil {
		return nil, err
	}
	return newSigner(ctx, id, priv, pub)
}

// DeleteSigner removes the key pair saved under id; a missing one is not
// an error. The key is gone for good: credentials bound to it can no
// longer be presented.
func (k *IndexedDBKV) DeleteSigner(ctx context.Context, id string) error {
	_, err := k.request(ctx, "indexeddb delete key", keyStore, "readwrite", "delete", id)
	return err
}

func keyRef(id string, pub *ecdsa.PublicKey, created time.Time) (store.KeyRef, error) {
	j, err := jose.PublicJWK(pub)
	if err != nil {
		return store.KeyRef{}, err
	}
	d, err := didjwk.Encode(pub)
	if err != nil {
		return store.KeyRef{}, err
	}
	return store.KeyRef{Alg: "ES256", Handle: id, PublicJWK: j, DID: d.String(), Created: created}, nil
}
