package status_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status"
)

func TestParseTokenStatusList(t *testing.T) {
	const sl = `"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}`
	tests := []struct {
		name   string
		claims string
		expect status.Code
	}{
		{"ok", `{"sub":"https://example.com/statuslists/1","iat":1686920170,"exp":2291720170,"ttl":43200,` + sl + `}`, ""},
		{"ok with aggregation_uri and fractional iat", `{"sub":"https://example.com/statuslists/1","iat":1686920170.5,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ","aggregation_uri":"https://example.com/statuslists"}}`, ""},
		{"duplicate member", `{"sub":"https://example.com/a","sub":"https://example.com/b","iat":1,` + sl + `}`, status.CodeMalformed},
		{"trailing data", `{"sub":"https://example.com/a","iat":1,` + sl + `} {}`, status.CodeMalformed},
		{"not an object", `[]`, status.CodeMalformed},
		{"null", `null`, status.CodeMalformed},
		{"no sub", `{"iat":1,` + sl + `}`, status.CodeMalformed},
		{"sub not a URI", `{"sub":"lists-1","iat":1,` + sl + `}`, status.CodeMalformed},
		{"no iat", `{"sub":"https://example.com/a",` + sl + `}`, status.CodeMalformed},
		{"iat string", `{"sub":"https://example.com/a","iat":"1",` + sl + `}`, status.CodeMalformed},
		{"exp before iat", `{"sub":"https://example.com/a","iat":10,"exp":5,` + sl + `}`, status.CodeMalformed},
		{"ttl zero", `{"sub":"https://example.com/a","iat":1,"ttl":0,` + sl + `}`, status.CodeMalformed},
		{"ttl negative", `{"sub":"https://example.com/a","iat":1,"ttl":-5,` + sl + `}`, status.CodeMalformed},
		{"iss not a string", `{"sub":"https://example.com/a","iat":1,"iss":7,` + sl + `}`, status.CodeMalformed},
		{"no status_list", `{"sub":"https://example.com/a","iat":1}`, status.CodeMalformed},
		{"bits 3", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":3,"lst":"eNrbuRgAAhcBXQ"}}`, status.CodeMalformed},
		{"bits 16", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":16,"lst":"eNrbuRgAAhcBXQ"}}`, status.CodeMalformed},
		{"bits missing", `{"sub":"https://example.com/a","iat":1,"status_list":{"lst":"eNrbuRgAAhcBXQ"}}`, status.CodeMalformed},
		{"lst missing", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":1}}`, status.CodeMalformed},
		{"lst not base64url", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":1,"lst":"eNrb+RgA"}}`, status.CodeBadEncoding},
		{"lst gzip not zlib", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":1,"lst":"H4sIAAAAAAAA_2IAAAAA__8BAAD__w"}}`, status.CodeBadCompression},
		{"lst truncated", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhc"}}`, status.CodeBadCompression},
		{"aggregation_uri not a URI", `{"sub":"https://example.com/a","iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ","aggregation_uri":"x"}}`, status.CodeMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := status.ParseTokenStatusList([]byte(tt.claims))
			expectCode(t, "ParseTokenStatusList", err, tt.expect)
		})
	}
}

func TestParseStatusListJWTTyp(t *testing.T) {
	c := parseJWT(t, "token-status-list/status_list_jwt_raw.txt")
	for _, tt := range []struct {
		typ    string
		expect status.Code
	}{
		{"statuslist+jwt", ""},
		{"application/statuslist+jwt", ""},
		{"JWT", status.CodeBadMediaType},
		{"", status.CodeBadMediaType},
		{"statuslist+cwt", status.CodeBadMediaType},
	} {
		t.Run(tt.typ, func(t *testing.T) {
			cc := *c
			cc.Header.Typ = tt.typ
			_, err := status.ParseStatusListJWT(&cc)
			expectCode(t, "ParseStatusListJWT", err, tt.expect)
		})
	}
	detached := *c
	detached.Payload = nil
	_, err := status.ParseStatusListJWT(&detached)
	expectCode(t, "detached", err, status.CodeMalformed)
}

func TestParseReferencedStatus(t *testing.T) {
	tests := []struct {
		name   string
		claims string
		want   status.TokenRef
		expect status.Code
		noStat bool
	}{
		{name: "ok", claims: `{"status":{"status_list":{"idx":1234,"uri":"https://example.com/statuslists/1"}}}`, want: status.TokenRef{Idx: 1234, URI: "https://example.com/statuslists/1"}},
		{name: "no status", claims: `{"iss":"x"}`, noStat: true},
		{name: "status not an object", claims: `{"status":"revoked"}`, expect: status.CodeMalformed},
		{name: "other mechanism", claims: `{"status":{"identifiers":{}}}`, expect: status.CodeUnsupportedType},
		{name: "status_list not an object", claims: `{"status":{"status_list":[]}}`, expect: status.CodeMalformed},
		{name: "idx negative", claims: `{"status":{"status_list":{"idx":-1,"uri":"https://example.com/1"}}}`, expect: status.CodeMalformed},
		{name: "idx fractional", claims: `{"status":{"status_list":{"idx":1.5,"uri":"https://example.com/1"}}}`, expect: status.CodeMalformed},
		{name: "idx string", claims: `{"status":{"status_list":{"idx":"1","uri":"https://example.com/1"}}}`, expect: status.CodeMalformed},
		{name: "uri missing", claims: `{"status":{"status_list":{"idx":1}}}`, expect: status.CodeMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var claims map[string]any
			if err := json.Unmarshal([]byte(tt.claims), &claims); err != nil {
				t.Fatal(err)
			}
			got, err := status.ParseReferencedStatus(claims)
			if tt.noStat {
				if !errors.Is(err, status.ErrNoStatus) {
					t.Fatalf("err = %v, want ErrNoStatus", err)
				}
				return
			}
			if expectCode(t, "ParseReferencedStatus", err, tt.expect) && got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestLookupToken(t *testing.T) {
	lst, err := status.EncodeTokenList(2, []byte{0, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	payload := fmt.Sprintf(`{"sub":"https://example.com/sl","iat":1,"status_list":{"bits":2,"lst":%q}}`, lst)
	l, err := status.ParseTokenStatusList([]byte(payload))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ref    status.TokenRef
		want   status.TokenStatus
		name   string
		expect status.Code
	}{
		{ref: status.TokenRef{Idx: 0, URI: "https://example.com/sl"}, want: status.TokenValid, name: "VALID"},
		{ref: status.TokenRef{Idx: 1, URI: "https://example.com/sl"}, want: status.TokenInvalid, name: "INVALID"},
		{ref: status.TokenRef{Idx: 2, URI: "https://example.com/sl"}, want: status.TokenSuspended, name: "SUSPENDED"},
		{ref: status.TokenRef{Idx: 3, URI: "https://example.com/sl"}, want: 3, name: "APPLICATION_SPECIFIC"},
		{ref: status.TokenRef{Idx: 4, URI: "https://example.com/sl"}, expect: status.CodeOutOfRange},
		{ref: status.TokenRef{Idx: 1, URI: "https://example.com/other"}, expect: status.CodeURIMismatch},
	} {
		got, err := status.LookupToken(tt.ref, l)
		if expectCode(t, fmt.Sprint(tt.ref), err, tt.expect) {
			if got != tt.want || got.String() != tt.name {
				t.Errorf("%+v: %v (%d), want %s (%d)", tt.ref, got, got, tt.name, tt.want)
			}
		}
	}
	_, err = status.LookupToken(status.TokenRef{}, nil)
	expectCode(t, "nil list", err, status.CodeMalformed)
}

func TestTokenStatusString(t *testing.T) {
	want := map[status.TokenStatus]string{0: "VALID", 1: "INVALID", 2: "SUSPENDED", 3: "APPLICATION_SPECIFIC",
		4: "UNASSIGNED", 0x0B: "UNASSIGNED", 0x0C: "APPLICATION_SPECIFIC", 0x0F: "APPLICATION_SPECIFIC", 0x10: "UNASSIGNED", 0xff: "UNASSIGNED"}
	for s, w := range want {
		if s.String() != w {
			t.Errorf("%#x: %s, want %s", uint8(s), s, w)
		}
	}
}

// TestStatusListJWTBadSignature: the verifier's signature check, not this
// package, refuses a tampered token; ParseStatusListJWT would read it.
func TestStatusListJWTBadSignature(t *testing.T) {
	c := parseJWT(t, "token-status-list/status_list_jwt_raw.txt")
	key, err := jose.ParsePublicJWK(readFile(t, "token-status-list/status-issuer-key-kid12.public.jwk.json"))
	if err != nil {
		t.Fatal(err)
	}
	tampered, err := jose.ParseCompact(c.Token[:len(c.Token)-2] + "AA")
	if err != nil {
		t.Fatal(err)
	}
	if err := tampered.Verify(key, []string{"ES256"}); jose.CodeOf(err) != jose.CodeBadSignature {
		t.Fatalf("tampered token: %v", err)
	}
}
