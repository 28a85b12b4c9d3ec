package sdjwt

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// pyJSON encodes like Python's json.dumps with its defaults (", " and
// ": " separators, ensure_ascii), which sd-jwt-python uses for
// Disclosures. Object members are sorted: Python keeps insertion order,
// which a Go map has lost.
func pyJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := pyEncode(&b, v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func pyEncode(b *bytes.Buffer, v any) error {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case json.Number:
		b.WriteString(t.String())
	case float64:
		b.WriteString(strconv.FormatFloat(t, 'g', -1, 64))
	case string:
		pyString(b, t)
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteString(", ")
			}
			if err := pyEncode(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case []string:
		return pyEncode(b, toAny(t))
	case map[string]any:
		b.WriteByte('{')
		for i, k := range slices.Sorted(maps.Keys(t)) {
			if i > 0 {
				b.WriteString(", ")
			}
			pyString(b, k)
			b.WriteString(": ")
			if err := pyEncode(b, t[k]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("pyJSON: %T", v)
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

func pyString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r > 0x7e && r <= 0xffff):
			fmt.Fprintf(b, `\u%04x`, r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func pathKey(p []any) string { return fmt.Sprintf("%#v", p) }

// TestReissueVectors re-issues every generated vector's claims with the
// vector's salts and checks that the Disclosures and digests are the
// published ones (RFC 9901 examples are seeded, so these are the RFC's).
// A Disclosure whose value is an object differs when Python's member order
// is not sorted, or when it holds decoy digests we cannot reproduce; those
// are counted, and each must still decode to the same claim.
func TestReissueVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector) {
		if v.Issuance == "" || v.Expect != "" {
			t.Skip("no issuance to reproduce")
		}
		orig, err := Parse(v.Issuance)
		if err != nil {
			t.Fatal(err)
		}
		claims, err := orig.Claims()
		if err != nil {
			t.Fatal(err)
		}
		ds, err := orig.Disclosable()
		if err != nil {
			t.Fatal(err)
		}
		salts := map[string]string{}
		var paths [][]any
		for _, c := range ds {
			var arr []any
			b, _ := base64.RawURLEncoding.DecodeString(c.Disclosure)
			if err := json.Unmarshal(b, &arr); err != nil {
				t.Fatal(err)
			}
			salts[pathKey(c.Path)] = arr[0].(string)
			paths = append(paths, c.Path)
		}
		hooks := &testOnlyHooks{
			salt:              func(p []any) string { return salts[pathKey(p)] },
			marshalDisclosure: pyJSON,
		}
		out, err := issue(claims, Policy{Disclosable: paths, SdAlg: orig.sdAlgName(t)}, v.Issuer, "ES256", map[string]any{"typ": orig.JWT.Header.Typ}, nil, hooks)
		if err != nil {
			t.Fatal(err)
		}
		mine, err := Parse(out)
		if err != nil {
			t.Fatal(err)
		}
		mds, err := mine.Disclosable()
		if err != nil {
			t.Fatal(err)
		}
		byPath := map[string]Claim{}
		for _, c := range mds {
			byPath[pathKey(c.Path)] = c
		}
		mineDigests := map[string]bool{}
		for _, c := range mds {
			mineDigests[c.Digest] = true
		}
		exact := 0
		for _, c := range ds {
			m, ok := byPath[pathKey(c.Path)]
			if !ok {
				t.Errorf("no reissued disclosure at %s", pathString(c.Path))
				continue
			}
			if m.Disclosure == c.Disclosure && m.Digest == c.Digest {
				exact++
				continue
			}
			// Only the member order of an object can differ, or, for a
			// recursive Disclosure, a digest of such a child or a decoy.
			d := must(ParseDisclosure(c.Disclosure))
			if !hasMultiMemberObject(d.Value) && !holdsForeignDigest(d.Value, mineDigests) {
				t.Errorf("%s: reissued %s, want %s", pathString(c.Path), m.Disclosure, c.Disclosure)
			}
			if !reflect.DeepEqual(jsonRoundTrip(t, m.Value), jsonRoundTrip(t, c.Value)) {
				t.Errorf("%s: reissued value differs", pathString(c.Path))
			}
		}
		t.Logf("%s: %d of %d disclosures reproduced byte for byte", v.Name, exact, len(ds))
		// Every top-level digest we made is one of the published ones.
		top, _ := orig.Payload["_sd"].([]any)
		mtop, _ := mine.Payload["_sd"].([]any)
		for _, d := range mtop {
			if exact == len(ds) && !slices.Contains(top, d) {
				t.Errorf("digest %v is not in the published payload", d)
			}
		}
		if diff := jsonRoundTrip(t, claims); !reflect.DeepEqual(diff, jsonRoundTrip(t, must(mine.Claims()))) {
			t.Errorf("reissued claims differ")
		}
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// holdsForeignDigest reports whether v refers to a digest not in mine.
func holdsForeignDigest(v any, mine map[string]bool) bool {
	switch t := v.(type) {
	case map[string]any:
		if sd, ok := t["_sd"].([]any); ok {
			for _, d := range sd {
				if s, _ := d.(string); !mine[s] {
					return true
				}
			}
		}
		if d, ok := t["..."].(string); ok && len(t) == 1 && !mine[d] {
			return true
		}
		for _, e := range t {
			if holdsForeignDigest(e, mine) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if holdsForeignDigest(e, mine) {
				return true
			}
		}
	}
	return false
}

// hasMultiMemberObject reports whether v holds an object with two or more
// members, whose order Python keeps and Go does not.
func hasMultiMemberObject(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		if len(t) > 1 {
			return true
		}
		for _, e := range t {
			if hasMultiMemberObject(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if hasMultiMemberObject(e) {
				return true
			}
		}
	}
	return false
}

func (s *SDJWT) sdAlgName(t testing.TB) string {
	n, _, err := sdAlgOf(s.Payload)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReissueRFCSimple pins the RFC 9901 §5.1 given_name Disclosure.
func TestReissueRFCSimple(t *testing.T) {
	t.Parallel()
	m := loadManifest(t)
	iss := privateKey(t, m, "example-issuer")
	hooks := &testOnlyHooks{
		salt:              func([]any) string { return "2GLC42sKQveCfGfryNRN9w" },
		marshalDisclosure: pyJSON,
	}
	out, err := issue(map[string]any{"given_name": "John", "family_name": "Doe"}, Policy{Disclosable: [][]any{{"given_name"}}}, iss, "ES256", nil, nil, hooks)
	if err != nil {
		t.Fatal(err)
	}
	const (
		wantD  = "WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd"
		wantDg = "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4"
	)
	if !strings.Contains(out, "~"+wantD+"~") {
		t.Errorf("issued %s, want disclosure %s", out, wantD)
	}
	s := must(Parse(out))
	if sd := s.Payload["_sd"].([]any); len(sd) != 1 || sd[0] != wantDg {
		t.Errorf("_sd = %v, want [%s]", sd, wantDg)
	}
	r, err := s.Verify(context.Background(), Options{Now: time.Unix(1795322440, 0), IssuerKey: iss.Public()})
	if err != nil {
		t.Fatal(err)
	}
	if r.Claims["given_name"] != "John" || r.Claims["family_name"] != "Doe" || len(r.Disclosed) != 1 {
		t.Errorf("claims %v", r.Claims)
	}
}
