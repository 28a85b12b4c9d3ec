//go:build !(js && wasm)

package app

import (
	"context"
	"errors"

	"github.com/gxwallet/gxwallet/core/store"
)

// defaultBackend natively is one that cannot open: the server only
// pre-renders pages, and a wallet lives in a browser. Tests use memBackend.
func defaultBackend() backend { return noBackend{} }

type noBackend struct{}

var errNoBrowser = errors.New("app: the wallet runs in a browser")

func (noBackend) open(context.Context) (keyStore, error) { return nil, errNoBrowser }
func (noBackend) crypto() store.Crypto                   { return store.StdCrypto{} }
