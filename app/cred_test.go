package app

import (
	"strings"
	"testing"
)

func TestParseRequest(t *testing.T) {
	req, err := parseRequest(`{"aud":" https://rp.example ","nonce":"n1","claims":["email",["credentialSubject","roles",1]],"extra":true}`)
	if err != nil {
		t.Fatal(err)
	}
	if req.Aud != "https://rp.example" || req.Nonce != "n1" || len(req.Claims) != 2 {
		t.Fatalf("%+v", req)
	}
	if got := pathKey(req.Claims[1]); got != `["credentialSubject","roles",1]` {
		t.Errorf("path %s", got)
	}
	if got := pathLabel(req.Claims[1]); got != "credentialSubject.roles[1]" {
		t.Errorf("label %s", got)
	}
	for name, in := range map[string]string{
		"no aud":       `{"nonce":"n"}`,
		"no nonce":     `{"aud":"a"}`,
		"not json":     `aud=a`,
		"bad index":    `{"aud":"a","nonce":"n","claims":[["x",-1]]}`,
		"object path":  `{"aud":"a","nonce":"n","claims":[{"x":1}]}`,
		"empty claim":  `{"aud":"a","nonce":"n","claims":[""]}`,
		"nested array": `{"aud":"a","nonce":"n","claims":[["x",["y"]]]}`,
	} {
		if _, err := parseRequest(in); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestConsentFor(t *testing.T) {
	iss := newTestIssuer(t)
	raw := iss.sdJWT(t, &newTestIssuer(t).key.PublicKey)
	cs, err := consentFor(raw, [][]any{{"email"}, {"vct"}, {"salary"}})
	if err != nil {
		t.Fatal(err)
	}
	var required []string
	for _, c := range cs.Claims {
		if c.Required {
			required = append(required, c.Label)
		}
	}
	if strings.Join(required, ",") != "email" {
		t.Errorf("required %v, want only email", required)
	}
	if strings.Join(cs.AlwaysShown, ",") != "vct" || strings.Join(cs.Absent, ",") != "salary" {
		t.Errorf("always %v absent %v", cs.AlwaysShown, cs.Absent)
	}
	if _, err := consentFor(iss.vcJWT(t), nil); err == nil {
		t.Errorf("consent for a vc+jwt")
	}
}

func TestCredType(t *testing.T) {
	iss := newTestIssuer(t)
	for _, tc := range []struct{ raw, want string }{
		{iss.vcJWT(t), "EmployeeBadge"},
		{iss.sdJWT(t, nil), "https://employer.example/employee"},
		{`{"type":["VerifiableCredential","gx:LegalPerson"]}`, "gx:LegalPerson"},
		{`{"type":"VerifiableCredential"}`, "VerifiableCredential"},
		{"garbage", ""},
		{"a.b.c", ""},
	} {
		if got := credType(tc.raw); got != tc.want {
			t.Errorf("credType(%.20s) = %q, want %q", tc.raw, got, tc.want)
		}
	}
}

func TestQRCodes(t *testing.T) {
	short, err := qrCodes("hello")
	if err != nil || len(short) != 1 || !strings.HasPrefix(short[0].SVG, "data:image/svg+xml;base64,") {
		t.Fatalf("short: %v %+v", err, short)
	}
	long := strings.Repeat("é~abc.", 500) // 3500 bytes, multi-byte runes
	codes, err := qrCodes(long)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 4 || codes[3].Part != 4 || codes[0].Of != 4 {
		t.Errorf("%d codes for %d bytes", len(codes), len(long))
	}
	if got := strings.Join(splitText(long, qrPartBytes), ""); got != long {
		t.Errorf("parts do not join back")
	}
	for _, p := range splitText(long, qrPartBytes) {
		if len(p) > qrPartBytes || !strings.HasPrefix(p, "é") && !strings.HasPrefix(p, "~") && !strings.HasPrefix(p, "a") &&
			!strings.HasPrefix(p, "b") && !strings.HasPrefix(p, "c") && !strings.HasPrefix(p, ".") {
			t.Errorf("part of %d bytes starts with %q", len(p), p[:2])
		}
	}
	if _, err := qrCodes(strings.Repeat("x", qrPartBytes*qrMaxParts+1)); err == nil {
		t.Errorf("a text needing more than %d codes was drawn", qrMaxParts)
	}
}

func TestClaimRows(t *testing.T) {
	rows := claimRows(map[string]any{"b": "x", "a": map[string]any{"c": 1.0, "d": []any{"p", "q"}}})
	var got []string
	for _, r := range rows {
		got = append(got, r.Path+"="+r.Value)
	}
	if strings.Join(got, " ") != `a.c=1 a.d=["p","q"] b=x` {
		t.Errorf("rows %v", got)
	}
}

func TestCredTitle(t *testing.T) {
	for in, want := range map[string]string{
		"https://employer.example/employee": "Employee",
		"https://employer.example/":         "Employer.example",
		"gx:NaturalPersonPartyCredential":   "NaturalPersonPartyCredential",
		"EmployeeBadge":                     "EmployeeBadge",
		"":                                  "Credential",
		"urn:example:thing":                 "Thing",
	} {
		if got := credTitle(in); got != want {
			t.Errorf("credTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCoveredBy(t *testing.T) {
	claims := []consentClaim{
		{Path: []any{"roles"}}, {Path: []any{"roles", 0}}, {Path: []any{"roles", 1}},
		{Path: []any{"address", "street"}}, {Path: []any{"address"}}, {Path: []any{"rolesX"}},
	}
	ticked := map[int]bool{0: true, 4: false}
	got := coveredBy(claims, func(i int) bool { return ticked[i] })
	want := []bool{false, true, true, false, false, false}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%v: covered %v, want %v", claims[i].Path, got[i], want[i])
		}
	}
	ticked[4] = true
	if got := coveredBy(claims, func(i int) bool { return ticked[i] }); !got[3] {
		t.Error("address.street is not covered by address")
	}
}
