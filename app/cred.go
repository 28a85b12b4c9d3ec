package app

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// credType returns a credential's most specific type for its card: the
// last entry of "type" other than VerifiableCredential, or an SD-JWT VC's
// vct. It reads the payload without verifying it (the card shows the
// verdict next to it); "" when there is none.
func credType(raw string) string {
	raw = strings.TrimSpace(raw)
	var doc map[string]any
	switch {
	case strings.HasPrefix(raw, "{"):
		_ = json.Unmarshal([]byte(raw), &doc)
	case strings.Contains(raw, "~"):
		if sd, err := parseSDJWT(raw); err == nil {
			doc, _ = sd.Claims()
		}
	default:
		parts := strings.Split(raw, ".")
		if len(parts) == 3 {
			if b, err := base64.RawURLEncoding.DecodeString(parts[1]); err == nil {
				_ = json.Unmarshal(b, &doc)
			}
		}
	}
	if doc == nil {
		return ""
	}
	if vc, ok := doc["vc"].(map[string]any); ok { // a VC-JWT of VCDM 1.1
		doc = vc
	}
	if vct, ok := doc["vct"].(string); ok {
		return vct
	}
	switch t := doc["type"].(type) {
	case string:
		return t
	case []any:
		for i := len(t) - 1; i >= 0; i-- {
			if s, ok := t[i].(string); ok && s != "VerifiableCredential" {
				return s
			}
		}
		return "VerifiableCredential"
	}
	return ""
}

// presentRequest is what a relying party asks for: its audience (client id
// or origin), a fresh nonce, and the claims it needs, as paths.
type presentRequest struct {
	Aud    string
	Nonce  string
	Claims [][]any
}

// maxRequestBytes bounds a pasted request.
const maxRequestBytes = 64 << 10

// parseRequest reads a request: {"aud": "…", "nonce": "…", "claims": [path,
// …]}, where a path is a claim name ("email") or an array of names and
// array indices (["credentialSubject", "roles", 0]). Unknown members are
// ignored; aud and nonce are required.
func parseRequest(text string) (presentRequest, error) {
	if len(text) > maxRequestBytes {
		return presentRequest{}, uiErr("err.req.tooLarge")
	}
	var raw struct {
		Aud    string            `json:"aud"`
		Nonce  string            `json:"nonce"`
		Claims []json.RawMessage `json:"claims"`
	}
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(&raw); err != nil {
		return presentRequest{}, uiErr("err.req.notJSON", err.Error())
	}
	req := presentRequest{Aud: strings.TrimSpace(raw.Aud), Nonce: strings.TrimSpace(raw.Nonce)}
	for _, c := range raw.Claims {
		p, err := parsePath(c)
		if err != nil {
			return presentRequest{}, err
		}
		req.Claims = append(req.Claims, p)
	}
	return req, req.check()
}

func (r presentRequest) check() error {
	switch {
	case r.Aud == "":
		return uiErr("err.req.noAud")
	case r.Nonce == "":
		return uiErr("err.req.noNonce")
	}
	return nil
}

// parsePath reads a claim path: a name, or an array of names and indices.
func parsePath(b json.RawMessage) ([]any, error) {
	var name string
	if json.Unmarshal(b, &name) == nil {
		if name == "" {
			return nil, uiErr("err.req.emptyClaim")
		}
		return []any{name}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var parts []any
	if err := dec.Decode(&parts); err != nil || len(parts) == 0 {
		return nil, uiErr("err.req.badPath", string(b))
	}
	for i, p := range parts {
		switch v := p.(type) {
		case string:
		case json.Number:
			n, err := strconv.Atoi(v.String())
			if err != nil || n < 0 {
				return nil, uiErr("err.req.badIndex", v.String())
			}
			parts[i] = n
		default:
			return nil, uiErr("err.req.badElem", fmt.Sprintf("%T", p))
		}
	}
	return parts, nil
}

// pathKey identifies a path for comparison (ints and names kept apart).
func pathKey(p []any) string {
	b, _ := json.Marshal(p)
	return string(b)
}

// pathLabel is a path for people: credentialSubject.roles[1].
func pathLabel(p []any) string {
	var sb strings.Builder
	for i, e := range p {
		switch v := e.(type) {
		case int:
			fmt.Fprintf(&sb, "[%d]", v)
		default:
			if i > 0 {
				sb.WriteByte('.')
			}
			fmt.Fprint(&sb, v)
		}
	}
	return sb.String()
}

// consentClaim is one claim on the consent screen.
type consentClaim struct {
	Path     []any
	Key      string // pathKey
	Label    string // pathLabel
	Value    string // short JSON of the value
	Required bool   // the request asks for it
}

// consent is what the consent screen offers for a credential and a request.
type consent struct {
	Claims []consentClaim
	// AlwaysShown are requested claims that are not selectively
	// disclosable: the verifier sees them in any presentation.
	AlwaysShown []string
	// Absent are requested claims this credential does not have.
	Absent []string
}

// consentFor lists the disclosable claims of an SD-JWT credential, marking
// those the request asks for.
func consentFor(raw string, requested [][]any) (consent, error) {
	sd, err := parseSDJWT(raw)
	if err != nil {
		return consent{}, err
	}
	claims, err := sd.Disclosable()
	if err != nil {
		return consent{}, err
	}
	want := map[string]bool{}
	for _, p := range requested {
		want[pathKey(p)] = true
	}
	var c consent
	seen := map[string]bool{}
	for _, cl := range claims {
		k := pathKey(cl.Path)
		seen[k] = true
		c.Claims = append(c.Claims, consentClaim{Path: cl.Path, Key: k, Label: pathLabel(cl.Path), Value: shortJSON(cl.Value), Required: want[k]})
	}
	doc, _ := sd.Claims()
	for _, p := range requested {
		if seen[pathKey(p)] {
			continue
		}
		if _, ok := lookup(doc, p); ok {
			c.AlwaysShown = append(c.AlwaysShown, pathLabel(p))
		} else {
			c.Absent = append(c.Absent, pathLabel(p))
		}
	}
	return c, nil
}

// lookup follows path p in a decoded JSON document.
func lookup(doc any, p []any) (any, bool) {
	cur := doc
	for _, e := range p {
		switch k := e.(type) {
		case string:
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[k]; !ok {
				return nil, false
			}
		case int:
			a, ok := cur.([]any)
			if !ok || k >= len(a) {
				return nil, false
			}
			cur = a[k]
		default:
			return nil, false
		}
	}
	return cur, true
}

// shortJSON renders a claim value in at most 120 characters.
func shortJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	s := string(b)
	if utf8.RuneCountInString(s) > 120 {
		r := []rune(s)
		s = string(r[:119]) + "…"
	}
	return s
}

// coveredBy returns, for each claim, whether a ticked claim above it
// (a proper prefix of its path) discloses it anyway: a presentation
// carries everything beneath a disclosed claim (sdjwt.SDJWT.Present), so
// the consent screen must not show such a claim as withheld.
func coveredBy(claims []consentClaim, ticked func(i int) bool) []bool {
	out := make([]bool, len(claims))
	for i, c := range claims {
		for j, p := range claims {
			if i != j && ticked(j) && isPrefix(p.Path, c.Path) {
				out[i] = true
				break
			}
		}
	}
	return out
}

// isPrefix reports whether p is a proper prefix of q.
func isPrefix(p, q []any) bool {
	if len(p) >= len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}
