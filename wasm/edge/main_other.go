//go:build !js

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasm/edge is the edge verifier for Cloudflare Workers / workerd; "+
		"build it with GOOS=js GOARCH=wasm (make worker-bundle) and run it with `make worker`.")
	os.Exit(2)
}
