package jose

import (
	"context"
	"crypto"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"

	"github.com/lestrrat-go/jwx/v2/jws"
)

// SignatureVerifier lets a runtime check a JWS signature itself, for
// instance with a native WebCrypto where Go's own code is slow (Go has no
// P-256 assembly under wasm).
//
// VerifySignature checks signature over signingInput (the ASCII bytes
// "header.payload" of RFC 7515 §5.2, the payload unencoded when b64 is
// false) with key under alg. It returns handled false when it does not
// support the alg or the key, or could not complete the check (the
// runtime's crypto failed or is absent): the package then checks the
// signature with its own code as if no verifier were set. With handled
// true, a nil error means the signature is valid and a non-nil error that
// it is not; the error is reported as [CodeBadSignature] with the same
// message as the package's own check, whatever it says.
//
// It must give the same verdict as Go's crypto on every input it handles:
// an algorithm whose rules differ (PS256/384/512: the package accepts any
// PSS salt length, WebCrypto one fixed length) must be left unhandled.
type SignatureVerifier interface {
	VerifySignature(ctx context.Context, alg string, key crypto.PublicKey, signingInput, signature []byte) (handled bool, err error)
}

// verifierHolder lets atomic.Pointer hold an interface value.
type verifierHolder struct{ v SignatureVerifier }

var sigVerifier atomic.Pointer[verifierHolder]

// SetVerifier installs v for every later [Compact.Verify] and
// [Compact.VerifyDetached] in the program; nil removes it. It is meant for
// an entry point to call once at start-up (the edge worker installs
// WebCrypto), not for libraries: the verifier only changes which code
// checks a signature, never which signatures are accepted. Every check
// around the signature (alg allowlist, alg-key fit, crit, b64, header
// parsing) runs as without it.
func SetVerifier(v SignatureVerifier) {
	if v == nil {
		sigVerifier.Store(nil)
		return
	}
	sigVerifier.Store(&verifierHolder{v})
}

// errBadSignature is what a signature that does not verify reports, from
// jwx (see classify) or from a SignatureVerifier.
func errBadSignature() error {
	return &Error{Code: CodeBadSignature, Err: errors.New("signature does not verify")}
}

// hookVerify checks c's signature with the installed SignatureVerifier.
// payload is the detached payload, or nil for an attached one. It returns
// handled false when no verifier is set, when it declines, or when the
// header is one that jwx would refuse to parse: jwx's own path then runs
// and reports exactly what it reports without a verifier.
func (c *Compact) hookVerify(key crypto.PublicKey, payload []byte, detached bool) (handled bool, err error) {
	h := sigVerifier.Load()
	if h == nil {
		return false, nil
	}
	parts := strings.SplitN(c.Token, ".", 3)
	if len(parts) != 3 {
		return false, nil
	}
	// jws.Verify parses the header into its own type first and fails on
	// members it types differently (a "jwk" that is not a key, a
	// non-string "x5u" …): leave such a header to it, for the same error.
	hb, err := b64(parts[0])
	if err != nil {
		return false, nil
	}
	if err := json.Unmarshal(hb, jws.NewHeaders()); err != nil {
		return false, nil
	}
	sig, err := b64(parts[2])
	if err != nil {
		return false, nil
	}
	var input []byte
	switch {
	case !detached:
		input = []byte(parts[0] + "." + parts[1])
	case c.Header.B64:
		input = []byte(parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload))
	default:
		input = make([]byte, 0, len(parts[0])+1+len(payload))
		input = append(append(append(input, parts[0]...), '.'), payload...)
	}
	handled, err = h.v.VerifySignature(context.Background(), c.Header.Alg, key, input, sig)
	if !handled {
		return false, nil
	}
	if err != nil {
		return true, errBadSignature()
	}
	return true, nil
}
