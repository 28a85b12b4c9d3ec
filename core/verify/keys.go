package verify

import (
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/jose"
)

// signer is the verification method that signed, as found by issuerKey.
type signer struct {
	pub    crypto.PublicKey
	method string              // the verification method's DID URL
	chain  []*x509.Certificate // the JWK's x5c chain, leaf first; nil when absent
}

// issuerKey finds the public key that must have signed: the verification
// method named by kid, which must belong to issuer and be listed under
// relationship in its DID document, or in its controller document when
// the issuer is an HTTPS URL (VC-JOSE-COSE §3.3; DID Core §5.3;
// Controlled Identifiers §2). It records the issuer.key check and returns
// ok=false when it failed.
func (v *verifier) issuerKey(ctx context.Context, r *Result, kid, issuer, relationship string) (*signer, bool) {
	issuerDID, didErr := did.Parse(issuer)
	isDID := didErr == nil
	if !isDID && !strings.HasPrefix(issuer, "https://") {
		r.fail(CheckIssuerKey, CodeDIDResolution, "issuer %q is neither a DID nor an https URL", trunc(issuer))
		return nil, false
	}
	var ref string
	switch {
	case kid == "":
		// VC-JOSE-COSE §3.3: a kid is required unless the DID has only one
		// key by construction (did:key, did:jwk).
		if !isDID || (issuerDID.Method != "key" && issuerDID.Method != "jwk") {
			r.fail(CheckIssuerKey, CodeKidMissing, "no kid header, and issuer %q may have more than one key", trunc(issuer))
			return nil, false
		}
	case strings.HasPrefix(kid, "#"):
		ref = issuer + kid
	case strings.Contains(kid, ":"):
		// An absolute DID URL or URL: it must name a method of the issuer.
		base, _, _ := strings.Cut(kid, "#")
		if u, err := did.ParseURL(kid); err == nil {
			base = u.DID.String()
		}
		if base != issuer {
			r.fail(CheckIssuerKey, CodeKidIssuerMismatch, "kid %q is not a key of %q", trunc(kid), trunc(issuer))
			return nil, false
		}
		if kid != issuer {
			ref = kid
		}
		// The issuer's DID itself names no key: its one key for the
		// relationship is meant (early Gaia-X credentials do this).
	default:
		ref = issuer + "#" + kid
	}
	doc, err := v.document(ctx, issuer, issuerDID, isDID)
	if err != nil {
		if isUnavailable(err) {
			r.indeterminate(CheckIssuerKey, unavailableCode(err), "document of %q is not available: %v", trunc(issuer), err)
		} else {
			r.fail(CheckIssuerKey, CodeDIDResolution, "%v", err)
		}
		return nil, false
	}
	if ref == "" {
		refs, _ := doc.Relationship(relationship)
		if len(refs) != 1 {
			r.fail(CheckIssuerKey, CodeKidMissing, "no kid names the key, and %q has %d keys under %s", trunc(issuer), len(refs), relationship)
			return nil, false
		}
		ref = refs[0].ID
	}
	vm, err := doc.Method(ref, relationship)
	if errors.Is(err, did.ErrMethodNotFound) && kid != "" && !strings.Contains(kid, ":") && !strings.HasPrefix(kid, "#") {
		// A bare kid may also be the JWK's own "kid" (VC-JOSE-COSE examples).
		vm, err = methodByJWKKid(doc, kid, relationship)
	}
	switch {
	case errors.Is(err, did.ErrNotInRelationship):
		r.fail(CheckIssuerKey, CodeNotAssertionMethod, "%q is not listed under %s of %q", trunc(ref), relationship, trunc(issuer))
		return nil, false
	case err != nil && kid != "" && mutableDocument(issuer):
		// Gaia-X TF §4.8.5.1.4: a key no longer in the issuer's current
		// document is a revoked key. Documents that cannot change
		// (did:key, did:jwk) cannot drop a key, so there it is a wrong kid.
		r.fail(CheckIssuerKey, CodeKeyRevoked, "%q is not (or no longer) a verification method in the current document of %q", trunc(kid), trunc(issuer))
		return nil, false
	case err != nil:
		r.fail(CheckIssuerKey, CodeKeyNotFound, "%q is not a verification method of %q", trunc(kid), trunc(issuer))
		return nil, false
	}
	k := &signer{method: vm.ID}
	if k.pub, err = vm.PublicKey(); err != nil {
		r.fail(CheckIssuerKey, CodeBadKey, "%v", err)
		return nil, false
	}
	if len(vm.PublicKeyJwk) > 0 {
		if k.chain, err = jose.JWKCertificates(vm.PublicKeyJwk); err != nil {
			r.fail(CheckIssuerKey, CodeBadKey, "%v", err)
			return nil, false
		}
	}
	r.Checks = append(r.Checks, Check{ID: CheckIssuerKey, Status: Pass, Detail: vm.ID})
	return k, true
}

// mutableDocument reports whether the issuer's document can change over
// time, so that a key missing from it may have been removed.
func mutableDocument(issuer string) bool {
	d, err := did.Parse(issuer)
	if err != nil {
		return strings.HasPrefix(issuer, "https://")
	}
	return d.Method != "key" && d.Method != "jwk"
}

// document resolves the issuer's DID document, or fetches the controller
// document of an HTTPS issuer from the issuer URL itself.
func (v *verifier) document(ctx context.Context, issuer string, d did.DID, isDID bool) (*did.Document, error) {
	if isDID {
		return v.resolver.Resolve(ctx, d)
	}
	b, err := v.opts.Fetcher.Fetch(ctx, issuer)
	if err != nil {
		return nil, err
	}
	return did.ParseControllerDocument(b, issuer)
}

// methodByJWKKid finds the verification method whose publicKeyJwk has the
// given "kid" member.
func methodByJWKKid(doc *did.Document, kid, relationship string) (did.VerificationMethod, error) {
	for _, vm := range doc.VerificationMethod {
		var k struct {
			Kid string `json:"kid"`
		}
		if len(vm.PublicKeyJwk) > 0 && json.Unmarshal(vm.PublicKeyJwk, &k) == nil && k.Kid == kid {
			return doc.Method(vm.ID, relationship)
		}
	}
	return did.VerificationMethod{}, did.ErrMethodNotFound
}

// certificate checks the validity period of the signing key's certificate
// (Gaia-X TF §4.8.5.1.4: a credential is expired when the certificate
// containing the signing key has expired). It records nothing when the key
// has no x5c chain.
func (v *verifier) certificate(r *Result, k *signer) {
	if len(k.chain) == 0 {
		return
	}
	leaf, now := k.chain[0], v.opts.Now
	switch {
	case now.After(leaf.NotAfter):
		r.fail(CheckKeyCertificate, CodeCertificateExpired, "the signing key's certificate expired at %s", leaf.NotAfter.UTC().Format(time.RFC3339))
	case now.Before(leaf.NotBefore):
		r.fail(CheckKeyCertificate, CodeNotYetValid, "the signing key's certificate is valid from %s", leaf.NotBefore.UTC().Format(time.RFC3339))
	default:
		r.pass(CheckKeyCertificate)
	}
}

// trusted applies the trust policy to the issuer and the key that signed:
// the trusted issuers and methods, the trust store, and the x5c chain of
// the key against the configured roots.
func (v *verifier) trusted(ctx context.Context, r *Result, issuer string, k *signer) {
	ok, err := v.trust.Trusted(ctx, issuer, k.method)
	if !ok && len(k.chain) > 0 && v.roots != nil {
		if cerr := jose.VerifyChain(k.chain, v.roots, x509.VerifyOptions{CurrentTime: v.opts.Now}); cerr == nil {
			r.Checks = append(r.Checks, Check{ID: CheckTrust, Status: Pass, Detail: "the signing key's certificate chains to a trust anchor"})
			return
		}
	}
	if !ok && err == nil && len(v.opts.Policy.TrustedScopes) > 0 {
		sok, detail, serr := v.scopeTrust(ctx, issuer, k)
		switch {
		case sok:
			r.Checks = append(r.Checks, Check{ID: CheckTrust, Status: Pass, Detail: detail})
			return
		case serr != nil && isUnavailable(serr):
			r.indeterminate(CheckTrust, unavailableCode(serr), "trusted list: %v", serr)
			return
		case serr != nil:
			r.fail(CheckTrust, CodeUntrusted, "issuer %q: %v", trunc(issuer), serr)
			return
		case detail != "":
			r.fail(CheckTrust, CodeUntrusted, "issuer %q is not in the trust store; %s", trunc(issuer), detail)
			return
		}
	}
	switch {
	case ok:
		r.pass(CheckTrust)
	case err != nil:
		r.indeterminate(CheckTrust, unavailableCode(err), "trust store: %v", err)
	default:
		r.fail(CheckTrust, CodeUntrusted, "issuer %q is not in the trust store", trunc(issuer))
	}
}

// samePublicKey reports whether a and b are the same public key.
func samePublicKey(a, b crypto.PublicKey) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}

// jsonBytes re-encodes a decoded JSON value.
func jsonBytes(v any) ([]byte, error) {
	if v == nil {
		return nil, errors.New("absent")
	}
	return json.Marshal(v)
}
