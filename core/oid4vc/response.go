package oid4vc

import (
	"encoding/json"
	"net/url"
	"strings"
)

// VPToken is the vp_token of a response to a DCQL query (OpenID4VP §8.1):
// each answered credential query id maps to its presentations, here the
// SD-JWT presentations (with KB-JWT) as strings.
type VPToken map[string][]string

// AuthorizationResponse is what a wallet POSTs to the response_uri
// (direct_post, §8.2): the vp_token and the request's state, or an error.
type AuthorizationResponse struct {
	VPToken VPToken
	State   string
	// Error is set when the wallet declined or failed (§8.5); VPToken is
	// then nil.
	Error *ErrorResponse
}

// Form returns the application/x-www-form-urlencoded body of the
// response: vp_token as JSON and state, or error, error_description and
// state.
func (r *AuthorizationResponse) Form() (url.Values, error) {
	f := url.Values{}
	if r.Error != nil {
		f.Set("error", string(r.Error.Error))
		if r.Error.ErrorDescription != "" {
			f.Set("error_description", r.Error.ErrorDescription)
		}
	} else {
		b, err := json.Marshal(r.VPToken)
		if err != nil {
			return nil, err
		}
		f.Set("vp_token", string(b))
	}
	if r.State != "" {
		f.Set("state", r.State)
	}
	return f, nil
}

// ParseAuthorizationResponse reads a direct_post body's parameters (§8.2):
// no parameter repeated; either error (with optional error_description) or
// a vp_token that is a JSON object mapping valid query ids to non-empty
// arrays of non-empty strings, at most MaxPresentations in all. Presentations
// of other shapes (objects, for JSON-LD formats) fail with CodeUnsupported.
// It does not compare anything with the request: see CheckResponse.
func ParseAuthorizationResponse(form url.Values) (*AuthorizationResponse, error) {
	r := &AuthorizationResponse{}
	var err error
	if r.State, err = single(form, "state", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if len(r.State) > MaxValueLength {
		return nil, errorf(CodeInvalidRequest, "state is longer than %d bytes", MaxValueLength)
	}
	code, err := single(form, "error", CodeInvalidRequest)
	if err != nil {
		return nil, err
	}
	if code != "" {
		desc, err := single(form, "error_description", CodeInvalidRequest)
		if err != nil {
			return nil, err
		}
		r.Error = &ErrorResponse{Error: Code(trunc(code)), ErrorDescription: trunc(desc), State: r.State}
		return r, nil
	}
	raw, err := single(form, "vp_token", CodeInvalidRequest)
	if err != nil {
		return nil, err
	}
	if raw == "" {
		return nil, errorf(CodeInvalidRequest, "neither vp_token nor error")
	}
	var tok map[string][]json.RawMessage
	if err := decode([]byte(raw), MaxResponseBytes, &tok, "vp_token", CodeInvalidRequest); err != nil {
		return nil, err
	}
	if len(tok) == 0 {
		return nil, errorf(CodeInvalidRequest, "vp_token is empty")
	}
	r.VPToken = VPToken{}
	n := 0
	for id, list := range tok {
		if !validID(id) {
			return nil, errorf(CodeInvalidRequest, "vp_token key %q is not a query id", trunc(id))
		}
		if len(list) == 0 {
			return nil, errorf(CodeInvalidRequest, "vp_token %q holds no presentation", id)
		}
		for _, p := range list {
			var s string
			if err := json.Unmarshal(p, &s); err != nil {
				if strings.HasPrefix(strings.TrimSpace(string(p)), "{") {
					return nil, errorf(CodeUnsupported, "vp_token %q: presentations as JSON objects are not supported", id)
				}
				return nil, errorf(CodeInvalidRequest, "vp_token %q: a presentation is not a string", id)
			}
			if s == "" {
				return nil, errorf(CodeInvalidRequest, "vp_token %q: an empty presentation", id)
			}
			r.VPToken[id] = append(r.VPToken[id], s)
			if n++; n > MaxPresentations {
				return nil, errorf(CodeInvalidRequest, "vp_token holds more than %d presentations", MaxPresentations)
			}
		}
	}
	return r, nil
}

// CheckResponse checks a response against the request it answers (§8.1,
// §8.6 "state", §6.4 with credential_sets): the state is the request's;
// every vp_token key is a query of the request; a query without multiple
// has one presentation; and the answered queries satisfy the query (every
// credential query, or for each required credential set one option). A
// wallet error is returned as an *Error with its code.
//
// It does not verify the presentations: the verifier runs core/verify on
// each with Nonce = req.Nonce and Audience = req.ClientID, and compares the
// verified credential's format and type with the query (the wallet may
// have answered with another credential).
func CheckResponse(req *AuthorizationRequest, resp *AuthorizationResponse) error {
	if req.State != "" && resp.State != req.State {
		return errorf(CodeInvalidRequest, "state %q is not the request's", trunc(resp.State))
	}
	if resp.Error != nil {
		return resp.Error.AsError()
	}
	if req.DCQLQuery == nil {
		return errorf(CodeInvalidRequest, "the request has no dcql_query")
	}
	queries := map[string]CredentialQuery{}
	for _, q := range req.DCQLQuery.Credentials {
		queries[q.ID] = q
	}
	for id, list := range resp.VPToken {
		q, ok := queries[id]
		if !ok {
			return errorf(CodeInvalidRequest, "vp_token answers %q, which the request did not ask", trunc(id))
		}
		if !q.Multiple && len(list) != 1 {
			return errorf(CodeInvalidRequest, "vp_token %q holds %d presentations; the query allows one", id, len(list))
		}
	}
	answered := func(id string) bool { return len(resp.VPToken[id]) > 0 }
	if len(req.DCQLQuery.CredentialSets) == 0 {
		for _, q := range req.DCQLQuery.Credentials {
			if !answered(q.ID) {
				return errorf(CodeInvalidRequest, "vp_token does not answer %q", q.ID)
			}
		}
		return nil
	}
	for i, set := range req.DCQLQuery.CredentialSets {
		if !set.required() {
			continue
		}
		met := false
		for _, opt := range set.Options {
			all := true
			for _, id := range opt {
				all = all && answered(id)
			}
			met = met || all
		}
		if !met {
			return errorf(CodeInvalidRequest, "vp_token satisfies no option of credential set %d", i)
		}
	}
	return nil
}
