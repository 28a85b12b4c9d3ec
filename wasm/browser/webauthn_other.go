//go:build !(js && wasm)

package browser

import (
	"context"

	"github.com/gxwallet/gxwallet/core/store"
)

// PasskeyRef is a passkey slot as WebAuthn needs it: the credential id
// and the PRF salt (store.PasskeyParams).
type PasskeyRef struct {
	CredentialID []byte
	Salt         []byte
}

// PasskeySupport is false natively: there is no WebAuthn.
func PasskeySupport(context.Context) (bool, error) { return false, nil }

// CreatePasskey fails natively with ErrPasskeyUnsupported.
func CreatePasskey(context.Context, []byte, []byte, string) ([]byte, store.KEK, error) {
	return nil, nil, ErrPasskeyUnsupported
}

// PasskeyKEK fails natively with ErrPasskeyUnsupported.
func PasskeyKEK(context.Context, []byte, []PasskeyRef) (int, store.KEK, error) {
	return -1, nil, ErrPasskeyUnsupported
}
