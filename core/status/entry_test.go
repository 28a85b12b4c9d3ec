package status_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gxwallet/gxwallet/core/status"
)

// entryJSON decodes one entry written as JSON, the way the verifier gets
// it (encoding/json numbers are float64).
func entryJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return m
}

const (
	listURL  = `"statusListCredential":"https://example.com/status/1"`
	messages = `"statusMessage":[{"status":"0x0","message":"valid"},{"status":"0x1","message":"pending"},{"status":"0x2","message":"rejected"},{"status":"0x3","message":"undefined"}]`
)

func TestParseEntries(t *testing.T) {
	tests := []struct {
		name   string
		entry  string
		want   status.Entry // Raw is ignored
		expect status.Code
	}{
		{
			name:  "bitstring",
			entry: `{"id":"https://example.com/s#1","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"94567",` + listURL + `}`,
			want:  status.Entry{Kind: status.KindBitstring, Type: "BitstringStatusListEntry", ID: "https://example.com/s#1", Purpose: "revocation", Index: 94567, ListCredential: "https://example.com/status/1", Size: 1},
		},
		{
			name:  "statusSize 2 with statusMessage and statusReference",
			entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"7","statusSize":2,` + messages + `,"statusReference":"https://example.org/status-dictionary/",` + listURL + `}`,
			want: status.Entry{Kind: status.KindBitstring, Type: "BitstringStatusListEntry", Purpose: "message", Index: 7, ListCredential: "https://example.com/status/1", Size: 2,
				Messages:   []status.Message{{0, "valid"}, {1, "pending"}, {2, "rejected"}, {3, "undefined"}},
				References: []string{"https://example.org/status-dictionary/"}},
		},
		{
			name:  "statusList2021",
			entry: `{"type":"StatusList2021Entry","statusPurpose":"suspension","statusListIndex":"0",` + listURL + `}`,
			want:  status.Entry{Kind: status.KindStatusList2021, Type: "StatusList2021Entry", Purpose: "suspension", Index: 0, ListCredential: "https://example.com/status/1", Size: 1},
		},
		{
			name:  "type array and custom purpose",
			entry: `{"type":["Other","BitstringStatusListEntry"],"statusPurpose":"x-audit","statusListIndex":"18446744073709551615",` + listURL + `}`,
			want:  status.Entry{Kind: status.KindBitstring, Type: "BitstringStatusListEntry", Purpose: "x-audit", Index: 1<<64 - 1, ListCredential: "https://example.com/status/1", Size: 1},
		},
		{
			name:  "numeric index accepted and flagged",
			entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":42,` + listURL + `}`,
			want:  status.Entry{Kind: status.KindBitstring, Type: "BitstringStatusListEntry", Purpose: "revocation", Index: 42, IndexNotString: true, ListCredential: "https://example.com/status/1", Size: 1},
		},
		{
			name:  "unknown type reported",
			entry: `{"id":"https://example.com/r#1","type":"RevocationList2020Status","revocationListIndex":"1"}`,
			want:  status.Entry{Kind: status.KindUnknown, Type: "RevocationList2020Status", ID: "https://example.com/r#1", Size: 1},
		},
		{name: "index with sign", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"+1",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index negative", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index hex", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"0x10",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index empty", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index overflows uint64", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"18446744073709551616",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index too many digits", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"000000000000000000001",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index fractional number", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":1.5,` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index negative number", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":-3,` + listURL + `}`, expect: status.CodeMalformed},
		{name: "index missing", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "purpose missing", entry: `{"type":"BitstringStatusListEntry","statusListIndex":"1",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "purpose array", entry: `{"type":"BitstringStatusListEntry","statusPurpose":["revocation"],"statusListIndex":"1",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "list URL missing", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1"}`, expect: status.CodeMalformed},
		{name: "list URL relative", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusListCredential":"/status/1"}`, expect: status.CodeMalformed},
		{name: "statusSize 0", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusSize":0,` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusSize string", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusSize":"2",` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusSize over limit", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusSize":9,` + listURL + `}`, expect: status.CodeTooLarge},
		{name: "statusSize 2 without statusMessage", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusSize":2,` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusMessage wrong length", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusSize":2,"statusMessage":[{"status":"0x0","message":"a"},{"status":"0x1","message":"b"}],` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusMessage value too wide", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusMessage":[{"status":"0x0","message":"a"},{"status":"0x2","message":"b"}],` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusMessage repeated", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusMessage":[{"status":"0x1","message":"a"},{"status":"0x1","message":"b"}],` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusMessage not hex", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"1","statusMessage":[{"status":"0","message":"a"},{"status":"1","message":"b"}],` + listURL + `}`, expect: status.CodeMalformed},
		{name: "statusReference not URL", entry: `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1","statusReference":["x"],` + listURL + `}`, expect: status.CodeMalformed},
		{name: "id not URL", entry: `{"id":"nope","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"1",` + listURL + `}`, expect: status.CodeMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := status.ParseEntries([]map[string]any{entryJSON(t, tt.entry)})
			if !expectCode(t, "ParseEntries", err, tt.expect) {
				return
			}
			if diff := cmp.Diff([]status.Entry{tt.want}, got, cmpopts.IgnoreFields(status.Entry{}, "Raw")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseEntriesTooMany(t *testing.T) {
	var many []map[string]any
	for i := 0; i <= status.MaxEntriesPerCredential; i++ {
		many = append(many, entryJSON(t, fmt.Sprintf(`{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"%d",%s}`, i, listURL)))
	}
	_, err := status.ParseEntries(many)
	expectCode(t, "ParseEntries", err, status.CodeTooLarge)
}

// listCredential returns a BitstringStatusListCredential document around
// encodedList.
func listCredential(t *testing.T, purpose any, encodedList string) map[string]any {
	t.Helper()
	doc := map[string]any{
		"@context":  []any{"https://www.w3.org/ns/credentials/v2"},
		"id":        "https://example.com/status/1",
		"type":      []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":    "did:example:12345",
		"validFrom": "2025-01-01T00:00:00Z",
		"credentialSubject": map[string]any{
			"id": "https://example.com/status/1#list", "type": "BitstringStatusList",
			"statusPurpose": purpose, "encodedList": encodedList, "ttl": float64(300000),
		},
	}
	return doc
}

// TestLookup covers the §3.2 checks on a credential with several
// entries: statusSize 2 with messages, a set revocation bit, a purpose
// the list does not carry, an index out of range, a short list.
func TestLookup(t *testing.T) {
	const n = status.DefaultMinEntries
	rev, err := status.NewBitstring(n, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []uint64{3, 94567, n - 1} {
		if err := rev.Set(i, 1); err != nil {
			t.Fatal(err)
		}
	}
	msg, err := status.NewBitstring(n, 2)
	if err != nil {
		t.Fatal(err)
	}
	if err := msg.Set(7, 2); err != nil {
		t.Fatal(err)
	}
	short, _ := status.NewBitstring(n-8, 1)

	parseList := func(purpose any, b *status.Bitstring) *status.BitstringList {
		enc, err := b.Encode()
		if err != nil {
			t.Fatal(err)
		}
		l, err := status.ParseListCredential(listCredential(t, purpose, enc))
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	revList := parseList([]any{"revocation", "suspension"}, rev)
	msgList := parseList("message", msg)
	shortList := parseList("revocation", short)
	if revList.TTL.Milliseconds() != 300000 {
		t.Errorf("ttl = %v", revList.TTL)
	}

	entries, err := status.ParseEntries([]map[string]any{
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"94567",`+listURL+`}`),
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"suspension","statusListIndex":"94568",`+listURL+`}`),
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"7","statusSize":2,`+messages+`,`+listURL+`}`),
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"refresh","statusListIndex":"1",`+listURL+`}`),
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"131072",`+listURL+`}`),
		entryJSON(t, `{"type":"SomethingElse"}`),
		entryJSON(t, `{"type":"BitstringStatusListEntry","statusPurpose":"message","statusListIndex":"8","statusSize":2,`+messages+`,`+listURL+`}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		entry  int
		list   *status.BitstringList
		opts   status.Options
		want   status.Result
		expect status.Code
	}{
		{name: "revoked", entry: 0, list: revList, want: status.Result{Purpose: "revocation", Status: 1}},
		{name: "not suspended", entry: 1, list: revList, want: status.Result{Purpose: "suspension", Status: 0, Valid: true}},
		{name: "message of a 2-bit status", entry: 2, list: msgList, want: status.Result{Purpose: "message", Status: 2, Message: "rejected"}},
		{name: "message of a zero 2-bit status", entry: 6, list: msgList, want: status.Result{Purpose: "message", Status: 0, Valid: true, Message: "valid"}},
		{name: "purpose not in list", entry: 3, list: revList, expect: status.CodePurposeMismatch},
		{name: "message entry on a revocation list", entry: 2, list: revList, expect: status.CodePurposeMismatch},
		{name: "index out of range", entry: 4, list: revList, expect: status.CodeOutOfRange},
		{name: "list too short", entry: 0, list: shortList, expect: status.CodeListTooShort},
		{name: "list short but caller lowered the bound", entry: 0, list: shortList, opts: status.Options{MinEntries: 1024}, want: status.Result{Purpose: "revocation", Valid: true}},
		{name: "2-bit list too short for 1-bit minimum", entry: 2, list: msgList, opts: status.Options{MinEntries: n + 1}, expect: status.CodeListTooShort},
		{name: "unknown entry type", entry: 5, list: revList, expect: status.CodeUnsupportedType},
		{name: "no list", entry: 0, list: nil, expect: status.CodeMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := status.LookupWith(entries[tt.entry], tt.list, tt.opts)
			if !expectCode(t, "Lookup", err, tt.expect) {
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseListCredential(t *testing.T) {
	enc, err := status.EncodeBitstring(make([]byte, 16384))
	if err != nil {
		t.Fatal(err)
	}
	mutate := func(f func(doc, sub map[string]any)) map[string]any {
		doc := listCredential(t, "revocation", enc)
		f(doc, doc["credentialSubject"].(map[string]any))
		return doc
	}
	tests := []struct {
		name   string
		doc    map[string]any
		expect status.Code
	}{
		{"ok", mutate(func(doc, sub map[string]any) {}), ""},
		{"statusList2021", mutate(func(doc, sub map[string]any) {
			doc["type"] = []any{"VerifiableCredential", "StatusList2021Credential"}
			sub["type"] = "StatusList2021"
			sub["encodedList"] = enc[1:]
		}), ""},
		{"issued as xsd:date", mutate(func(doc, sub map[string]any) { delete(doc, "validFrom"); doc["issued"] = "2021-04-05" }), ""},
		{"issued garbage", mutate(func(doc, sub map[string]any) { delete(doc, "validFrom"); doc["issued"] = "yesterday" }), status.CodeMalformed},
		{"not a list type", mutate(func(doc, sub map[string]any) { doc["type"] = []any{"VerifiableCredential"} }), status.CodeMalformed},
		{"subject type mismatch", mutate(func(doc, sub map[string]any) { sub["type"] = "StatusList2021" }), status.CodeMalformed},
		{"no encodedList", mutate(func(doc, sub map[string]any) { delete(sub, "encodedList") }), status.CodeMalformed},
		{"no purpose", mutate(func(doc, sub map[string]any) { delete(sub, "statusPurpose") }), status.CodeMalformed},
		{"empty purpose array", mutate(func(doc, sub map[string]any) { sub["statusPurpose"] = []any{} }), status.CodeMalformed},
		{"ttl negative", mutate(func(doc, sub map[string]any) { sub["ttl"] = float64(-1) }), status.CodeMalformed},
		{"ttl string", mutate(func(doc, sub map[string]any) { sub["ttl"] = "300" }), status.CodeMalformed},
		{"two subjects", mutate(func(doc, sub map[string]any) { doc["credentialSubject"] = []any{sub, sub} }), status.CodeMalformed},
		{"bad data model", mutate(func(doc, sub map[string]any) { delete(doc, "issuer") }), status.CodeMalformed},
		{"bad encodedList", mutate(func(doc, sub map[string]any) { sub["encodedList"] = "u!!" }), status.CodeBadEncoding},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := status.ParseListCredential(tt.doc)
			expectCode(t, "ParseListCredential", err, tt.expect)
		})
	}
}
