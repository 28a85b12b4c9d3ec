package oid4vc

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/jose"
)

// ProofTypJWT is the typ of a key proof JWT (OpenID4VCI Appendix F.1).
const ProofTypJWT = "openid4vci-proof+jwt"

// ProofParams are the inputs of a key proof JWT (Appendix F.1).
type ProofParams struct {
	// Audience is the Credential Issuer Identifier (aud, required).
	Audience string
	// Nonce is the c_nonce from the Nonce Endpoint; "" omits the claim
	// (only for an issuer without a Nonce Endpoint).
	Nonce string
	// IssuedAt is iat (time is an input).
	IssuedAt time.Time
	// ClientID is iss; "" omits it, as the Pre-Authorized Code Flow with
	// anonymous access requires (Appendix F.1 "iss").
	ClientID string
	// Kid, when set, names the key by a DID URL (kid header) instead of
	// embedding it as a jwk header; use a did:jwk DID URL for VerifyProofJWT
	// to resolve it.
	Kid string
}

// NewProofJWT signs a key proof JWT (Appendix F.1) with the holder's key:
// typ openid4vci-proof+jwt, the public key as a jwk header (or p.Kid),
// aud, iat and nonce. signer may be any crypto.Signer, including one that
// only signs whole messages (a non-extractable WebCrypto key). alg "" picks
// the first algorithm that fits the key.
func NewProofJWT(signer crypto.Signer, alg string, p ProofParams) (string, error) {
	if signer == nil || p.Audience == "" || p.IssuedAt.IsZero() {
		return "", errorf(CodeBadOptions, "proof: a signer, an audience and an issuance time are required")
	}
	if alg == "" {
		algs := jose.AlgsForKey(signer.Public())
		if len(algs) == 0 {
			return "", errorf(CodeBadOptions, "proof: no JWS algorithm for a %s key", jose.KeyType(signer.Public()))
		}
		alg = algs[0]
	}
	header := map[string]any{"typ": ProofTypJWT}
	if p.Kid != "" {
		header["kid"] = p.Kid
	} else {
		pub, err := jose.PublicJWK(signer.Public())
		if err != nil {
			return "", &Error{Code: CodeBadOptions, Err: fmt.Errorf("proof: %w", err)}
		}
		header["jwk"] = json.RawMessage(pub)
	}
	claims := map[string]any{"aud": p.Audience, "iat": p.IssuedAt.Unix()}
	if p.Nonce != "" {
		claims["nonce"] = p.Nonce
	}
	if p.ClientID != "" {
		claims["iss"] = p.ClientID
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	// The jwk header is a JSON object: sign through the message path of
	// core/jose, which serializes the header as given.
	tok, err := jose.Sign(payload, alg, messageOnly{signer}, header)
	if err != nil {
		return "", &Error{Code: CodeBadOptions, Err: fmt.Errorf("proof: %w", err)}
	}
	return tok, nil
}

// messageOnly presents a crypto.Signer as a crypto.MessageSigner, hashing
// the message itself unless the signer already signs messages.
type messageOnly struct{ crypto.Signer }

func (m messageOnly) SignMessage(rand io.Reader, msg []byte, opts crypto.SignerOpts) ([]byte, error) {
	if ms, ok := m.Signer.(crypto.MessageSigner); ok {
		return ms.SignMessage(rand, msg, opts)
	}
	if h := opts.HashFunc(); h != 0 {
		d := h.New()
		d.Write(msg)
		return m.Signer.Sign(rand, d.Sum(nil), opts)
	}
	return m.Signer.Sign(rand, msg, opts)
}

// ProofOptions are the issuer's inputs to VerifyProofJWT. Audience, Now and
// Nonce are required.
type ProofOptions struct {
	// Audience is the Credential Issuer Identifier the proof must name.
	Audience string
	// Now is the instant of verification.
	Now time.Time
	// Window bounds |iat − Now|; zero means DefaultProofWindow.
	Window time.Duration
	// Algorithms is the JWS allowlist; nil means DefaultAlgorithms.
	Algorithms []string
	// Nonce checks the proof's nonce claim ("" when absent) and, for a
	// c_nonce, consumes it: it is called only after the signature,
	// audience and time checks passed. Its error becomes invalid_nonce.
	Nonce func(nonce string) error
}

// HolderProof is a verified key proof: the holder's key and what it
// signed.
type HolderProof struct {
	// Key is the holder's public key, JWK its public JWK.
	Key crypto.PublicKey
	JWK json.RawMessage
	// DID is the did:jwk DID of Key: the holder's DID for gx:holder and
	// credentialSubject.id.
	DID string
	// Kid is the kid header, when the key was named by one.
	Kid      string
	Alg      string
	IssuedAt time.Time
	Nonce    string
	// ClientID is the iss claim, "" when absent.
	ClientID string
}

// proofClaims is the payload of a proof JWT. aud may be a string or an
// array of one string.
type proofClaims struct {
	Iss   *string         `json:"iss"`
	Aud   json.RawMessage `json:"aud"`
	Iat   *json.Number    `json:"iat"`
	Nonce *string         `json:"nonce"`
}

// VerifyProofJWT checks a key proof JWT of type jwt (OpenID4VCI Appendix
// F.1, F.4) in this order: the JOSE header (typ openid4vci-proof+jwt; alg
// allowlisted, never none or HMAC; exactly one of a public jwk or a did:jwk
// kid — x5c, jku and other DID methods are refused), the signature with that
// key, aud equal to opts.Audience, iat within opts.Window of opts.Now, then
// the nonce through opts.Nonce. Every failure is invalid_proof, except the
// nonce's: invalid_nonce (§8.3.1.2), after which the wallet fetches a fresh
// c_nonce.
//
// It does not check key attestations (not supported) or that the key is
// new to the issuer.
func VerifyProofJWT(ctx context.Context, token string, opts ProofOptions) (*HolderProof, error) {
	if opts.Audience == "" || opts.Now.IsZero() || opts.Nonce == nil {
		return nil, errorf(CodeBadOptions, "proof: Audience, Now and Nonce are required")
	}
	if len(token) > MaxRequestBytes {
		return nil, errorf(CodeInvalidProof, "proof JWT larger than %d bytes", MaxRequestBytes)
	}
	c, err := jose.ParseCompact(token)
	if err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT: %w", err)}
	}
	h := c.Header
	if h.Typ != ProofTypJWT {
		return nil, errorf(CodeInvalidProof, "proof JWT typ %q is not %s", trunc(h.Typ), ProofTypJWT)
	}
	for _, banned := range []string{"x5c", "jku", "x5u", "trust_chain"} {
		if _, ok := h.Raw[banned]; ok {
			return nil, errorf(CodeInvalidProof, "proof JWT header %s is not supported: name the key with jwk or a did:jwk kid", banned)
		}
	}
	p := &HolderProof{Kid: h.Kid, Alg: h.Alg}
	rawJWK, hasJWK := h.Raw["jwk"]
	switch {
	case hasJWK && h.Kid != "":
		return nil, errorf(CodeInvalidProof, "proof JWT has both kid and jwk (Appendix F.1: kid must not be present with jwk)")
	case hasJWK:
		if p.Key, err = jose.ParsePublicJWK(rawJWK); err != nil {
			return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT jwk: %w", err)}
		}
	case h.Kid != "":
		if p.Key, err = didJWKKey(ctx, h.Kid); err != nil {
			return nil, err
		}
	default:
		return nil, errorf(CodeInvalidProof, "proof JWT names no key (jwk or kid)")
	}
	algs := opts.Algorithms
	if algs == nil {
		algs = DefaultAlgorithms
	}
	if err := c.Verify(p.Key, algs); err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT signature: %w", err)}
	}
	if p.JWK, err = jose.PublicJWK(p.Key); err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: err}
	}
	d, err := jwk.Encode(p.Key)
	if err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT key: %w", err)}
	}
	p.DID = d.String()

	var cl proofClaims
	if err := strictjson.Unmarshal(c.Payload, &cl, MaxJSONDepth); err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT payload: %w", err)}
	}
	if aud, ok := audience(cl.Aud); !ok || aud != opts.Audience {
		return nil, errorf(CodeInvalidProof, "proof JWT aud is not the credential issuer %q", trunc(opts.Audience))
	}
	if cl.Iat == nil {
		return nil, errorf(CodeInvalidProof, "proof JWT has no iat")
	}
	iat, err := cl.Iat.Int64()
	if err != nil {
		return nil, errorf(CodeInvalidProof, "proof JWT iat is not an integer")
	}
	p.IssuedAt = time.Unix(iat, 0)
	window := opts.Window
	if window == 0 {
		window = DefaultProofWindow
	}
	if d := opts.Now.Sub(p.IssuedAt); d > window || d < -window {
		return nil, errorf(CodeInvalidProof, "proof JWT iat %s is more than %s from now", p.IssuedAt.UTC().Format(time.RFC3339), window)
	}
	if cl.Iss != nil {
		p.ClientID = *cl.Iss
	}
	if cl.Nonce != nil {
		p.Nonce = *cl.Nonce
	}
	if err := opts.Nonce(p.Nonce); err != nil {
		return nil, &Error{Code: CodeInvalidNonce, Err: fmt.Errorf("proof JWT nonce: %w", err)}
	}
	return p, nil
}

// audience reads aud as a string or an array of exactly one string.
func audience(raw json.RawMessage) (string, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil && len(list) == 1 {
		return list[0], true
	}
	return "", false
}

// didJWKKey resolves a did:jwk DID URL (the DID, or the DID with #0) to
// its key; other methods are refused: resolving them would let a proof make
// the issuer fetch.
func didJWKKey(ctx context.Context, kid string) (crypto.PublicKey, error) {
	if !strings.HasPrefix(kid, "did:jwk:") {
		return nil, errorf(CodeInvalidProof, "proof JWT kid %q: only did:jwk DID URLs are supported", trunc(kid))
	}
	u, err := did.ParseURL(kid)
	if err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT kid: %w", err)}
	}
	if u.Fragment != "" && u.Fragment != "0" {
		return nil, errorf(CodeInvalidProof, "proof JWT kid %q: a did:jwk has only the key #0", trunc(kid))
	}
	doc, err := jwk.Resolver{}.Resolve(ctx, u.DID)
	if err != nil {
		return nil, &Error{Code: CodeInvalidProof, Err: fmt.Errorf("proof JWT kid: %w", err)}
	}
	for _, vm := range doc.VerificationMethod {
		if k, err := vm.PublicKey(); err == nil {
			return k, nil
		}
	}
	return nil, &Error{Code: CodeInvalidProof, Err: errors.New("proof JWT kid: no usable key")}
}
