package verify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/vc"
)

// ErrIndeterminate is returned (wrapped) by [Verify] when a check could not
// be evaluated because a resource it needs was unavailable: a DID
// document or status list that could not be fetched. The Result still
// lists what was checked; its indeterminate check names the resource.
var ErrIndeterminate = errors.New("verify: could not evaluate")

// Verify verifies one credential or presentation: a compact JWS secured
// credential or presentation (VC-JOSE-COSE §3.1: typ vc+jwt, vp+jwt, and
// the Gaia-X vc+ld+json+jwt), or the same enveloped in a JSON
// EnvelopedVerifiableCredential. It is the one place that reads the wall
// clock, when opts.Now is zero.
//
// Malformed input, a bad signature or a failed rule is reported in the
// Result (status invalid, a check with a code), never as an error and
// never as a panic. The error is non-nil only when the input could not be
// evaluated: ctx was cancelled, or a resource was unavailable
// ([ErrIndeterminate]); the Result then still says what was found.
//
// Verify does not check JSON-LD semantics (unknown terms, context
// integrity) of JWT-secured credentials: the signature covers the JSON
// bytes, and the data-model checks of VC DM 2.0 §4 are structural.
func Verify(ctx context.Context, input []byte, opts Options) (Result, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	v := newVerifier(opts)
	r := v.input(ctx, input, 0)
	if err := ctx.Err(); err != nil {
		return r, fmt.Errorf("verify: %w", err)
	}
	if c := firstIndeterminate(&r); c != nil {
		return r, fmt.Errorf("%w: %s: %s", ErrIndeterminate, c.ID, c.Detail)
	}
	return r, nil
}

func firstIndeterminate(r *Result) *Check {
	for i := range r.Checks {
		if r.Checks[i].Status == Indeterminate {
			return &r.Checks[i]
		}
	}
	for i := range r.Credentials {
		if c := firstIndeterminate(&r.Credentials[i]); c != nil {
			return c
		}
	}
	return nil
}

// maxNesting bounds envelopes inside presentations inside envelopes.
const maxNesting = 4

// input detects the format of raw and dispatches.
func (v *verifier) input(ctx context.Context, raw []byte, depth int) Result {
	var r Result
	max := v.opts.Policy.MaxBytes
	if max <= 0 || max > MaxInputBytes {
		max = MaxInputBytes
	}
	if len(raw) > max {
		r.fail(CheckInput, CodeTooLarge, "input of %d bytes exceeds the limit of %d", len(raw), max)
		return v.finish(r)
	}
	if depth > maxNesting {
		r.fail(CheckInput, CodeTooDeep, "envelopes nested more than %d deep", maxNesting)
		return v.finish(r)
	}
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '{':
		return v.jsonDoc(ctx, raw, depth)
	case bytes.Count(raw, []byte{'.'}) == 2 && !bytes.ContainsAny(raw, "~ \n{"):
		return v.jwt(ctx, string(raw), depth)
	case bytes.Contains(raw, []byte{'~'}) && !bytes.ContainsAny(raw, " \n{"):
		return v.sdJWT(ctx, string(raw), depth)
	default:
		r.fail(CheckFormat, CodeUnsupportedFormat, "input is neither a compact JWS nor a JSON document")
	}
	return v.finish(r)
}

// jsonDoc handles a JSON document: an enveloped credential or presentation
// is unwrapped; anything else is unsecured or carries an embedded proof.
func (v *verifier) jsonDoc(ctx context.Context, raw []byte, depth int) Result {
	var r Result
	doc, code, err := decodeObject(raw)
	if err != nil {
		r.fail(CheckFormat, code, "%v", err)
		return v.finish(r)
	}
	if url, ok := vc.IsEnveloped(doc); ok {
		return v.envelope(ctx, url, depth)
	}
	if _, ok := doc["payload"]; ok && (doc["signature"] != nil || doc["signatures"] != nil) {
		// The JSON serialization of an SD-JWT (RFC 9901 §8).
		return v.sdJWT(ctx, string(raw), depth)
	}
	isVP := hasType(doc, "VerifiablePresentation")
	if isVP {
		// A presentation without a proof still carries credentials that
		// vouch for themselves.
		if _, holds := doc["verifiableCredential"]; holds || doc["proof"] != nil {
			return v.ldPresentation(ctx, doc, depth)
		}
	} else if _, ok := doc["proof"]; ok {
		return v.ldCredential(ctx, doc, depth)
	}
	r.fail(CheckFormat, CodeUnsecured, "the document has no proof and no envelope: nothing vouches for it")
	return v.finish(r)
}

// envelope verifies the credential inside an enveloped data: URL.
func (v *verifier) envelope(ctx context.Context, url string, depth int) Result {
	d, err := vc.ParseDataURL(url)
	if err != nil {
		var r Result
		r.fail(CheckFormat, CodeBadEnvelope, "%v", err)
		return v.finish(r)
	}
	switch normMediaType(d.MediaType) {
	case "vc+jwt", "vc+ld+json+jwt", "vc-ld+jwt", "vp+jwt", "vp+ld+json+jwt", "vp-ld+jwt", "jwt",
		"vc+sd-jwt", "dc+sd-jwt", "vp+sd-jwt", "sd-jwt":
		return v.input(ctx, d.Data, depth+1)
	default:
		var r Result
		r.fail(CheckFormat, CodeUnsupportedFormat, "enveloped media type %q is not supported", trunc(d.MediaType))
		return v.finish(r)
	}
}

// decodeObject decodes a JSON object strictly: duplicate member names,
// excessive depth and trailing data are refused.
func decodeObject(raw []byte) (map[string]any, Code, error) {
	if err := strictjson.Check(raw, MaxJSONDepth); err != nil {
		switch {
		case errors.Is(err, strictjson.ErrDuplicateKey):
			return nil, CodeDuplicateKey, fmt.Errorf("json: %w", err)
		case errors.Is(err, strictjson.ErrTooDeep):
			return nil, CodeTooDeep, fmt.Errorf("json: %w", err)
		}
		return nil, CodeMalformed, fmt.Errorf("json: %w", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil || doc == nil {
		return nil, CodeMalformed, errors.New("json: not an object")
	}
	return doc, "", nil
}

// normMediaType lowercases a typ/cty/media type and strips "application/".
func normMediaType(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimPrefix(s, "application/")
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func hasType(doc map[string]any, t string) bool {
	switch x := firstOf(doc, "type", "@type").(type) {
	case string:
		return x == t
	case []any:
		return containsString(x, t)
	}
	return false
}
