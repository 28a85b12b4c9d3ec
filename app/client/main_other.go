//go:build !(js && wasm)

// Command client is the wallet PWA's WebAssembly program. Natively it only
// explains how to build it: the native server is `gxwallet serve`.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "client: build with GOOS=js GOARCH=wasm (make pwa); serve with `gxwallet serve`")
	os.Exit(2)
}
