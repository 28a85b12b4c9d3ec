package sdjwt

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
)

// DefaultSdAlg is the hash used when a payload has no _sd_alg (RFC 9901
// §4.1.1) and the one [Issue] uses unless told otherwise.
const DefaultSdAlg = "sha-256"

// hashFor returns the hash named by an _sd_alg value (IANA "Named
// Information Hash Algorithm" names). sha-256 is required by RFC 9901
// §4.1.1; sha-384 and sha-512 are accepted. Anything else, including
// truncated or weak hashes, is refused.
func hashFor(name string) (func() hash.Hash, error) {
	switch name {
	case "sha-256":
		return sha256.New, nil
	case "sha-384":
		return sha512.New384, nil
	case "sha-512":
		return sha512.New, nil
	}
	return nil, errorf(CodeUnsupportedAlg, "_sd_alg %q is not supported (sha-256, sha-384, sha-512)", trunc(name))
}

// sdAlgOf reads _sd_alg from an Issuer-signed JWT payload.
func sdAlgOf(payload map[string]any) (string, func() hash.Hash, error) {
	name := DefaultSdAlg
	if v, ok := payload["_sd_alg"]; ok {
		s, isStr := v.(string)
		if !isStr {
			return "", nil, errorf(CodeUnsupportedAlg, "_sd_alg is not a string")
		}
		name = s
	}
	h, err := hashFor(name)
	return name, h, err
}

// hashFunc makes the digest hash.
type hashFunc = func() hash.Hash

// digest is base64url(H(ASCII(text))) (RFC 9901 §4.2.3, §4.3.1).
func digest(h hashFunc, text string) string {
	hh := h()
	hh.Write([]byte(text))
	return base64.RawURLEncoding.EncodeToString(hh.Sum(nil))
}
