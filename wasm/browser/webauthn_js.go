//go:build js && wasm

package browser

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/store"
)

// PasskeySupport reports whether this browser can make and use a passkey
// with the PRF extension: PublicKeyCredential must exist, and where the
// browser answers PublicKeyCredential.getClientCapabilities() (WebAuthn
// Level 3 §5.1.7) it must not deny "extension:prf". A browser that does
// not answer is assumed able; [CreatePasskey] then finds out for sure.
func PasskeySupport(ctx context.Context) (bool, error) {
	pkc, err := global("PublicKeyCredential")
	if err != nil || pkc.Type() != safejs.TypeFunction {
		return false, err
	}
	if ok, err := credentialsAPI(); !ok || err != nil {
		return false, err
	}
	caps, err := pkc.Get("getClientCapabilities")
	if err != nil || caps.Type() != safejs.TypeFunction {
		return true, nil
	}
	p, err := pkc.Call("getClientCapabilities")
	if err != nil {
		return true, nil
	}
	v, err := await(ctx, "webauthn getClientCapabilities", p)
	if err != nil || v.Type() != safejs.TypeObject {
		return true, nil
	}
	prf, err := v.Get("extension:prf")
	if err == nil && prf.Type() == safejs.TypeBoolean {
		return prf.Bool()
	}
	return true, nil
}

// credentialsAPI reports whether navigator.credentials exists.
func credentialsAPI() (bool, error) {
	nav, err := global("navigator")
	if err != nil || nav.Type() != safejs.TypeObject {
		return false, err
	}
	c, err := nav.Get("credentials")
	if err != nil || c.Type() != safejs.TypeObject {
		return false, err
	}
	return true, nil
}

// PasskeyRef is a passkey slot as WebAuthn needs it: the credential id
// and the PRF salt (store.PasskeyParams).
type PasskeyRef struct {
	CredentialID []byte
	Salt         []byte
}

// passkeyTimeoutMS is the WebAuthn timeout hint of a ceremony: a minute
// to find and touch the authenticator; after it the browser rejects with
// NotAllowedError ([ErrPasskeyRefused]).
const passkeyTimeoutMS = 60_000

// CreatePasskey makes a new WebAuthn credential for this site with the
// PRF extension and returns its id and the KEK of a store.SlotPasskey
// slot for salt in the wallet walletID (HKDF-SHA-256 in WebCrypto; see
// core/store). The relying party is {name: "gxwallet"} with the page's
// effective domain as id (the browser's default); the user handle is 16
// random bytes; keys ES256 or RS256; a discoverable credential is
// preferred; user verification is required.
//
// Errors: [ErrPasskeyUnsupported] (no WebAuthn, or the authenticator
// made a credential without PRF: that credential is then useless and
// stays on the authenticator), [ErrPasskeyRefused] (cancelled, timed
// out, or no authenticator), ctx's error. It does not verify the
// attestation (there is no server to trust it for).
func CreatePasskey(ctx context.Context, walletID, salt []byte, userName string) ([]byte, store.KEK, error) {
	if ok, err := PasskeySupport(ctx); err != nil || !ok {
		return nil, nil, passkeyUnsupported(err, "no WebAuthn with PRF in this browser")
	}
	if len(salt) != store.PasskeySaltSize {
		return nil, nil, fmt.Errorf("browser: passkey: %w: salt of %d bytes", store.ErrMalformed, len(salt))
	}
	saltJS, err := u8(salt)
	if err != nil {
		return nil, nil, err
	}
	userID, err := u8(randomBytes(16))
	if err != nil {
		return nil, nil, err
	}
	challenge, err := u8(randomBytes(32))
	if err != nil {
		return nil, nil, err
	}
	opts := map[string]any{
		"rp":        map[string]any{"name": "gxwallet"},
		"user":      map[string]any{"id": userID, "name": userName, "displayName": userName},
		"challenge": challenge,
		"pubKeyCredParams": []any{
			map[string]any{"type": "public-key", "alg": -7},   // ES256
			map[string]any{"type": "public-key", "alg": -257}, // RS256
		},
		"authenticatorSelection": map[string]any{"residentKey": "preferred", "userVerification": "required"},
		"timeout":                passkeyTimeoutMS,
		"attestation":            "none",
		"extensions":             map[string]any{"prf": map[string]any{"eval": map[string]any{"first": saltJS}}},
	}
	cred, err := ceremony(ctx, "create", opts)
	if err != nil {
		return nil, nil, err
	}
	id, err := rawID(cred)
	if err != nil {
		return nil, nil, err
	}
	prf, err := prfResult(cred)
	if err != nil {
		return nil, nil, err
	}
	enabled, _ := prf.Get("enabled")
	if ok, _ := enabled.Bool(); prf.Type() != safejs.TypeObject || enabled.Type() != safejs.TypeBoolean || !ok {
		return nil, nil, passkeyUnsupported(nil, "the authenticator made a passkey without the PRF extension")
	}
	if first, ok := prfFirst(prf); ok {
		kek, err := prfKEK(ctx, first, walletID)
		return id, kek, err
	}
	// Many authenticators evaluate the PRF only on an assertion: ask for
	// one at once (a second touch).
	_, kek, err := PasskeyKEK(ctx, walletID, []PasskeyRef{{CredentialID: id, Salt: salt}})
	if err != nil {
		return nil, nil, err
	}
	return id, kek, nil
}

// PasskeyKEK asks the authenticator for the PRF output of one of refs
// (navigator.credentials.get with those credentials allowed, user
// verification required, each with its own salt) and returns the index
// of the credential used and the KEK of its slot in the wallet walletID.
// The PRF output goes from the assertion straight into WebCrypto
// (importKey "HKDF", deriveKey) and is zeroed after: it never reaches Go
// memory. Errors as for [CreatePasskey]; [ErrPasskeyUnsupported] also
// when the assertion carries no PRF output. It does not verify the
// assertion's signature: the PRF output is what opens the wallet.
func PasskeyKEK(ctx context.Context, walletID []byte, refs []PasskeyRef) (int, store.KEK, error) {
	if len(refs) == 0 {
		return -1, nil, fmt.Errorf("browser: passkey: %w: no credential", store.ErrMalformed)
	}
	if ok, err := PasskeySupport(ctx); err != nil || !ok {
		return -1, nil, passkeyUnsupported(err, "no WebAuthn with PRF in this browser")
	}
	challenge, err := u8(randomBytes(32))
	if err != nil {
		return -1, nil, err
	}
	allow := make([]any, len(refs))
	byCred := map[string]any{}
	for i, r := range refs {
		id, err := u8(r.CredentialID)
		if err != nil {
			return -1, nil, err
		}
		salt, err := u8(r.Salt)
		if err != nil {
			return -1, nil, err
		}
		allow[i] = map[string]any{"type": "public-key", "id": id}
		byCred[base64.RawURLEncoding.EncodeToString(r.CredentialID)] = map[string]any{"first": salt}
	}
	prfIn := map[string]any{"evalByCredential": byCred}
	if len(refs) == 1 {
		prfIn = map[string]any{"eval": byCred[base64.RawURLEncoding.EncodeToString(refs[0].CredentialID)]}
	}
	opts := map[string]any{
		"challenge":        challenge,
		"allowCredentials": allow,
		"userVerification": "required",
		"timeout":          passkeyTimeoutMS,
		"extensions":       map[string]any{"prf": prfIn},
	}
	cred, err := ceremony(ctx, "get", opts)
	if err != nil {
		return -1, nil, err
	}
	id, err := rawID(cred)
	if err != nil {
		return -1, nil, err
	}
	idx := -1
	for i, r := range refs {
		if bytes.Equal(r.CredentialID, id) {
			idx = i
		}
	}
	if idx < 0 {
		return -1, nil, fmt.Errorf("browser: passkey: the authenticator answered with a credential that was not asked for")
	}
	prf, err := prfResult(cred)
	if err != nil {
		return -1, nil, err
	}
	first, ok := prfFirst(prf)
	if !ok {
		return -1, nil, passkeyUnsupported(nil, "the authenticator returned no PRF output")
	}
	kek, err := prfKEK(ctx, first, walletID)
	if err != nil {
		return -1, nil, err
	}
	return idx, kek, nil
}

// ceremony runs navigator.credentials[method]({publicKey: opts, signal})
// and waits for it; ctx's end aborts it.
func ceremony(ctx context.Context, method string, opts map[string]any) (safejs.Value, error) {
	nav, err := global("navigator")
	if err != nil {
		return safejs.Value{}, err
	}
	creds, err := nav.Get("credentials")
	if err != nil {
		return safejs.Value{}, err
	}
	ac, err := global("AbortController")
	if err != nil {
		return safejs.Value{}, err
	}
	ctrl, err := ac.New()
	if err != nil {
		return safejs.Value{}, err
	}
	signal, err := ctrl.Get("signal")
	if err != nil {
		return safejs.Value{}, err
	}
	stop := context.AfterFunc(ctx, func() { _, _ = ctrl.Call("abort") })
	defer stop()
	p, err := creds.Call(method, map[string]any{"publicKey": opts, "signal": signal})
	if err != nil {
		return safejs.Value{}, passkeyError(fmt.Errorf("browser: webauthn %s: %w", method, err))
	}
	v, err := await(ctx, "webauthn "+method, p)
	if err != nil {
		return safejs.Value{}, passkeyError(err)
	}
	if v.Type() != safejs.TypeObject {
		return safejs.Value{}, fmt.Errorf("%w: webauthn %s gave no credential", ErrPasskeyRefused, method)
	}
	return v, nil
}

// passkeyError classifies a WebAuthn rejection (WebAuthn Level 3 §5.1.3
// and §5.1.4 name the DOMExceptions).
func passkeyError(err error) error {
	var de *DOMError
	if !errors.As(err, &de) {
		return err
	}
	switch de.Name {
	case "NotAllowedError", "AbortError", "InvalidStateError":
		return fmt.Errorf("%w: %w", ErrPasskeyRefused, err)
	case "NotSupportedError", "SecurityError":
		return fmt.Errorf("%w: %w", ErrPasskeyUnsupported, err)
	}
	return err
}

func passkeyUnsupported(err error, why string) error {
	if err != nil {
		return fmt.Errorf("%w: %s: %w", ErrPasskeyUnsupported, why, err)
	}
	return fmt.Errorf("%w: %s", ErrPasskeyUnsupported, why)
}

// rawID copies a PublicKeyCredential's rawId, bounded.
func rawID(cred safejs.Value) ([]byte, error) {
	v, err := cred.Get("rawId")
	if err != nil {
		return nil, err
	}
	id, err := goBytes(v, store.MaxCredentialIDBytes)
	if err != nil {
		return nil, fmt.Errorf("browser: passkey: credential id: %w", err)
	}
	return id, nil
}

// prfResult returns getClientExtensionResults().prf, or
// ErrPasskeyUnsupported when the browser returned none.
func prfResult(cred safejs.Value) (safejs.Value, error) {
	ext, err := cred.Call("getClientExtensionResults")
	if err != nil {
		return safejs.Value{}, err
	}
	prf, err := ext.Get("prf")
	if err != nil || prf.Type() != safejs.TypeObject {
		return safejs.Value{}, passkeyUnsupported(err, "the browser returned no PRF extension result")
	}
	return prf, nil
}

// prfFirst returns prf.results.first (an ArrayBuffer), if there.
func prfFirst(prf safejs.Value) (safejs.Value, bool) {
	res, err := prf.Get("results")
	if err != nil || res.Type() != safejs.TypeObject {
		return safejs.Value{}, false
	}
	first, err := res.Get("first")
	if err != nil || first.Type() != safejs.TypeObject {
		return safejs.Value{}, false
	}
	return first, true
}

// prfKEK derives the KEK of a passkey slot from a PRF output held in JS
// (an ArrayBuffer or a view of one): HKDF-SHA-256 with the wallet id as
// salt and store.PasskeyKEKInfo as info, into a non-extractable AES-GCM
// key for wrapKey and unwrapKey only. It zeroes the PRF output after.
func prfKEK(ctx context.Context, first safejs.Value, walletID []byte) (store.KEK, error) {
	view, err := bytesView(first)
	if err != nil {
		return nil, err
	}
	defer func() { _, _ = view.Call("fill", 0) }()
	if n, err := view.Length(); err != nil || n != store.PRFOutputSize {
		return nil, fmt.Errorf("browser: passkey: %w: PRF output of %d bytes", store.ErrMalformed, n)
	}
	s, err := subtle()
	if err != nil {
		return nil, err
	}
	p, err := s.Call("importKey", "raw", view, "HKDF", false, []any{"deriveKey"})
	if err != nil {
		return nil, err
	}
	base, err := await(ctx, "webcrypto importKey", p)
	if err != nil {
		return nil, err
	}
	salt, err := u8(walletID)
	if err != nil {
		return nil, err
	}
	info, err := u8([]byte(store.PasskeyKEKInfo))
	if err != nil {
		return nil, err
	}
	params := map[string]any{"name": "HKDF", "hash": "SHA-256", "salt": salt, "info": info}
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

// bytesView returns a Uint8Array over v (an ArrayBuffer or a typed
// array), sharing its memory.
func bytesView(v safejs.Value) (safejs.Value, error) {
	ctor, err := global("Uint8Array")
	if err != nil {
		return safejs.Value{}, err
	}
	if ok, err := v.InstanceOf(ctor); err == nil && ok {
		return v, nil
	}
	if buf, err := v.Get("buffer"); err == nil && buf.Type() == safejs.TypeObject {
		off, _ := v.Get("byteOffset")
		n, _ := v.Get("byteLength")
		return ctor.New(buf, off, n)
	}
	return ctor.New(v)
}

// randomBytes returns n bytes from crypto/rand (which never fails).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
