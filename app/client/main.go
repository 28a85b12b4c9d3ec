//go:build js && wasm

// Command client is the wallet PWA's WebAssembly program: it registers the
// pages and hands the browser to go-app. cmd/gxwallet serves it; `make pwa`
// builds it into dist/pwa/web/app.wasm.
package main

import (
	gxapp "github.com/gxwallet/gxwallet/app"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	gxapp.Routes()
	app.RunWhenOnBrowser()
}
