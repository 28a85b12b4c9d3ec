// Package webcrypto checks JWS signatures with the JavaScript runtime's
// WebCrypto (crypto.subtle) for core/jose, where Go's own code is slow
// under wasm. Its code builds for js/wasm only; see Verifier.
package webcrypto
