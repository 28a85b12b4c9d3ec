package browser

import (
	"context"
	"errors"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

// ErrPrehashed is returned by [Signer.Sign]: WebCrypto's ECDSA always
// hashes the message itself, so it cannot sign a digest computed by the
// caller. Use [Signer.SignMessage] (crypto.MessageSigner), which
// crypto.SignMessage prefers.
var ErrPrehashed = errors.New("browser: WebCrypto cannot sign a pre-hashed digest; use SignMessage")

// ErrPasskeyUnsupported: this browser or authenticator cannot unlock a
// wallet with a passkey: no WebAuthn (PublicKeyCredential), no PRF
// extension, or an address where WebAuthn is refused (an IP address is
// no relying party id). [CreatePasskey] and [PasskeyKEK] return it
// wrapped; the passphrase still works.
var ErrPasskeyUnsupported = errors.New("browser: passkeys with the WebAuthn PRF extension are not supported here")

// ErrPasskeyRefused: the WebAuthn ceremony did not complete: the holder
// cancelled, it timed out, user verification failed, or no authenticator
// present holds the passkey (WebAuthn's NotAllowedError, which does not
// say which, on purpose).
var ErrPasskeyRefused = errors.New("browser: the passkey was not used (cancelled, timed out, or not on this device)")

// errNotBrowser is what the native build returns from everything.
var errNotBrowser = errors.New("browser: needs GOOS=js GOARCH=wasm in a browser")

// DOMError is a rejected browser operation (IndexedDB, WebCrypto, Web
// Locks): the DOMException's name and message. errors.Is(err,
// store.ErrQuota) holds for a QuotaExceededError.
type DOMError struct {
	Op      string // "indexeddb get", "webcrypto decrypt", …
	Name    string // "QuotaExceededError", "OperationError", "AbortError", …
	Message string
}

func (e *DOMError) Error() string {
	return "browser: " + e.Op + ": " + e.Name + ": " + e.Message
}

// Is maps DOM exception names to store sentinels.
func (e *DOMError) Is(target error) bool {
	return target == store.ErrQuota && e.Name == "QuotaExceededError"
}

// Codes of the errors a JS caller sees ({code, message}, see [Code]).
const (
	CodeWrongPassphrase    = "wrong_passphrase"
	CodeNoWallet           = "no_wallet"
	CodeWalletExists       = "wallet_exists"
	CodeNotFound           = "not_found"
	CodeQuota              = "quota_exceeded"
	CodeTampered           = "tampered"
	CodeNewerSchema        = "newer_schema"
	CodeLocked             = "locked"
	CodeMalformed          = "malformed"
	CodeCanceled           = "canceled"
	CodeWrongPasskey       = "wrong_passkey"
	CodePasskeyUnsupported = "passkey_unsupported"
	CodePasskeyRefused     = "passkey_refused"
)

// Code returns the stable code of a store or browser error, for the UI's
// messages and for rejected promises; [jsutil.CodeInternal] when none
// applies.
func Code(err error) string {
	for _, c := range []struct {
		err  error
		code string
	}{
		{store.ErrWrongPassphrase, CodeWrongPassphrase},
		{store.ErrWrongPasskey, CodeWrongPasskey},
		{ErrPasskeyUnsupported, CodePasskeyUnsupported},
		{ErrPasskeyRefused, CodePasskeyRefused},
		{store.ErrNoWallet, CodeNoWallet},
		{store.ErrExists, CodeWalletExists},
		{store.ErrQuota, CodeQuota},
		{store.ErrTampered, CodeTampered},
		{store.ErrNewerSchema, CodeNewerSchema},
		{store.ErrLocked, CodeLocked},
		{store.ErrNotExist, CodeNotFound},
		{store.ErrMalformed, CodeMalformed},
		{context.Canceled, CodeCanceled},
		{context.DeadlineExceeded, CodeCanceled},
	} {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return jsutil.CodeInternal
}

// JSError returns err as the coded error a promise made by jsutil.Promise
// rejects with; nil for nil.
func JSError(err error) error {
	if err == nil {
		return nil
	}
	return &jsutil.Error{Code: Code(err), Message: err.Error(), Err: err}
}
