package verify

import (
	"context"
	"crypto"
	"errors"
	"fmt"
	"strings"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/vc"
)

// errKeyChecked stops the SD-JWT verifier when issuerKey has already
// recorded why no key could be found.
var errKeyChecked = errors.New("issuer key not found")

// sdJWT verifies an SD-JWT (RFC 9901): an SD-JWT VC (typ dc+sd-jwt, or the
// legacy vc+sd-jwt), a W3C credential secured with SD-JWT (vc+sd-jwt with
// a VC DM 2.0 payload) or presentation (vp+sd-jwt). Only the claims the
// holder disclosed reach the Result. Key Binding is required whenever the
// caller expects a nonce or an audience (RFC 9901 §7.3: policy, never
// inferred from the input).
func (v *verifier) sdJWT(ctx context.Context, raw string, depth int) Result {
	var r Result
	s, err := sdjwt.Parse(raw)
	if err != nil {
		r.fail(CheckFormat, Code(sdjwt.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	var key *signer
	var issuer string
	var keyChecks Result
	opts := sdjwt.Options{
		Now:           v.opts.Now,
		NotBeforeSkew: NotBeforeLeeway,
		Algorithms:    v.algs,
		IssuerKeyFunc: func(ctx context.Context, h jose.Header, claims map[string]any) (crypto.PublicKey, error) {
			issuer = issuerClaim(claims)
			if issuer == "" && strings.HasPrefix(h.Kid, "did:") {
				issuer = didOf(h.Kid)
			}
			relationship := "assertionMethod"
			if normMediaType(h.Typ) == "vp+sd-jwt" {
				relationship = "authentication"
			}
			var k *signer
			var ok bool
			if _, isVC := claims["vct"]; isVC && strings.HasPrefix(issuer, "https://") && !strings.HasPrefix(h.Kid, "did:") {
				// An SD-JWT VC issuer named by an https URL publishes its
				// keys as JWT VC Issuer Metadata.
				k, ok = v.jwtVCIssuerKey(ctx, &keyChecks, issuer, h.Kid)
			} else {
				k, ok = v.issuerKey(ctx, &keyChecks, h.Kid, issuer, relationship)
			}
			if !ok {
				return nil, errKeyChecked
			}
			key = k
			return k.pub, nil
		},
		HolderKeyFunc: v.holderKeyFunc,
	}
	if depth == 0 {
		opts.Nonce, opts.Aud = v.opts.Nonce, v.opts.Audience
	}
	res, err := s.Verify(ctx, opts)
	r.Checks = append(r.Checks, keyChecks.Checks...)
	var timeErr error
	switch code := sdjwt.CodeOf(err); {
	case err == nil:
	case code == sdjwt.CodeExpired || code == sdjwt.CodeNotYetValid:
		timeErr = err
	case errors.Is(err, errKeyChecked):
		return v.finish(r)
	default:
		id, c := sdCheck(code)
		r.fail(id, c, "%v", err)
		return v.finish(r)
	}
	if res.Profile == sdjwt.ProfileSDJWT || !oneOf(normMediaType(res.Header.Cty), contentTypes) {
		r.fail(CheckHeader, CodeBadMediaType, "typ %q / cty %q: not an SD-JWT credential or presentation (dc+sd-jwt, vc+sd-jwt, vp+sd-jwt)", trunc(res.Header.Typ), trunc(res.Header.Cty))
		return v.finish(r)
	}
	r.pass(CheckHeader)
	r.pass(CheckProof)
	r.Checks = append(r.Checks, Check{ID: CheckDisclosures, Status: Pass, Detail: fmt.Sprintf("%d claims disclosed (%s)", len(res.Disclosed), res.SdAlg)})
	if kb := res.KeyBinding; kb != nil {
		r.Checks = append(r.Checks, Check{ID: CheckBinding, Status: Pass, Detail: fmt.Sprintf("key binding by the holder's key (nonce %q, aud %q)", trunc(kb.Nonce), trunc(kb.Aud))})
	}
	switch timeErr := timeErr; sdjwt.CodeOf(timeErr) {
	case sdjwt.CodeExpired:
		r.fail(CheckValidUntil, CodeExpired, "%v", timeErr)
	case sdjwt.CodeNotYetValid:
		r.fail(CheckValidFrom, CodeNotYetValid, "%v", timeErr)
	}
	switch res.Profile {
	case sdjwt.ProfileW3CVC:
		return v.sdW3CCredential(ctx, r, res, key, issuer, depth)
	case sdjwt.ProfileW3CVP:
		return v.sdW3CPresentation(ctx, r, res, key, depth)
	}
	// An SD-JWT VC: the claims are the credential.
	r.Format = FormatDCSDJWT
	r.Issuer = issuer
	r.Subject, _ = res.Claims["sub"].(string)
	r.Claims = res.Claims
	r.cred = &vc.Credential{Issuer: issuer, Doc: res.Claims}
	r.pass(CheckDataModel)
	v.certificate(&r, key)
	v.statusChecks(ctx, &r, r.cred, res.Claims, depth)
	v.trusted(ctx, &r, issuer, key)
	return v.finish(r)
}

// sdW3CCredential finishes a W3C credential secured with SD-JWT: the data
// model runs on the disclosed claims.
func (v *verifier) sdW3CCredential(ctx context.Context, r Result, res *sdjwt.Result, key *signer, issuer string, depth int) Result {
	r.Format = FormatVCSDJWT
	cred, err := vc.ParseCredential(res.Claims)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	if cred.Issuer != issuer {
		r.fail(CheckDataModel, CodeIssMismatch, "the disclosed issuer %q is not the one whose key signed (%q)", trunc(cred.Issuer), trunc(issuer))
		return v.finish(r)
	}
	r.Issuer, r.Subject = cred.Issuer, cred.SubjectID()
	r.Claims = claimsOf(cred)
	r.id, r.validFrom, r.cred = cred.ID, cred.ValidFrom, cred
	r.pass(CheckDataModel)
	v.holderIsCnf(ctx, &r, cred, res)
	// exp and nbf were checked by core/sdjwt; the VC validity period is
	// checked here.
	v.lifecycle(ctx, &r, cred, map[string]any{}, key, depth)
	return v.finish(r)
}

// sdW3CPresentation finishes a W3C presentation secured with SD-JWT.
func (v *verifier) sdW3CPresentation(ctx context.Context, r Result, res *sdjwt.Result, key *signer, depth int) Result {
	r.Format = FormatVPSDJWT
	p, err := vc.ParsePresentation(res.Claims)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	r.Issuer = p.Holder
	r.pass(CheckDataModel)
	v.presentationCredentials(ctx, &r, p, key.method, depth)
	return v.finish(r)
}

// holderIsCnf checks, for a Party Credential secured with SD-JWT, that
// gx:holder names the key in cnf: the key that binds presentations is the
// holder's one key.
func (v *verifier) holderIsCnf(ctx context.Context, r *Result, cred *vc.Credential, res *sdjwt.Result) {
	cnf, ok := res.Claims["cnf"].(map[string]any)
	if !ok || len(cred.Subjects) != 1 {
		return
	}
	holder, _ := firstOf(cred.Subjects[0], "gx:holder", "https://w3id.org/gaia-x/development#holder").(string)
	if holder == "" {
		return
	}
	want, err := v.holderKeyFunc(ctx, holder, res.Claims)
	if err != nil {
		r.fail(CheckHolderKey, CodeBadParty, "gx:holder %q: %v", trunc(holder), err)
		return
	}
	if kid, _ := cnf["kid"].(string); kid != "" {
		if kid != holder {
			r.fail(CheckHolderKey, CodeBadParty, "cnf.kid %q is not gx:holder %q", trunc(kid), trunc(holder))
		}
		return
	}
	jwk, err := jsonBytes(cnf["jwk"])
	if err != nil {
		return
	}
	got, err := jose.ParsePublicJWK(jwk)
	if err != nil || !samePublicKey(got, want) {
		r.fail(CheckHolderKey, CodeBadParty, "cnf.jwk is not the key gx:holder %q names", trunc(holder))
	}
}

// holderKeyFunc resolves a holder key named by a DID URL (cnf.kid, or
// gx:holder): a verification method the holder authenticates with, or the
// one key of a did:key / did:jwk DID.
func (v *verifier) holderKeyFunc(ctx context.Context, kid string, _ map[string]any) (crypto.PublicKey, error) {
	u, err := did.ParseURL(kid)
	if err != nil {
		return nil, err
	}
	doc, err := v.resolver.Resolve(ctx, u.DID)
	if err != nil {
		return nil, err
	}
	ref := kid
	if u.Fragment == "" {
		if len(doc.VerificationMethod) != 1 {
			return nil, fmt.Errorf("%q names a DID with %d keys, not one", trunc(kid), len(doc.VerificationMethod))
		}
		ref = doc.VerificationMethod[0].ID
	}
	vm, err := doc.Method(ref, did.RelAuthentication)
	if err != nil {
		return nil, err
	}
	return vm.PublicKey()
}

// sdCheck maps an SD-JWT failure onto the check it belongs to and our
// code: key-binding mismatches become the presentation binding codes the
// JWT and JSON-LD paths use.
func sdCheck(code sdjwt.Code) (string, Code) {
	switch code {
	case sdjwt.CodeKBNonce:
		return CheckBinding, CodeNonceMismatch
	case sdjwt.CodeKBAud:
		return CheckBinding, CodeAudMismatch
	case sdjwt.CodeKBMissing:
		return CheckBinding, CodeBindingMissing
	case sdjwt.CodeKBBadTyp, sdjwt.CodeKBBadSignature, sdjwt.CodeKBIat, sdjwt.CodeKBSdHash, sdjwt.CodeKBNoCnf:
		return CheckBinding, Code(code)
	case sdjwt.CodeBadSignature, sdjwt.Code(jose.CodeAlgNotAllowed), sdjwt.Code(jose.CodeAlgKeyMismatch), sdjwt.Code(jose.CodeCritUnknown), sdjwt.Code(jose.CodeBadKey):
		return CheckProof, Code(code)
	case sdjwt.CodeMalformed, sdjwt.CodeTooLarge, sdjwt.CodeTooDeep, sdjwt.CodeDuplicateKey:
		return CheckFormat, Code(code)
	}
	return CheckDisclosures, Code(code)
}

// issuerClaim reads the issuer of an SD-JWT payload: iss, or the VC
// issuer (a string or an object's id).
func issuerClaim(claims map[string]any) string {
	if s, ok := claims["iss"].(string); ok {
		return s
	}
	switch x := claims["issuer"].(type) {
	case string:
		return x
	case map[string]any:
		s, _ := firstOf(x, "id", "@id").(string)
		return s
	}
	if s, ok := claims["holder"].(string); ok {
		return s
	}
	return ""
}
