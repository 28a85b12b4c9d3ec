package sdjwt

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/gxwallet/gxwallet/core/jose"
)

// Policy says which claims an issued SD-JWT makes selectively disclosable.
type Policy struct {
	// Disclosable lists claim paths in the claims document: member names
	// as strings, array indices as ints, e.g. ["credentialSubject",
	// "gx:identityRoles", 1]. A path inside another disclosable path makes
	// a recursive Disclosure (RFC 9901 §6.3); a path inside a plain object
	// a nested one (§6.2).
	Disclosable [][]any
	// Decoys is the number of decoy digests added to each _sd array
	// (RFC 9901 §4.2.5).
	Decoys int
	// SdAlg is the digest hash: "sha-256" (the default when ""),
	// "sha-384" or "sha-512".
	SdAlg string
}

// testOnlyHooks make issuance deterministic so that the RFC examples can
// be reproduced with their published salts and the Python reference's
// JSON formatting (STYLE rule 8). They are passed to issue, never set
// globally, so parallel tests do not share them. Production code passes
// nil.
type testOnlyHooks struct {
	salt              func(path []any) string
	marshalDisclosure func(d any) ([]byte, error)
}

// Issue makes an SD-JWT (RFC 9901 §4, §5) from claims: each claim named
// by policy becomes a Disclosure with a fresh 128-bit salt from
// crypto/rand, optional decoys are added, every _sd array is sorted
// (which hides the claims' order as well as a shuffle does, since the
// digests are random), and _sd_alg is set. With holderKey non-nil the
// payload gets cnf.jwk for Key Binding. header is added to the protected
// header (set "typ", e.g. "dc+sd-jwt"); the JWT is signed with signer
// under alg. The result has no KB-JWT and ends with "~".
//
// For an SD-JWT VC (typ dc+sd-jwt) it refuses to make iss, nbf, exp, cnf,
// vct, vct#integrity or status disclosable. It does not check the claims
// against the SD-JWT VC or VC data models; _sd and _sd_alg members in
// claims are refused.
func Issue(claims map[string]any, policy Policy, signer crypto.Signer, alg string, header map[string]any, holderKey crypto.PublicKey) (string, error) {
	return issue(claims, policy, signer, alg, header, holderKey, nil)
}

func issue(claims map[string]any, policy Policy, signer crypto.Signer, alg string, header map[string]any, holderKey crypto.PublicKey, hooks *testOnlyHooks) (string, error) {
	if signer == nil {
		return "", errorf(CodeBadOptions, "no signer")
	}
	sdAlg := policy.SdAlg
	if sdAlg == "" {
		sdAlg = DefaultSdAlg
	}
	h, err := hashFor(sdAlg)
	if err != nil {
		return "", err
	}
	doc, err := normalizeClaims(claims)
	if err != nil {
		return "", err
	}
	root := &mark{}
	for _, raw := range policy.Disclosable {
		path, err := normalizePath(raw)
		if err != nil {
			return "", err
		}
		root.add(path)
	}
	typ, _ := header["typ"].(string)
	if profileOf(typ, doc) == ProfileSDJWTVC {
		for _, n := range sdJWTVCClaims {
			if c := root.children[n]; c != nil && c.sd {
				return "", errorf(CodeForbiddenDisclosure, "SD-JWT VC claim %q must not be selectively disclosable", n)
			}
		}
	}
	if holderKey != nil {
		if _, ok := doc["cnf"]; ok {
			return "", errorf(CodeBadOptions, "claims already hold cnf and a holder key is given")
		}
		jwk, err := jose.PublicJWK(holderKey)
		if err != nil {
			return "", fromJose("holder key", err)
		}
		doc["cnf"] = map[string]any{"jwk": json.RawMessage(jwk)}
	}
	if hooks == nil {
		hooks = &testOnlyHooks{}
	}
	is := &issuer{h: h, decoys: policy.Decoys, hooks: hooks}
	out, err := is.object(doc, root, nil)
	if err != nil {
		return "", err
	}
	out["_sd_alg"] = sdAlg
	payload, err := marshal(out)
	if err != nil {
		return "", errorf(CodeMalformed, "payload: %w", err)
	}
	jwt, err := jose.Sign(payload, alg, signer, header)
	if err != nil {
		return "", fromJose("issuer-signed jwt", err)
	}
	var b strings.Builder
	b.WriteString(jwt)
	b.WriteByte('~')
	for _, d := range is.disclosures {
		b.WriteString(d)
		b.WriteByte('~')
	}
	return b.String(), nil
}

// normalizeClaims copies claims through JSON, so any Go value that
// marshals is accepted and numbers keep their exact text.
func normalizeClaims(claims map[string]any) (map[string]any, error) {
	b, err := json.Marshal(claims)
	if err != nil {
		return nil, errorf(CodeMalformed, "claims: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, errorf(CodeMalformed, "claims are not a JSON object")
	}
	return m, nil
}

// mark is the tree of disclosable paths.
type mark struct {
	sd       bool
	children map[any]*mark
}

func (m *mark) add(path []any) {
	for _, p := range path {
		if m.children == nil {
			m.children = make(map[any]*mark)
		}
		c := m.children[p]
		if c == nil {
			c = &mark{}
			m.children[p] = c
		}
		m = c
	}
	m.sd = true
}

type issuer struct {
	h           hashFunc
	decoys      int
	hooks       *testOnlyHooks
	disclosures []string
}

func (is *issuer) value(v any, m *mark, path []any) (any, error) {
	switch t := v.(type) {
	case map[string]any:
		return is.object(t, m, path)
	case []any:
		return is.array(t, m, path)
	}
	if m != nil && len(m.children) > 0 {
		return nil, errorf(CodeNoSuchClaim, "%s is not an object or array", pathString(path))
	}
	return v, nil
}

func (is *issuer) child(m *mark, k any) *mark {
	if m == nil {
		return nil
	}
	return m.children[k]
}

func (is *issuer) object(obj map[string]any, m *mark, path []any) (map[string]any, error) {
	if len(path) >= MaxDepth {
		return nil, errorf(CodeTooDeep, "claims nest deeper than %d levels", MaxDepth)
	}
	if m != nil {
		for k := range m.children {
			s, ok := k.(string)
			if !ok {
				return nil, errorf(CodeNoSuchClaim, "%s is an object, not an array", pathString(path))
			}
			if _, ok := obj[s]; !ok {
				return nil, errorf(CodeNoSuchClaim, "no claim at %s", pathString(extend(path, s)))
			}
		}
	}
	out := make(map[string]any, len(obj))
	var sd []string
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if k == "_sd" || k == "_sd_alg" {
			return nil, errorf(CodeMalformed, "claims hold the reserved name %q at %s", k, pathString(path))
		}
		c := is.child(m, k)
		p := extend(path, k)
		v, err := is.value(obj[k], c, p)
		if err != nil {
			return nil, err
		}
		if c == nil || !c.sd {
			out[k] = v
			continue
		}
		dg, err := is.disclose(p, []any{k, v})
		if err != nil {
			return nil, err
		}
		sd = append(sd, dg)
	}
	if len(sd) > 0 {
		for range is.decoys {
			sd = append(sd, digest(is.h, newSalt()))
		}
		slices.Sort(sd)
		out["_sd"] = sd
	}
	return out, nil
}

func (is *issuer) array(arr []any, m *mark, path []any) ([]any, error) {
	if len(path) >= MaxDepth {
		return nil, errorf(CodeTooDeep, "claims nest deeper than %d levels", MaxDepth)
	}
	if m != nil {
		for k := range m.children {
			i, ok := k.(int)
			if !ok {
				return nil, errorf(CodeNoSuchClaim, "%s is an array, not an object", pathString(path))
			}
			if i < 0 || i >= len(arr) {
				return nil, errorf(CodeNoSuchClaim, "no element at %s", pathString(extend(path, i)))
			}
		}
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		c := is.child(m, i)
		p := extend(path, i)
		v, err := is.value(e, c, p)
		if err != nil {
			return nil, err
		}
		if c == nil || !c.sd {
			out[i] = v
			continue
		}
		dg, err := is.disclose(p, []any{v})
		if err != nil {
			return nil, err
		}
		out[i] = map[string]any{"...": dg}
	}
	return out, nil
}

// disclose makes a Disclosure of [salt, elems...] and returns its digest.
func (is *issuer) disclose(path []any, elems []any) (string, error) {
	salt := newSalt()
	if is.hooks.salt != nil {
		salt = is.hooks.salt(path)
	}
	arr := append([]any{salt}, elems...)
	var b []byte
	var err error
	if is.hooks.marshalDisclosure != nil {
		b, err = is.hooks.marshalDisclosure(arr)
	} else {
		b, err = marshal(arr)
	}
	if err != nil {
		return "", errorf(CodeMalformed, "disclosure at %s: %w", pathString(path), err)
	}
	d := base64.RawURLEncoding.EncodeToString(b)
	is.disclosures = append(is.disclosures, d)
	return digest(is.h, d), nil
}

// newSalt returns 128 random bits, base64url-encoded (RFC 9901 §4.2.1).
func newSalt() string {
	b := make([]byte, minSaltBytes)
	rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

// marshal encodes JSON compactly without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
