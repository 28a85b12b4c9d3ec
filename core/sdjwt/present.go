package sdjwt

import (
	"crypto"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
)

// Disclosable lists every claim of s that the holder can choose to
// disclose, with its path, name and value, for a consent screen. The
// paths index the claims as they read with every Disclosure applied; pass
// them to [SDJWT.Present]. It does not verify the issuer's signature: a
// wallet verifies a credential when it stores it.
func (s *SDJWT) Disclosable() ([]Claim, error) {
	p, err := s.process()
	if err != nil {
		return nil, err
	}
	return p.disclosed, nil
}

// Claims returns the claims of s with every presented Disclosure applied
// (RFC 9901 §7.1 steps 3 and 4) without verifying any signature: for the
// wallet's own display. Verifiers use [SDJWT.Verify].
func (s *SDJWT) Claims() (map[string]any, error) {
	p, err := s.process()
	if err != nil {
		return nil, err
	}
	return p.claims, nil
}

// KBOptions are the inputs of a KB-JWT (RFC 9901 §4.3).
type KBOptions struct {
	// Signer holds the key named by the credential's cnf; any
	// crypto.Signer works, including one backed by a non-extractable
	// WebCrypto key.
	Signer crypto.Signer
	// Alg is the JWS algorithm; "" picks the first that fits the key
	// (ES256 for P-256, EdDSA for Ed25519, PS256 for RSA).
	Alg string
	// Nonce and Aud come from the verifier's request.
	Nonce string
	Aud   string
	// IAT is the issuance time of the KB-JWT (time is an input).
	IAT time.Time
}

// Present builds a presentation of s (RFC 9901 §5, §4.3) that discloses
// the claims at paths and nothing else: for each path, the Disclosures of
// the claim there, of every claim beneath it, and of the claims above it
// (the parents of a nested or recursive Disclosure). Paths use the form
// of [SDJWT.Disclosable]; a path to an always-visible claim needs no
// Disclosure. With kb non-nil a KB-JWT is appended, otherwise the result
// ends with "~".
//
// It refuses an s that already carries a KB-JWT (an Issuer-to-Holder
// SD-JWT has none) and a path that names no claim. It does not check
// that the Signer's key is the one in cnf.
func (s *SDJWT) Present(paths [][]any, kb *KBOptions) (string, error) {
	if s.KB != nil {
		return "", errorf(CodeMalformed, "the SD-JWT already carries a KB-JWT")
	}
	p, err := s.process()
	if err != nil {
		return "", err
	}
	keep := make(map[string]bool, len(p.disclosed))
	for _, raw := range paths {
		path, err := normalizePath(raw)
		if err != nil {
			return "", err
		}
		if !resolves(p.claims, path) {
			return "", errorf(CodeNoSuchClaim, "no claim at %s", pathString(path))
		}
		for _, c := range p.disclosed {
			if isPrefix(c.Path, path) || isPrefix(path, c.Path) {
				keep[c.Digest] = true
			}
		}
	}
	_, h, _ := sdAlgOf(s.Payload) // checked in process
	var b strings.Builder
	b.WriteString(s.JWT.Token)
	b.WriteByte('~')
	for _, d := range s.Disclosures {
		if keep[digest(h, d.Raw)] {
			b.WriteString(d.Raw)
			b.WriteByte('~')
		}
	}
	if kb == nil {
		return b.String(), nil
	}
	jwt, err := signKB(b.String(), h, kb)
	if err != nil {
		return "", err
	}
	return b.String() + jwt, nil
}

func signKB(presented string, h hashFunc, kb *KBOptions) (string, error) {
	if kb.Signer == nil {
		return "", errorf(CodeBadOptions, "KBOptions.Signer is nil")
	}
	if kb.IAT.IsZero() {
		return "", errorf(CodeBadOptions, "KBOptions.IAT is required")
	}
	alg := kb.Alg
	if alg == "" {
		algs := jose.AlgsForKey(kb.Signer.Public())
		if len(algs) == 0 {
			return "", errorf(CodeBadOptions, "no JWS algorithm for a %s key", jose.KeyType(kb.Signer.Public()))
		}
		alg = algs[0]
	}
	payload, err := json.Marshal(struct {
		IAT    int64  `json:"iat"`
		Aud    string `json:"aud"`
		Nonce  string `json:"nonce"`
		SdHash string `json:"sd_hash"`
	}{kb.IAT.Unix(), kb.Aud, kb.Nonce, digest(h, presented)})
	if err != nil {
		return "", errorf(CodeMalformed, "kb-jwt payload: %w", err)
	}
	jwt, err := jose.Sign(payload, alg, kb.Signer, map[string]any{"typ": "kb+jwt"})
	if err != nil {
		return "", fromJose("kb-jwt", err)
	}
	return jwt, nil
}

// normalizePath turns JSON-decoded or Go path elements into strings and
// ints.
func normalizePath(raw []any) ([]any, error) {
	if len(raw) == 0 {
		return nil, errorf(CodeNoSuchClaim, "empty claim path")
	}
	out := make([]any, len(raw))
	for i, e := range raw {
		switch t := e.(type) {
		case string:
			out[i] = t
		case int:
			out[i] = t
		case int64:
			out[i] = int(t)
		case float64:
			if t != math.Trunc(t) || t < 0 || t > math.MaxInt32 {
				return nil, errorf(CodeNoSuchClaim, "path element %v is not an array index", t)
			}
			out[i] = int(t)
		case json.Number:
			n, err := t.Int64()
			if err != nil {
				return nil, errorf(CodeNoSuchClaim, "path element %q is not an array index", t)
			}
			out[i] = int(n)
		default:
			return nil, errorf(CodeNoSuchClaim, "path element of type %T", e)
		}
	}
	return out, nil
}

func isPrefix(prefix, path []any) bool {
	return len(prefix) <= len(path) && slices.Equal(prefix, path[:len(prefix)])
}

// resolves reports whether path names a value in v.
func resolves(v any, path []any) bool {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return false
			}
			if v, ok = m[k]; !ok {
				return false
			}
		case int:
			a, ok := v.([]any)
			if !ok || k < 0 || k >= len(a) {
				return false
			}
			v = a[k]
		}
	}
	return true
}
