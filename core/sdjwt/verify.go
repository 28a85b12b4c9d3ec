package sdjwt

import (
	"context"
	"crypto"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
)

// DefaultAlgorithms is the JWS allowlist used when [Options.Algorithms] is
// nil; it matches core/verify's default. ES512 is not in it.
var DefaultAlgorithms = []string{"ES256", "ES384", "EdDSA", "PS256", "PS384", "PS512", "RS256"}

// DefaultKBWindow is the KB-JWT iat window used when [Options.KBWindow] is
// zero: iat may be at most this far before or after [Options.Now].
const DefaultKBWindow = 5 * time.Minute

// IssuerKeyFunc returns the public key of the issuer of an Issuer-signed
// JWT. header is the JWT's protected header and claims its payload before
// any Disclosure is applied (it must not modify them); neither is verified
// yet, so the function must tie the key to the issuer itself (DID resolution, x5c chain, jwt-vc-issuer
// metadata; none of which this package does).
type IssuerKeyFunc func(ctx context.Context, header jose.Header, claims map[string]any) (crypto.PublicKey, error)

// HolderKeyFunc resolves the "kid" of a cnf claim (RFC 7800 §3.4), for
// example a DID URL, to the holder's public key. claims are the processed
// claims of the verified Issuer-signed JWT.
type HolderKeyFunc func(ctx context.Context, kid string, claims map[string]any) (crypto.PublicKey, error)

// Options is the verifier's policy and inputs. Its zero value is not
// usable: Now and an issuer key are required.
type Options struct {
	// Now is the instant of verification (time is an input; this package
	// never reads the clock). Required.
	Now time.Time
	// Skew is the tolerance applied to exp, nbf and iat of the
	// Issuer-signed JWT. Zero means none.
	Skew time.Duration
	// NotBeforeSkew is added to Skew for nbf and iat only: an issuer
	// whose clock runs a little ahead must not make a fresh credential
	// "not yet valid", while exp stays as strict as Skew says.
	NotBeforeSkew time.Duration

	// IssuerKey verifies the Issuer-signed JWT; when nil, IssuerKeyFunc is
	// called.
	IssuerKey     crypto.PublicKey
	IssuerKeyFunc IssuerKeyFunc
	// Algorithms is the JWS allowlist for the Issuer-signed JWT and the
	// KB-JWT; nil means [DefaultAlgorithms]. "none" and HMAC are refused
	// whatever it says.
	Algorithms []string

	// RequireKB makes a KB-JWT mandatory (RFC 9901 §7.3). It is implied
	// when Nonce or Aud is set: a nonce or audience can only be checked in
	// a KB-JWT. Key Binding is never inferred from the input.
	RequireKB bool
	// Nonce and Aud are the values the KB-JWT must carry (RFC 9901 §4.3).
	// An empty value is not checked; set both in a presentation flow.
	Nonce string
	Aud   string
	// KBWindow bounds |KB-JWT iat − Now|; zero means [DefaultKBWindow].
	KBWindow time.Duration
	// HolderKeyFunc resolves cnf.kid. Without it, only cnf.jwk is usable.
	HolderKeyFunc HolderKeyFunc
}

// Profile says which kind of SD-JWT a [Result] is, from the header typ
// and the payload.
type Profile string

// The profiles.
const (
	// ProfileSDJWT is a plain SD-JWT (RFC 9901), any other typ.
	ProfileSDJWT Profile = "sd-jwt"
	// ProfileSDJWTVC is an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): typ
	// dc+sd-jwt, or the legacy vc+sd-jwt with no @context in the payload.
	ProfileSDJWTVC Profile = "dc+sd-jwt"
	// ProfileW3CVC is a W3C VC Data Model 2.0 credential secured with
	// SD-JWT (VC-JOSE-COSE): typ vc+sd-jwt with an @context. The
	// caller applies the data model to Result.Claims.
	ProfileW3CVC Profile = "vc+sd-jwt"
	// ProfileW3CVP is a W3C presentation secured with SD-JWT: typ
	// vp+sd-jwt.
	ProfileW3CVP Profile = "vp+sd-jwt"
)

// Result is a verified SD-JWT.
type Result struct {
	// Header is the Issuer-signed JWT's protected header (the signature
	// that verified, for the General JSON serialization).
	Header  jose.Header
	Profile Profile
	// Claims are the processed claims (RFC 9901 §7.1): disclosed claims
	// in place, undisclosed ones and _sd, _sd_alg and digests removed.
	Claims map[string]any
	// Disclosed lists the claims that came from a Disclosure, in the order
	// of the Disclosures; every other claim in Claims was always visible.
	Disclosed []Claim
	// SdAlg is the digest hash ("sha-256" when the payload has none).
	SdAlg string
	// KeyBinding is the verified KB-JWT, or nil when there was none.
	KeyBinding *KeyBinding
}

// KeyBinding is a verified KB-JWT (RFC 9901 §4.3).
type KeyBinding struct {
	Alg      string
	Nonce    string
	Aud      string
	IssuedAt time.Time
	// Key is the holder key from cnf that verified the KB-JWT.
	Key crypto.PublicKey
}

// Verify parses raw with [Parse] and verifies it with [SDJWT.Verify].
func Verify(ctx context.Context, raw string, opts Options) (*Result, error) {
	s, err := Parse(raw)
	if err != nil {
		return nil, err
	}
	return s.Verify(ctx, opts)
}

// sdJWTVCClaims are the claims of an SD-JWT VC that must not be
// selectively disclosed (draft-ietf-oauth-sd-jwt-vc, JWT claims).
var sdJWTVCClaims = []string{"iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"}

// Verify runs RFC 9901 §7.1 (Issuer-signed JWT and Disclosures) and §7.3
// (Key Binding) under opts, and for an SD-JWT VC the rules of
// draft-ietf-oauth-sd-jwt-vc: the order is the signature, _sd_alg,
// the Disclosures, the SD-JWT VC rules, the validity period, then Key
// Binding.
//
// When the only failure is the validity period ([CodeExpired],
// [CodeNotYetValid]), the Result is returned together with the error.
//
// It does not tie the key to the issuer (the caller's IssuerKeyFunc does),
// check status, resolve vct type metadata, or apply the VC Data Model to
// a W3C payload.
func (s *SDJWT) Verify(ctx context.Context, opts Options) (*Result, error) {
	if opts.Now.IsZero() {
		return nil, errorf(CodeBadOptions, "Options.Now is required")
	}
	algs := opts.Algorithms
	if algs == nil {
		algs = DefaultAlgorithms
	}
	// §7.1 step 2: the issuer signature.
	hdr, err := s.verifyIssuer(ctx, opts, algs)
	if err != nil {
		return nil, err
	}
	// §7.1 steps 3 and 4: _sd_alg and the Disclosures.
	p, err := s.process()
	if err != nil {
		return nil, err
	}
	r := &Result{Header: hdr, Profile: profileOf(hdr.Typ, p.claims), Claims: p.claims, Disclosed: p.disclosed, SdAlg: p.sdAlg}
	if r.Profile == ProfileSDJWTVC {
		if err := checkSDJWTVC(p); err != nil {
			return nil, err
		}
	}
	// §7.1 step 5: the validity period. A credential outside it is still
	// sound: its Result comes back with the error, after Key Binding, so
	// that a verifier can report "expired" with what it says.
	timeErr := checkTimes(p.claims, opts.Now, opts.Skew, opts.Skew+opts.NotBeforeSkew, r.Profile == ProfileSDJWTVC)
	if timeErr != nil && CodeOf(timeErr) != CodeExpired && CodeOf(timeErr) != CodeNotYetValid {
		return nil, timeErr
	}
	// §7.3: Key Binding.
	if r.KeyBinding, err = s.verifyKB(ctx, opts, algs, p); err != nil {
		return nil, err
	}
	return r, timeErr
}

func (s *SDJWT) verifyIssuer(ctx context.Context, opts Options, algs []string) (jose.Header, error) {
	var firstErr error
	for _, c := range append([]*jose.Compact{s.JWT}, s.altJWTs...) {
		key := opts.IssuerKey
		if key == nil {
			if opts.IssuerKeyFunc == nil {
				return jose.Header{}, errorf(CodeBadOptions, "no issuer key and no IssuerKeyFunc")
			}
			var err error
			if key, err = opts.IssuerKeyFunc(ctx, c.Header, s.Payload); err != nil {
				return jose.Header{}, &Error{Code: CodeKeyResolution, Err: errorJoin("issuer key", err)}
			}
		}
		err := c.Verify(key, algs)
		if err == nil {
			return c.Header, nil
		}
		if firstErr == nil {
			firstErr = fromJose("issuer-signed jwt", err)
		}
	}
	return jose.Header{}, firstErr
}

func profileOf(typ string, claims map[string]any) Profile {
	t := strings.ToLower(strings.TrimPrefix(strings.ToLower(typ), "application/"))
	switch t {
	case "dc+sd-jwt":
		return ProfileSDJWTVC
	case "vc+sd-jwt":
		if _, w3c := claims["@context"]; w3c {
			return ProfileW3CVC
		}
		return ProfileSDJWTVC
	case "vp+sd-jwt":
		return ProfileW3CVP
	}
	return ProfileSDJWT
}

// checkSDJWTVC applies the claim rules of draft-ietf-oauth-sd-jwt-vc.
func checkSDJWTVC(p *processed) error {
	for _, c := range p.disclosed {
		if len(c.Path) != 1 {
			continue
		}
		for _, n := range sdJWTVCClaims {
			if c.Name == n {
				return errorf(CodeForbiddenDisclosure, "SD-JWT VC claim %q must not be selectively disclosed", n)
			}
		}
	}
	if v, ok := p.claims["vct"].(string); !ok || v == "" {
		return errorf(CodeMissingVct, "SD-JWT VC has no vct string")
	}
	if v, ok := p.claims["iss"]; ok {
		if _, isStr := v.(string); !isStr {
			return errorf(CodeMalformed, "iss is not a string")
		}
	}
	if v, ok := p.claims["cnf"]; ok {
		if _, isObj := v.(map[string]any); !isObj {
			return errorf(CodeMalformed, "cnf is not an object")
		}
	}
	if v, ok := p.claims["status"]; ok {
		if _, isObj := v.(map[string]any); !isObj {
			return errorf(CodeMalformed, "status is not an object")
		}
	}
	return nil
}

// checkTimes checks exp, nbf and iat (RFC 7519 §4.1.4–6) when they are
// NumericDates. A W3C payload may carry them as strings (VC-JOSE-COSE test
// suite); only an SD-JWT VC, where they are defined as NumericDate, must
// have numbers.
func checkTimes(claims map[string]any, now time.Time, skew, nbfSkew time.Duration, strict bool) error {
	get := func(name string) (time.Time, bool, error) {
		v, ok := claims[name]
		if !ok {
			return time.Time{}, false, nil
		}
		t, ok := numericDate(v)
		if !ok {
			if strict {
				return time.Time{}, false, errorf(CodeMalformed, "%s is not a NumericDate", name)
			}
			return time.Time{}, false, nil
		}
		return t, true, nil
	}
	if t, ok, err := get("exp"); err != nil {
		return err
	} else if ok && !now.Before(t.Add(skew)) {
		return errorf(CodeExpired, "expired at %s", t.UTC().Format(time.RFC3339))
	}
	for _, name := range []string{"nbf", "iat"} {
		if t, ok, err := get(name); err != nil {
			return err
		} else if ok && now.Add(nbfSkew).Before(t) {
			return errorf(CodeNotYetValid, "%s %s is in the future", name, t.UTC().Format(time.RFC3339))
		}
	}
	return nil
}

// numericDate reads a JSON number of seconds since the epoch.
func numericDate(v any) (time.Time, bool) {
	f, ok := v.(float64)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > 1<<40 {
		return time.Time{}, false
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)), true
}

// verifyKB is RFC 9901 §7.3 step 4 (and §4.3).
func (s *SDJWT) verifyKB(ctx context.Context, opts Options, algs []string, p *processed) (*KeyBinding, error) {
	required := opts.RequireKB || opts.Nonce != "" || opts.Aud != ""
	if s.KB == nil {
		if required {
			return nil, errorf(CodeKBMissing, "key binding is required and the presentation has no KB-JWT")
		}
		return nil, nil
	}
	cnf, ok := p.claims["cnf"].(map[string]any)
	if !ok {
		return nil, errorf(CodeKBNoCnf, "a KB-JWT is present but the Issuer-signed JWT has no cnf claim")
	}
	key, err := holderKey(ctx, cnf, p.claims, opts.HolderKeyFunc)
	if err != nil {
		return nil, err
	}
	kb := s.KB
	if kb.Header.Typ != "kb+jwt" {
		return nil, errorf(CodeKBBadTyp, "kb-jwt typ is %q, want \"kb+jwt\"", trunc(kb.Header.Typ))
	}
	if err := kb.Verify(key, algs); err != nil {
		return nil, &Error{Code: CodeKBBadSignature, Err: errorJoin("kb-jwt", err)}
	}
	claims, err := decodeObject("kb-jwt payload", kb.Payload)
	if err != nil {
		return nil, err
	}
	out := &KeyBinding{Alg: kb.Header.Alg, Key: key}
	iat, ok := numericDate(claims["iat"])
	if !ok {
		return nil, errorf(CodeKBIat, "kb-jwt iat is missing or not a NumericDate")
	}
	out.IssuedAt = iat
	window := opts.KBWindow
	if window <= 0 {
		window = DefaultKBWindow
	}
	if d := iat.Sub(opts.Now); d > window || d < -window {
		return nil, errorf(CodeKBIat, "kb-jwt iat %s is outside %s of now", iat.UTC().Format(time.RFC3339), window)
	}
	_, h, _ := sdAlgOf(s.Payload) // checked in process
	want := digest(h, s.presented)
	got, _ := claims["sd_hash"].(string)
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return nil, errorf(CodeKBSdHash, "kb-jwt sd_hash does not match the presented SD-JWT")
	}
	out.Nonce, _ = claims["nonce"].(string)
	if opts.Nonce != "" && out.Nonce != opts.Nonce {
		return nil, errorf(CodeKBNonce, "kb-jwt nonce %q is not the expected one", trunc(out.Nonce))
	}
	aud, isStr := claims["aud"].(string)
	if opts.Aud != "" && (!isStr || aud != opts.Aud) {
		return nil, errorf(CodeKBAud, "kb-jwt aud is not %q", trunc(opts.Aud))
	}
	out.Aud = aud
	return out, nil
}

// holderKey reads cnf (RFC 7800 §3): jwk, or kid through f.
func holderKey(ctx context.Context, cnf, claims map[string]any, f HolderKeyFunc) (crypto.PublicKey, error) {
	if j, ok := cnf["jwk"]; ok {
		b, err := json.Marshal(j)
		if err != nil {
			return nil, errorf(CodeMalformed, "cnf.jwk: %w", err)
		}
		key, err := jose.ParsePublicJWK(b)
		if err != nil {
			return nil, fromJose("cnf.jwk", err)
		}
		return key, nil
	}
	if kid, ok := cnf["kid"].(string); ok {
		if f == nil {
			return nil, errorf(CodeKeyResolution, "cnf.kid %q needs a HolderKeyFunc", trunc(kid))
		}
		key, err := f(ctx, kid, claims)
		if err != nil {
			return nil, &Error{Code: CodeKeyResolution, Err: errorJoin("cnf.kid", err)}
		}
		if key == nil {
			return nil, &Error{Code: CodeKeyResolution, Err: errors.New("cnf.kid resolved to no key")}
		}
		return key, nil
	}
	return nil, errorf(CodeKBNoCnf, "cnf has neither jwk nor kid")
}
