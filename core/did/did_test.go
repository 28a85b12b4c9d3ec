package did_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gxwallet/gxwallet/core/did"
)

func TestParseURL(t *testing.T) {
	long := "did:key:z" + strings.Repeat("a", did.MaxDIDLength)
	for _, tc := range []struct {
		in   string
		want did.URL // zero when an error is expected
	}{
		{"did:web:example.com", did.URL{DID: did.DID{Method: "web", ID: "example.com"}}},
		{"did:web:example.com%3A8443:user:alice", did.URL{DID: did.DID{Method: "web", ID: "example.com%3A8443:user:alice"}}},
		{"did:key:z6Mk#z6Mk", did.URL{DID: did.DID{Method: "key", ID: "z6Mk"}, Fragment: "z6Mk"}},
		{"did:example:123/path/to?versionId=1#frag", did.URL{DID: did.DID{Method: "example", ID: "123"}, Path: "/path/to", Query: "versionId=1", Fragment: "frag"}},
		{"did:example:123?service=files&relativeRef=/a/b", did.URL{DID: did.DID{Method: "example", ID: "123"}, Query: "service=files&relativeRef=/a/b"}},
		{"did:example:123#key-1?x", did.URL{DID: did.DID{Method: "example", ID: "123"}, Fragment: "key-1?x"}},
		{"did:jwk:eyJrdHkiOiJFQyJ9#0", did.URL{DID: did.DID{Method: "jwk", ID: "eyJrdHkiOiJFQyJ9"}, Fragment: "0"}},
		{"did:ex:a:b:c", did.URL{DID: did.DID{Method: "ex", ID: "a:b:c"}}},
		{"did:ex:a%20b", did.URL{DID: did.DID{Method: "ex", ID: "a%20b"}}},
		// Errors.
		{"", did.URL{}},
		{"did:", did.URL{}},
		{"did:web", did.URL{}},
		{"did::abc", did.URL{}},
		{"did:Web:example.com", did.URL{}},
		{"did:we-b:example.com", did.URL{}},
		{"DID:web:example.com", did.URL{}},
		{"did:web:", did.URL{}},
		{"did:web:example.com:", did.URL{}},
		{"did:web:#frag", did.URL{}},
		{"did:web:exa mple.com", did.URL{}},
		{"did:web:example.com%3", did.URL{}},
		{"did:web:example.com%zz", did.URL{}},
		{"did:web:example.com/", did.URL{DID: did.DID{Method: "web", ID: "example.com"}, Path: "/"}},
		{"did:web:example.com#a b", did.URL{}},
		{"did:web:example.com#%", did.URL{}},
		{"did:web:example.com#", did.URL{}},
		{"did:web:example.com?", did.URL{}},
		{"did:web:example.com?#f", did.URL{}},
		{"did:web:example.com?q=\x00", did.URL{}},
		{"did:web:example.com/\u00e9", did.URL{}},
		{"did:web:ex\u00e4mple.com", did.URL{}},
		{long, did.URL{}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := did.ParseURL(tc.in)
			if tc.want == (did.URL{}) {
				if err == nil {
					t.Fatalf("ParseURL = %+v, want an error", got)
				}
				if did.ErrorCode(err) != did.CodeInvalidDID {
					t.Fatalf("error %v, want code %s", err, did.CodeInvalidDID)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseURL: %v", err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Fatalf("(-want +got):\n%s", diff)
			}
			if got.String() != tc.in {
				t.Errorf("String() = %q, want %q", got.String(), tc.in)
			}
		})
	}
}

func TestParse(t *testing.T) {
	d, err := did.Parse("did:web:example.com:user:alice")
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != "web" || d.ID != "example.com:user:alice" || d.String() != "did:web:example.com:user:alice" || d.IsZero() {
		t.Fatalf("Parse = %+v", d)
	}
	for _, bad := range []string{"did:web:example.com#key", "did:web:example.com/path", "did:web:example.com?q", "https://example.com"} {
		if _, err := did.Parse(bad); did.ErrorCode(err) != did.CodeInvalidDID {
			t.Errorf("Parse(%q) error %v, want %s", bad, err, did.CodeInvalidDID)
		}
	}
	if !(did.DID{}).IsZero() {
		t.Error("zero DID is not IsZero")
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := did.Parse("did:web:" + strings.Repeat("a", 300) + " ")
	msg := err.Error()
	if !strings.HasPrefix(msg, `did: invalidDid: "did:web:aaa`) || len(msg) > 250 {
		t.Fatalf("message %q: want a did: prefix, a quoted truncated input", msg)
	}
	if got := (&did.Error{Code: did.CodeNotFound}).Error(); got != "did: notFound" {
		t.Errorf("Error() = %q", got)
	}
	if did.ErrorCode(errors.New("x")) != "" {
		t.Error("ErrorCode of a foreign error is not empty")
	}
}

type fixed struct{ doc *did.Document }

func (f fixed) Resolve(context.Context, did.DID) (*did.Document, error) { return f.doc, nil }

func TestMethodsAndStatic(t *testing.T) {
	ctx := context.Background()
	web := &did.Document{ID: "did:web:example.com"}
	m := did.Methods{"web": fixed{web}}
	if got, err := m.Resolve(ctx, did.DID{Method: "web", ID: "example.com"}); err != nil || got != web {
		t.Fatalf("Methods.Resolve(web) = %v, %v", got, err)
	}
	if _, err := m.Resolve(ctx, did.DID{Method: "ion", ID: "x"}); did.ErrorCode(err) != did.CodeMethodNotSupported {
		t.Fatalf("Methods.Resolve(ion) error %v", err)
	}
	held := &did.Document{ID: "did:web:held.example"}
	s := did.Static{Docs: map[string]*did.Document{held.ID: held}}
	if got, err := s.Resolve(ctx, did.DID{Method: "web", ID: "held.example"}); err != nil || got != held {
		t.Fatalf("Static.Resolve(held) = %v, %v", got, err)
	}
	if _, err := s.Resolve(ctx, did.DID{Method: "web", ID: "other.example"}); did.ErrorCode(err) != did.CodeNotFound {
		t.Fatalf("Static.Resolve(other) error %v", err)
	}
	s.Next = m
	if got, err := s.Resolve(ctx, did.DID{Method: "web", ID: "example.com"}); err != nil || got != web {
		t.Fatalf("Static.Resolve via Next = %v, %v", got, err)
	}
}

func FuzzParseURL(f *testing.F) {
	for _, s := range seedURLs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := did.ParseURL(s)
		if err != nil {
			var de *did.Error
			if !errors.As(err, &de) || de.Code != did.CodeInvalidDID {
				t.Fatalf("error %v (%T) is not a *did.Error with code %s", err, err, did.CodeInvalidDID)
			}
			return
		}
		// Round trip: a parsed URL prints back to its input and parses
		// to the same value.
		if u.String() != s {
			t.Fatalf("String() = %q, want %q", u.String(), s)
		}
		again, err := did.ParseURL(u.String())
		if err != nil || again != u {
			t.Fatalf("reparse = %+v, %v; want %+v", again, err, u)
		}
		if _, err := did.Parse(u.DID.String()); err != nil {
			t.Fatalf("Parse(%q) of a parsed URL's DID: %v", u.DID, err)
		}
	})
}
