package verify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status"
	"github.com/gxwallet/gxwallet/core/vc"
)

// statusChecks evaluates every credentialStatus entry (W3C Bitstring Status
// List v1.0 §3.2, StatusList2021) and a Token Status List reference in the
// payload's status claim (draft-ietf-oauth-status-list §8.3). Each
// becomes a check "status.<purpose>". The list is fetched through the
// fetcher and verified like any credential; its issuer must be the
// credential's issuer.
func (v *verifier) statusChecks(ctx context.Context, r *Result, cred *vc.Credential, claims map[string]any, depth int) {
	if len(cred.Status) > 0 {
		entries, err := status.ParseEntries(cred.Status)
		if err != nil {
			r.fail(CheckStatusList, CodeStatusUnverifiable, "%v", err)
		}
		for _, e := range entries {
			v.bitstringEntry(ctx, r, e, depth)
		}
	}
	ref, err := status.ParseReferencedStatus(claims)
	switch {
	case errors.Is(err, status.ErrNoStatus):
	case status.CodeOf(err) == status.CodeUnsupportedType:
		r.Checks = append(r.Checks, Check{ID: CheckStatusList, Status: Skipped, Detail: "status claim of a mechanism other than status_list"})
	case err != nil:
		r.fail(CheckStatusList, CodeStatusUnverifiable, "%v", err)
	default:
		v.tokenEntry(ctx, r, ref)
	}
}

func (v *verifier) bitstringEntry(ctx context.Context, r *Result, e status.Entry, depth int) {
	id := CheckStatusList + "." + e.Purpose
	if e.Kind == status.KindUnknown {
		r.Checks = append(r.Checks, Check{ID: CheckStatusList, Status: Skipped, Detail: fmt.Sprintf("status entry of type %q is not evaluated", trunc(e.Type))})
		return
	}
	raw, fetched, ok := v.fetchStatus(ctx, r, id, e.ListCredential)
	if !ok {
		return
	}
	// The list credential is verified like any credential, without the
	// presentation expectations of the outer call.
	sub := *v
	sub.opts.Known, sub.opts.Nonce, sub.opts.Audience = nil, "", ""
	lr := sub.input(ctx, raw, depth+1)
	switch {
	case lr.cred == nil || (lr.Status != StatusActive && lr.Status != StatusUntrusted):
		r.fail(id, CodeStatusUnverifiable, "status list %q does not verify: %s", trunc(e.ListCredential), failure(lr))
		return
	case lr.Issuer != r.Issuer:
		r.fail(id, CodeStatusUnverifiable, "status list %q is issued by %q, not by the credential's issuer", trunc(e.ListCredential), trunc(lr.Issuer))
		return
	}
	list, err := status.ParseListCredential(lr.cred.Doc)
	if err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list %q: %v", trunc(e.ListCredential), err)
		return
	}
	res, err := status.Lookup(e, list)
	if err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list %q: %v", trunc(e.ListCredential), err)
		return
	}
	asOf := asOfText(list.ValidFrom, fetched)
	switch {
	case res.Valid:
		r.Checks = append(r.Checks, Check{ID: id, Status: Pass, Detail: fmt.Sprintf("index %d is not set; %s", e.Index, asOf)})
	case e.Purpose == status.PurposeRevocation:
		r.fail(id, CodeRevoked, "revoked: index %d of %q is set; %s%s", e.Index, trunc(e.ListCredential), asOf, messageText(res.Message))
	case e.Purpose == status.PurposeSuspension:
		r.fail(id, CodeSuspended, "suspended: index %d of %q is set; %s%s", e.Index, trunc(e.ListCredential), asOf, messageText(res.Message))
	default:
		// message, refresh and custom purposes inform; they do not change
		// the lifecycle state.
		r.Checks = append(r.Checks, Check{ID: id, Status: Pass, Detail: fmt.Sprintf("status 0x%x%s; %s", res.Status, messageText(res.Message), asOf)})
	}
}

// tokenEntry checks a Token Status List reference: the Status List Token
// must be a statuslist+jwt signed by a key of the credential's issuer.
func (v *verifier) tokenEntry(ctx context.Context, r *Result, ref status.TokenRef) {
	id := CheckStatusList + ".token"
	raw, fetched, ok := v.fetchStatus(ctx, r, id, ref.URI)
	if !ok {
		return
	}
	c, err := jose.ParseCompact(string(raw))
	if err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list token %q: %v", trunc(ref.URI), err)
		return
	}
	list, err := status.ParseStatusListJWT(c)
	if err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list token %q: %v", trunc(ref.URI), err)
		return
	}
	if list.Issuer != "" && list.Issuer != r.Issuer {
		r.fail(id, CodeStatusUnverifiable, "status list token %q is issued by %q, not by the credential's issuer", trunc(ref.URI), trunc(list.Issuer))
		return
	}
	var keyChecks Result
	key, ok := v.issuerKey(ctx, &keyChecks, c.Header.Kid, r.Issuer, "assertionMethod")
	if !ok {
		f := keyChecks.Failed()
		r.fail(id, CodeStatusUnverifiable, "status list token %q: signer: %s", trunc(ref.URI), f.Detail)
		return
	}
	if err := c.Verify(key.pub, v.algs); err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list token %q: %v", trunc(ref.URI), err)
		return
	}
	if !list.ExpiresAt.IsZero() && !v.opts.Now.Before(list.ExpiresAt) {
		r.fail(id, CodeStatusUnverifiable, "status list token %q expired at %s", trunc(ref.URI), list.ExpiresAt.Format(time.RFC3339))
		return
	}
	st, err := status.LookupToken(ref, list)
	if err != nil {
		r.fail(id, CodeStatusUnverifiable, "status list token %q: %v", trunc(ref.URI), err)
		return
	}
	iat := list.IssuedAt
	asOf := asOfText(&iat, fetched)
	switch st {
	case status.TokenValid:
		r.Checks = append(r.Checks, Check{ID: id, Status: Pass, Detail: fmt.Sprintf("index %d is VALID; %s", ref.Idx, asOf)})
	case status.TokenInvalid:
		r.fail(id, CodeRevoked, "revoked: index %d of %q is INVALID; %s", ref.Idx, trunc(ref.URI), asOf)
	case status.TokenSuspended:
		r.fail(id, CodeSuspended, "suspended: index %d of %q is SUSPENDED; %s", ref.Idx, trunc(ref.URI), asOf)
	default:
		r.Checks = append(r.Checks, Check{ID: id, Status: Pass, Detail: fmt.Sprintf("index %d is %s (0x%02x); %s", ref.Idx, st, uint8(st), asOf)})
	}
}

// fetchStatus reads a status list through the fetcher and says when it
// was fetched if the fetcher knows (an offline bundle does).
func (v *verifier) fetchStatus(ctx context.Context, r *Result, id, url string) ([]byte, *time.Time, bool) {
	raw, err := v.opts.Fetcher.Fetch(ctx, url)
	switch {
	case err == nil:
	case isUnavailable(err):
		r.indeterminate(id, unavailableCode(err), "status list %q is not available: %v", trunc(url), err)
		return nil, nil, false
	default:
		r.fail(id, CodeStatusUnverifiable, "status list %q: %v", trunc(url), err)
		return nil, nil, false
	}
	var fetched *time.Time
	if ft, ok := v.opts.Fetcher.(fetch.Dated); ok {
		if t, ok := ft.FetchedAt(url); ok {
			fetched = &t
		}
	}
	return raw, fetched, true
}

// asOfText says how fresh a status list is: "status as of T", T being when
// it was fetched (offline bundles record it) or else when it was issued.
func asOfText(issued, fetched *time.Time) string {
	switch {
	case fetched != nil:
		return "status as of " + fetched.UTC().Format(time.RFC3339) + " (fetched)"
	case issued != nil:
		return "status as of " + issued.UTC().Format(time.RFC3339) + " (list issued)"
	}
	return "status list undated"
}

func messageText(m string) string {
	if m == "" {
		return ""
	}
	return fmt.Sprintf(" (%q)", trunc(m))
}

// failure summarises why a result is not active: its first failed check.
func failure(r Result) string {
	if c := r.Failed(); c != nil {
		return fmt.Sprintf("%s %s: %s", c.ID, c.Code, c.Detail)
	}
	return string(r.Status)
}
