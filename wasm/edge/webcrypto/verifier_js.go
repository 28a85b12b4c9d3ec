//go:build js && wasm

package webcrypto

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"syscall/js"
)

// Verifier is core/jose's SignatureVerifier on the runtime's
// WebCrypto (crypto.subtle): workerd checks signatures with BoringSSL,
// while Go's P-256 has no assembly under wasm (an ES256 check costs
// ~2.3 ms in Go there). The edge worker installs it with
// jose.SetVerifier.
//
// It handles ES256/ES384/ES512 (ECDSA P-256/P-384/P-521; a JWS signature
// is the IEEE P1363 r||s that WebCrypto takes), RS256/RS384/RS512
// (RSASSA-PKCS1-v1_5) and EdDSA (Ed25519). It declines PS256/384/512:
// jwx's RSA-PSS check accepts any salt length (rsa.VerifyPSS with nil
// options), WebCrypto only the one it is given, so a token with another
// salt length would be valid for the CLI and not here. Anything that fails
// on the JS side (no crypto.subtle, a key WebCrypto will not import, a
// rejected promise) is declined too, and Go's own check runs.
type Verifier struct {
	subtle js.Value

	mu   sync.Mutex
	keys map[string]js.Value // imported CryptoKeys by alg and key; js.Null() when the import failed
}

// maxWebCryptoKeys bounds the imported-key cache; when full it starts over.
const maxWebCryptoKeys = 256

// New returns nil when the runtime has no crypto.subtle.
func New() *Verifier {
	c := js.Global().Get("crypto")
	if c.Type() != js.TypeObject {
		return nil
	}
	s := c.Get("subtle")
	if s.Type() != js.TypeObject || s.Get("verify").Type() != js.TypeFunction || s.Get("importKey").Type() != js.TypeFunction {
		return nil
	}
	return &Verifier{subtle: s, keys: map[string]js.Value{}}
}

// webCryptoAlg is what WebCrypto needs for one JWS alg and key: the
// algorithm of importKey, that of verify, the JWK to import and the
// cache key.
type webCryptoAlg struct {
	importAlg, verifyAlg map[string]any
	jwk                  map[string]any
	cacheKey             string
}

func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func planWebCrypto(alg string, key crypto.PublicKey) (webCryptoAlg, bool) {
	switch k := key.(type) {
	case *ecdsa.PublicKey:
		if k == nil || k.X == nil || k.Y == nil {
			return webCryptoAlg{}, false
		}
		var crv, hash string
		switch {
		case alg == "ES256" && k.Curve == elliptic.P256():
			crv, hash = "P-256", "SHA-256"
		case alg == "ES384" && k.Curve == elliptic.P384():
			crv, hash = "P-384", "SHA-384"
		case alg == "ES512" && k.Curve == elliptic.P521():
			crv, hash = "P-521", "SHA-512"
		default:
			return webCryptoAlg{}, false
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		if k.X.Sign() < 0 || k.Y.Sign() < 0 || k.X.BitLen() > size*8 || k.Y.BitLen() > size*8 {
			return webCryptoAlg{}, false
		}
		x, y := k.X.FillBytes(make([]byte, size)), k.Y.FillBytes(make([]byte, size))
		return webCryptoAlg{
			importAlg: map[string]any{"name": "ECDSA", "namedCurve": crv},
			verifyAlg: map[string]any{"name": "ECDSA", "hash": hash},
			jwk:       map[string]any{"kty": "EC", "crv": crv, "x": b64u(x), "y": b64u(y)},
			cacheKey:  alg + "|" + string(x) + string(y),
		}, true
	case *rsa.PublicKey:
		hash := map[string]string{"RS256": "SHA-256", "RS384": "SHA-384", "RS512": "SHA-512"}[alg]
		if hash == "" || k == nil || k.N == nil || k.E <= 0 {
			return webCryptoAlg{}, false
		}
		n, e := k.N.Bytes(), big.NewInt(int64(k.E)).Bytes()
		return webCryptoAlg{
			importAlg: map[string]any{"name": "RSASSA-PKCS1-v1_5", "hash": hash},
			verifyAlg: map[string]any{"name": "RSASSA-PKCS1-v1_5"},
			jwk:       map[string]any{"kty": "RSA", "n": b64u(n), "e": b64u(e)},
			cacheKey:  alg + "|" + string(e) + "|" + string(n),
		}, true
	case ed25519.PublicKey:
		if alg != "EdDSA" || len(k) != ed25519.PublicKeySize {
			return webCryptoAlg{}, false
		}
		return webCryptoAlg{
			importAlg: map[string]any{"name": "Ed25519"},
			verifyAlg: map[string]any{"name": "Ed25519"},
			jwk:       map[string]any{"kty": "OKP", "crv": "Ed25519", "x": b64u(k)},
			cacheKey:  alg + "|" + string(k),
		}, true
	}
	return webCryptoAlg{}, false
}

// VerifySignature implements jose.SignatureVerifier.
func (w *Verifier) VerifySignature(ctx context.Context, alg string, key crypto.PublicKey, signingInput, signature []byte) (handled bool, err error) {
	plan, ok := planWebCrypto(alg, key)
	if !ok {
		return false, nil
	}
	defer func() {
		// syscall/js panics on a JS exception thrown synchronously.
		if r := recover(); r != nil {
			handled, err = false, nil
		}
	}()
	ck, ok := w.cryptoKey(ctx, plan)
	if !ok {
		return false, nil
	}
	v, err := await(ctx, w.subtle.Call("verify", plan.verifyAlg, ck, uint8Array(signature), uint8Array(signingInput)))
	if err != nil || v.Type() != js.TypeBoolean {
		return false, nil
	}
	if !v.Bool() {
		return true, errors.New("webcrypto: signature does not verify")
	}
	return true, nil
}

// cryptoKey returns the imported CryptoKey for plan, importing it once.
func (w *Verifier) cryptoKey(ctx context.Context, plan webCryptoAlg) (js.Value, bool) {
	w.mu.Lock()
	ck, ok := w.keys[plan.cacheKey]
	w.mu.Unlock()
	if ok {
		return ck, !ck.IsNull()
	}
	ck, err := await(ctx, w.subtle.Call("importKey", "jwk", plan.jwk, plan.importAlg, false, []any{"verify"}))
	if err != nil {
		if ctx.Err() != nil {
			return js.Value{}, false // not the key's fault: do not remember
		}
		ck = js.Null()
	}
	w.mu.Lock()
	if len(w.keys) >= maxWebCryptoKeys {
		clear(w.keys)
	}
	w.keys[plan.cacheKey] = ck
	w.mu.Unlock()
	return ck, !ck.IsNull()
}

func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// await waits for promise p from Go without blocking the JS thread: the
// goroutine parks on a channel, Go's scheduler returns to the event loop,
// and the promise's reaction resumes it (as syumai/workers awaits fetch).
func await(ctx context.Context, p js.Value) (js.Value, error) {
	if p.Type() != js.TypeObject || p.Get("then").Type() != js.TypeFunction {
		return js.Value{}, errors.New("not a promise")
	}
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v js.Value
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "promise rejected"
		if len(args) > 0 {
			msg = fmt.Sprint("promise rejected: ", js.Global().Get("String").Invoke(args[0]).String())
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	p.Call("then", onOK, onErr)
	select {
	case r := <-ch:
		onOK.Release()
		onErr.Release()
		return r.v, r.err
	case <-ctx.Done():
		// The callbacks stay registered: the promise may still settle
		// and call them (into a buffered channel nobody reads).
		return js.Value{}, ctx.Err()
	}
}
