//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main exists so that `go build ./...` and `go vet ./...` work natively;
// the library itself only runs in a JS host.
func main() {
	fmt.Fprintln(os.Stderr, "verifier: build with GOOS=js GOARCH=wasm (make lib)")
	os.Exit(2)
}
