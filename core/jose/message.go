package jose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"math/big"
)

// messageSigner reports whether key must sign whole messages itself: a
// crypto.MessageSigner that is not one of the standard library's private
// keys, such as a non-extractable WebCrypto key, which hashes internally
// and cannot sign a digest computed elsewhere.
func messageSigner(key crypto.Signer) (crypto.MessageSigner, bool) {
	switch key.(type) {
	case *ecdsa.PrivateKey, ed25519.PrivateKey, *rsa.PrivateKey:
		return nil, false
	}
	ms, ok := key.(crypto.MessageSigner)
	return ms, ok
}

// signCompact builds a compact JWS by hand for a message signer: the
// protected header, the signing input, and the JWS signature encoding of
// RFC 7518 §3 (r‖s for ECDSA, not DER). With detached true the payload
// part is left empty; with unencoded true the signing input carries the
// payload as is (RFC 7797).
func signCompact(payload []byte, alg string, ms crypto.MessageSigner, header map[string]any, detached, unencoded bool) (string, error) {
	h := map[string]any{}
	for k, v := range header {
		h[k] = v
	}
	h["alg"] = alg
	if unencoded {
		h["b64"] = false
		h["crit"] = []string{"b64"}
	}
	hb, err := json.Marshal(h)
	if err != nil {
		return "", errorf(CodeMalformed, "header: %w", err)
	}
	enc := base64.RawURLEncoding
	head := enc.EncodeToString(hb)
	body := enc.EncodeToString(payload)
	input := []byte(head + "." + body)
	if unencoded {
		input = append([]byte(head+"."), payload...)
	}
	var opts crypto.SignerOpts
	switch alg {
	case "ES256", "RS256":
		opts = crypto.SHA256
	case "ES384", "RS384":
		opts = crypto.SHA384
	case "ES512", "RS512":
		opts = crypto.SHA512
	case "PS256":
		opts = &rsa.PSSOptions{Hash: crypto.SHA256, SaltLength: rsa.PSSSaltLengthEqualsHash}
	case "PS384":
		opts = &rsa.PSSOptions{Hash: crypto.SHA384, SaltLength: rsa.PSSSaltLengthEqualsHash}
	case "PS512":
		opts = &rsa.PSSOptions{Hash: crypto.SHA512, SaltLength: rsa.PSSSaltLengthEqualsHash}
	case "EdDSA":
		opts = crypto.Hash(0)
	default:
		return "", errorf(CodeAlgNotAllowed, "alg %q cannot be signed", trunc(alg))
	}
	sig, err := ms.SignMessage(rand.Reader, input, opts)
	if err != nil {
		return "", errorf(CodeBadKey, "sign: %w", err)
	}
	if pub, ok := ms.Public().(*ecdsa.PublicKey); ok {
		if sig, err = derToRaw(sig, (pub.Curve.Params().BitSize+7)/8); err != nil {
			return "", errorf(CodeBadKey, "sign: %w", err)
		}
	}
	if detached {
		body = ""
	}
	return head + "." + body + "." + enc.EncodeToString(sig), nil
}

// derToRaw turns an ASN.1 DER ECDSA signature into r‖s, each size bytes.
func derToRaw(der []byte, size int) ([]byte, error) {
	var rs struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &rs)
	if err != nil || len(rest) != 0 || rs.R == nil || rs.S == nil || rs.R.Sign() <= 0 || rs.S.Sign() <= 0 {
		return nil, errorf(CodeMalformed, "not an ECDSA DER signature")
	}
	if rs.R.BitLen() > size*8 || rs.S.BitLen() > size*8 {
		return nil, errorf(CodeMalformed, "ECDSA signature too long")
	}
	out := make([]byte, 2*size)
	rs.R.FillBytes(out[:size])
	rs.S.FillBytes(out[size:])
	return out, nil
}
