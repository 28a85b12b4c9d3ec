package verify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/vc"
)

// Media types accepted in the JOSE typ header (VC-JOSE-COSE §3.1.1,
// §3.1.2; Gaia-X ICAM 25.11 §5.3 uses vc+ld+json+jwt), normalised.
var (
	credentialTyps   = []string{"vc+jwt", "vc+ld+json+jwt", "vc-ld+jwt"}
	presentationTyps = []string{"vp+jwt", "vp+ld+json+jwt", "vp-ld+jwt"}
	genericTyps      = []string{"", "jwt"}
	// cty values (VC-JOSE-COSE §3.1: "vc"/"vp"; Gaia-X: vc+ld+json).
	contentTypes = []string{"", "vc", "vp", "vc+ld+json", "vp+ld+json", "vc-ld+json", "vp-ld+json", "json"}
)

// jwt verifies a compact JWS whose payload is a credential or presentation.
func (v *verifier) jwt(ctx context.Context, token string, depth int) Result {
	var r Result
	c, err := jose.ParseCompact(token)
	if err != nil {
		r.fail(CheckHeader, Code(jose.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	typ, cty := normMediaType(c.Header.Typ), normMediaType(c.Header.Cty)
	switch {
	case !oneOf(typ, credentialTyps, presentationTyps, genericTyps):
		r.fail(CheckHeader, CodeBadMediaType, "typ %q is not a credential or presentation type", trunc(c.Header.Typ))
		return v.finish(r)
	case !oneOf(cty, contentTypes):
		r.fail(CheckHeader, CodeBadMediaType, "cty %q is not a credential or presentation type", trunc(c.Header.Cty))
		return v.finish(r)
	}
	r.pass(CheckHeader)
	doc, code, err := decodeObject(c.Payload)
	if err != nil {
		r.fail(CheckDataModel, code, "payload: %v", err)
		return v.finish(r)
	}
	for _, claim := range []string{"vc", "vp"} {
		if _, ok := doc[claim]; ok {
			r.fail(CheckDataModel, CodeEmbeddedClaims, "payload has a %q claim; VC-JOSE-COSE §3.1 forbids it", claim)
			return v.finish(r)
		}
	}
	isPresentation := oneOf(typ, presentationTyps)
	if ts, _ := firstOf(doc, "type", "@type").([]any); containsString(ts, "VerifiablePresentation") {
		isPresentation = true
	} else if t, _ := firstOf(doc, "type", "@type").(string); t == "VerifiablePresentation" {
		isPresentation = true
	}
	if isPresentation {
		return v.presentationJWT(ctx, c, doc, r, depth)
	}
	return v.credentialJWT(ctx, c, doc, r, depth)
}

func (v *verifier) credentialJWT(ctx context.Context, c *jose.Compact, doc map[string]any, r Result, depth int) Result {
	r.Format = FormatVCJWT
	cred, err := vc.ParseCredential(doc)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	r.Issuer, r.Subject = cred.Issuer, cred.SubjectID()
	r.Claims = claimsOf(cred)
	r.id, r.validFrom, r.cred = cred.ID, cred.ValidFrom, cred
	if iss, ok := doc["iss"]; ok && iss != cred.Issuer {
		r.fail(CheckDataModel, CodeIssMismatch, "iss %v differs from issuer %q (VC-JOSE-COSE §3.1.1)", iss, trunc(cred.Issuer))
		return v.finish(r)
	}
	r.pass(CheckDataModel)
	key, ok := v.issuerKey(ctx, &r, c.Header.Kid, cred.Issuer, "assertionMethod")
	if !ok {
		return v.finish(r)
	}
	if err := c.Verify(key.pub, v.algs); err != nil {
		r.fail(CheckProof, Code(jose.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	r.pass(CheckProof)
	v.bareCredential(&r, depth)
	v.lifecycle(ctx, &r, cred, doc, key, depth)
	return v.finish(r)
}

func (v *verifier) presentationJWT(ctx context.Context, c *jose.Compact, doc map[string]any, r Result, depth int) Result {
	r.Format = FormatVPJWT
	p, err := vc.ParsePresentation(doc)
	if err != nil {
		r.fail(CheckDataModel, Code(vc.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	if len(p.Credentials) > MaxEnvelopedCredentials {
		r.fail(CheckDataModel, CodeTooLarge, "%d credentials exceed the limit of %d", len(p.Credentials), MaxEnvelopedCredentials)
		return v.finish(r)
	}
	holder := p.Holder
	if holder == "" {
		// No holder: the signer speaks for itself.
		if u, err := did.ParseURL(c.Header.Kid); err == nil {
			holder = u.DID.String()
		}
	}
	r.Issuer = holder
	if iss, ok := doc["iss"]; ok && p.Holder != "" && iss != p.Holder {
		r.fail(CheckDataModel, CodeIssMismatch, "iss %v differs from holder %q", iss, trunc(p.Holder))
		return v.finish(r)
	}
	r.pass(CheckDataModel)
	key, ok := v.issuerKey(ctx, &r, c.Header.Kid, holder, "authentication")
	if !ok {
		return v.finish(r)
	}
	if err := c.Verify(key.pub, v.algs); err != nil {
		r.fail(CheckProof, Code(jose.CodeOf(err)), "%v", err)
		return v.finish(r)
	}
	r.pass(CheckProof)
	v.binding(&r, doc)
	v.validity(&r, doc, nil, nil)
	v.presentationCredentials(ctx, &r, p, key.method, depth)
	return v.finish(r)
}

// isUnavailable reports whether err means a resource could not be had (as
// opposed to a resource that exists and is wrong).
func isUnavailable(err error) bool {
	var fe *fetch.Error
	return errors.Is(err, fetch.ErrOffline) || (errors.As(err, &fe) && !errors.Is(err, fetch.ErrNotFound) && !errors.Is(err, fetch.ErrTooLarge))
}

// unavailableCode is the code of a check whose resource could not be had
// (isUnavailable): fetch_blocked when the runtime blocked the fetch.
func unavailableCode(err error) Code {
	if errors.Is(err, fetch.ErrBlocked) {
		return CodeFetchBlocked
	}
	return CodeResourceMissing
}

// NotBeforeLeeway is how far in the future validFrom, nbf and an SD-JWT's
// iat may lie and still count as reached: the issuer's clock may run a
// little ahead of the verifier's, and a credential issued a second ago
// must not be "not yet valid" (RFC 7519 §4.1.5 allows such leeway).
// Expiry has none.
const NotBeforeLeeway = time.Minute

// validity checks the validity period (VC DM 2.0 §4.9) and the JWT
// nbf/exp claims (RFC 7519 §4.1.4-5) against the instant of evaluation.
// Non-numeric nbf/exp are ignored, as VC-JOSE-COSE test vectors carry
// string iat values.
func (v *verifier) validity(r *Result, doc map[string]any, from, until *time.Time) {
	now := v.opts.Now
	nbf, exp := numericDate(doc["nbf"]), numericDate(doc["exp"])
	switch {
	case from != nil && now.Add(NotBeforeLeeway).Before(*from):
		r.fail(CheckValidFrom, CodeNotYetValid, "validFrom %s is after %s", from.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	case nbf != nil && now.Add(NotBeforeLeeway).Before(*nbf):
		r.fail(CheckValidFrom, CodeNotYetValid, "nbf %s is after %s", nbf.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	default:
		r.pass(CheckValidFrom)
	}
	switch {
	case until != nil && !now.Before(*until):
		r.fail(CheckValidUntil, CodeExpired, "validUntil %s has passed (now %s)", until.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	case exp != nil && !now.Before(*exp):
		r.fail(CheckValidUntil, CodeExpired, "exp %s has passed (now %s)", exp.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339))
	default:
		r.pass(CheckValidUntil)
	}
}

func numericDate(v any) *time.Time {
	f, ok := v.(float64)
	if !ok || f < 0 || f > 1e11 {
		return nil
	}
	t := time.Unix(int64(f), 0)
	return &t
}

// claimsOf returns the credential subject as the Result's claims: the
// subject object itself, or {"credentialSubject": [...]} for several.
func claimsOf(c *vc.Credential) map[string]any {
	if len(c.Subjects) == 1 {
		return c.Subjects[0]
	}
	list := make([]any, len(c.Subjects))
	for i, s := range c.Subjects {
		list[i] = s
	}
	return map[string]any{"credentialSubject": list}
}

func rankOf(s Status) int {
	for i, p := range precedence {
		if p == s {
			return i
		}
	}
	return len(precedence)
}

func oneOf(s string, lists ...[]string) bool {
	for _, l := range lists {
		for _, x := range l {
			if s == x {
				return true
			}
		}
	}
	return false
}

func containsString(list []any, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstOf(m map[string]any, names ...string) any {
	for _, n := range names {
		if v, ok := m[n]; ok {
			return v
		}
	}
	return nil
}

// binding checks the presentation's nonce and aud claims against what the
// verifier expects (RFC 7519 §4.1.3 aud; the nonce of OpenID4VP §5.2),
// which is how a JWT presentation resists replay. Nothing is checked when
// nothing is expected.
func (v *verifier) binding(r *Result, doc map[string]any) {
	if v.opts.Nonce == "" && v.opts.Audience == "" {
		return
	}
	if v.opts.Nonce != "" && doc["nonce"] != v.opts.Nonce {
		r.fail(CheckBinding, CodeNonceMismatch, "the presentation's nonce is %s, want %q", quoteClaim(doc["nonce"]), trunc(v.opts.Nonce))
		return
	}
	if v.opts.Audience != "" && !audienceHas(doc["aud"], v.opts.Audience) {
		r.fail(CheckBinding, CodeAudMismatch, "the presentation's aud %s does not name %q", quoteClaim(doc["aud"]), trunc(v.opts.Audience))
		return
	}
	r.pass(CheckBinding)
}

func audienceHas(aud any, want string) bool {
	switch a := aud.(type) {
	case string:
		return a == want
	case []any:
		for _, x := range a {
			if x == want {
				return true
			}
		}
	}
	return false
}

func quoteClaim(v any) string {
	if v == nil {
		return "absent"
	}
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", trunc(s))
	}
	return "not a string"
}
