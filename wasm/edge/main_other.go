//go:build !js

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintf(os.Stderr, "gxwallet edge verifier %s: this is the Cloudflare Workers / workerd build; "+
		"build it with GOOS=js GOARCH=wasm (make worker-bundle) and run it with `make worker`.\n", version)
	os.Exit(2)
}
