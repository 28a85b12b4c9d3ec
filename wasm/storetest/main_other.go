//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main exists so that `go build ./...` and `go vet ./...` work natively;
// the harness only runs in a browser (e2e/store_test.go builds it).
func main() {
	fmt.Fprintln(os.Stderr, "storetest: build with GOOS=js GOARCH=wasm (e2e/store_test.go does)")
	os.Exit(2)
}
