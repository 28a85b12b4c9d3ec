package verify

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/jose"
)

// jwtVCIssuerURL is where an SD-JWT VC issuer identified by an https URL
// publishes its keys (draft-ietf-oauth-sd-jwt-vc, JWT VC Issuer Metadata):
// the well-known path is inserted between the host and the issuer's path,
// without a trailing "/".
func jwtVCIssuerURL(issuer string) (string, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("issuer %q is not an https URL without query or fragment", trunc(issuer))
	}
	return "https://" + u.Host + "/.well-known/jwt-vc-issuer" + strings.TrimSuffix(u.EscapedPath(), "/"), nil
}

// jwtVCIssuerKey finds an SD-JWT VC issuer's key in its JWT VC Issuer
// Metadata: {"issuer": iss, "jwks": {"keys": [...]}} fetched through the
// fetcher; the metadata's issuer must equal iss, and the key is the one
// whose kid is the header's kid (or the only key when there is no kid).
// jwks_uri is not followed: the metadata must carry the keys inline, or
// the caller supplies them as a resource.
func (v *verifier) jwtVCIssuerKey(ctx context.Context, r *Result, iss, kid string) (*signer, bool) {
	u, err := jwtVCIssuerURL(iss)
	if err != nil {
		r.fail(CheckIssuerKey, CodeKeyResolution, "%v", err)
		return nil, false
	}
	raw, err := v.opts.Fetcher.Fetch(ctx, u)
	switch {
	case err != nil && isUnavailable(err):
		r.indeterminate(CheckIssuerKey, unavailableCode(err), "JWT VC issuer metadata %q is not available: %v", trunc(u), err)
		return nil, false
	case err != nil:
		r.fail(CheckIssuerKey, CodeKeyResolution, "JWT VC issuer metadata %q: %v", trunc(u), err)
		return nil, false
	}
	var md struct {
		Issuer string `json:"issuer"`
		JWKS   struct {
			Keys []json.RawMessage `json:"keys"`
		} `json:"jwks"`
	}
	if err := strictjson.Unmarshal(raw, &md, 16); err != nil {
		r.fail(CheckIssuerKey, CodeKeyResolution, "JWT VC issuer metadata: %v", err)
		return nil, false
	}
	if md.Issuer != iss {
		r.fail(CheckIssuerKey, CodeKeyResolution, "JWT VC issuer metadata is for %q, not %q", trunc(md.Issuer), trunc(iss))
		return nil, false
	}
	var pick json.RawMessage
	for _, k := range md.JWKS.Keys {
		var h struct {
			Kid string `json:"kid"`
		}
		_ = json.Unmarshal(k, &h)
		if (kid != "" && h.Kid == kid) || (kid == "" && len(md.JWKS.Keys) == 1) {
			pick = k
			break
		}
	}
	if pick == nil {
		r.fail(CheckIssuerKey, CodeKeyNotFound, "no key %q in the JWT VC issuer metadata of %q", trunc(kid), trunc(iss))
		return nil, false
	}
	pub, err := jose.ParsePublicJWK(pick)
	if err != nil {
		r.fail(CheckIssuerKey, CodeBadKey, "%v", err)
		return nil, false
	}
	id := iss + "#" + kid
	r.Checks = append(r.Checks, Check{ID: CheckIssuerKey, Status: Pass, Detail: "JWT VC issuer metadata key " + kid})
	return &signer{pub: pub, method: id}, true
}
