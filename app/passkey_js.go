//go:build js && wasm

package app

import (
	"context"
	"errors"

	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/wasm/browser"
)

// The browser's passkeys: WebAuthn with the PRF extension, the KEK
// derived in WebCrypto (wasm/browser), so the PRF output never reaches
// Go memory.

var _ passkeyBackend = (*idbBackend)(nil)

// passkeyUser is the user name the passkey carries: passkey managers
// show it next to the site.
const passkeyUser = "gxwallet"

func (b *idbBackend) passkeySupport(ctx context.Context) bool {
	ok, err := browser.PasskeySupport(ctx)
	return ok && err == nil
}

func (b *idbBackend) createPasskey(ctx context.Context, walletID, salt []byte) ([]byte, store.KEK, error) {
	id, kek, err := browser.CreatePasskey(ctx, walletID, salt, passkeyUser)
	return id, kek, passkeyUIError(err)
}

func (b *idbBackend) passkeyKEK(ctx context.Context, walletID []byte, slots []store.KeySlot) (int, store.KEK, error) {
	refs := make([]browser.PasskeyRef, len(slots))
	for i, s := range slots {
		refs[i] = browser.PasskeyRef{CredentialID: s.Passkey.CredentialID, Salt: s.Passkey.Salt}
	}
	i, kek, err := browser.PasskeyKEK(ctx, walletID, refs)
	return i, kek, passkeyUIError(err)
}

// passkeyUIError words wasm/browser's passkey errors for the holder,
// keeping the cause.
func passkeyUIError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, browser.ErrPasskeyUnsupported):
		return errors.Join(errPasskeyUnsupported, err)
	case errors.Is(err, browser.ErrPasskeyRefused):
		return errors.Join(errPasskeyRefused, err)
	}
	return err
}
