package status_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status"
	"github.com/gxwallet/gxwallet/core/vc"
)

// TestVectors runs every vector of testdata/manifest.json.
func TestVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector) {
		switch v.Kind {
		case "bsl-encoded":
			runEncoded(t, v)
		case "bsl-list-credential":
			runListCredential(t, v)
		case "bsl-entries":
			runEntries(t, v)
		case "tsl-list":
			runTokenList(t, v)
		case "tsl-jwt":
			runTokenJWT(t, v)
		case "tsl-referenced":
			runReferenced(t, v)
		default:
			t.Fatalf("no runner for kind %q", v.Kind)
		}
	})
}

// expectCode compares err with the expected code ("" = no error).
func expectCode(t *testing.T, what string, err error, want status.Code) bool {
	t.Helper()
	got := status.CodeOf(err)
	if err != nil && got == "" {
		t.Errorf("%s: error without a code: %v", what, err)
		return false
	}
	if got != want {
		t.Errorf("%s: code %q (%v), want %q", what, got, err, want)
		return false
	}
	return err == nil
}

func readJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(readFile(t, name), &doc); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return doc
}

func runBSLLookups(t *testing.T, l *status.BitstringList, lookups []lookup) {
	t.Helper()
	for _, lk := range lookups {
		size := lk.Size
		if size == 0 {
			size = 1
		}
		e := status.Entry{Kind: status.KindBitstring, Purpose: "revocation", Index: lk.Index, Size: size}
		if l.Purposes != nil {
			e.Purpose = l.Purposes[0]
		}
		res, err := status.LookupWith(e, l, status.Options{MinEntries: lk.MinEntries})
		if expectCode(t, "lookup "+itoa(lk.Index), err, lk.Expect) && res.Status != lk.Status {
			t.Errorf("index %d: status %d, want %d", lk.Index, res.Status, lk.Status)
		}
	}
}

func runEncoded(t *testing.T, v vector) {
	l, err := status.DecodeEncodedList(v.encodedList)
	if !expectCode(t, "decode", err, v.Expect) {
		return
	}
	if l.Len() != v.EntriesCount {
		t.Errorf("Len = %d, want %d", l.Len(), v.EntriesCount)
	}
	if l.MissingPrefix != v.MissingPrefix {
		t.Errorf("MissingPrefix = %v, want %v", l.MissingPrefix, v.MissingPrefix)
	}
	// Every set bit, read MSB-first, is exactly set_indices; this is
	// what catches an LSB-first reader on the digitalbazaar mock list.
	var set []uint64
	for i := uint64(0); i < l.Len(); i++ {
		s, err := l.Status(i, 1)
		if err != nil {
			t.Fatal(err)
		}
		if s != 0 {
			set = append(set, i)
		}
	}
	if diff := cmp.Diff(v.setIndices, set, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("set indices (-want +got):\n%s", diff)
	}
	runBSLLookups(t, l, v.Lookups)
}

func runListCredential(t *testing.T, v vector) {
	doc := readJSON(t, v.File)
	l, err := status.ParseListCredential(doc)
	if !expectCode(t, "parse", err, v.Expect) {
		return
	}
	if diff := cmp.Diff(v.Purposes, l.Purposes); diff != "" {
		t.Errorf("purposes (-want +got):\n%s", diff)
	}
	if l.Len() != v.EntriesCount {
		t.Errorf("Len = %d, want %d", l.Len(), v.EntriesCount)
	}
	if l.MissingPrefix != v.MissingPrefix || l.IssuedOnly != v.IssuedOnly {
		t.Errorf("MissingPrefix, IssuedOnly = %v, %v; want %v, %v", l.MissingPrefix, l.IssuedOnly, v.MissingPrefix, v.IssuedOnly)
	}
	if l.ValidFrom == nil {
		t.Error("ValidFrom is nil")
	}
	if l.Credential == nil || l.Credential.Issuer == "" {
		t.Error("no issuer")
	}
	runBSLLookups(t, l, v.Lookups)
}

func runEntries(t *testing.T, v vector) {
	c, err := vc.ParseCredential(readJSON(t, v.File))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := status.ParseEntries(c.Status)
	if !expectCode(t, "entries", err, v.Expect) {
		return
	}
	var got []wantEntry
	for _, e := range entries {
		if e.Kind != status.KindBitstring || e.IndexNotString {
			t.Errorf("entry %+v: want a BSL entry with a string index", e)
		}
		w := wantEntry{Type: e.Type, Purpose: e.Purpose, Index: e.Index, List: e.ListCredential}
		if e.Size != 1 {
			w.Size = e.Size
		}
		got = append(got, w)
	}
	if diff := cmp.Diff(v.Entries, got); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if v.List == "" {
		return
	}
	l, err := status.ParseListCredential(readJSON(t, v.List))
	if err != nil {
		t.Fatal(err)
	}
	for _, lk := range v.Lookups {
		res, err := status.Lookup(entries[lk.Entry], l)
		if expectCode(t, "lookup entry "+itoa(uint64(lk.Entry)), err, lk.Expect) && res.Status != lk.Status {
			t.Errorf("entry %d: status %d, want %d", lk.Entry, res.Status, lk.Status)
		}
	}
}

func runTokenList(t *testing.T, v vector) {
	l, err := status.DecodeTokenList(v.Bits, v.lst)
	if !expectCode(t, "decode", err, v.Expect) {
		return
	}
	raw := status.TokenBytes(l)
	if v.hexBytes != "" && hex.EncodeToString(raw) != v.hexBytes {
		t.Errorf("bytes %x, want %s", raw, v.hexBytes)
	}
	if v.sha256 != "" {
		if h := sha256.Sum256(raw); hex.EncodeToString(h[:]) != v.sha256 {
			t.Errorf("sha256 %x, want %s", h, v.sha256)
		}
	}
	if l.Len() != v.EntriesCount {
		t.Errorf("Len = %d, want %d", l.Len(), v.EntriesCount)
	}
	for i := uint64(0); i < l.Len(); i++ {
		s, err := l.Status(i)
		if err != nil {
			t.Fatal(err)
		}
		if uint64(s) != v.nonzero[i] {
			t.Fatalf("index %d: %d, want %d", i, s, v.nonzero[i])
		}
	}
	for _, lk := range v.Lookups {
		_, err := l.Status(lk.Index)
		expectCode(t, "status "+itoa(lk.Index), err, lk.Expect)
	}
}

func parseJWT(t testing.TB, file string) *jose.Compact {
	t.Helper()
	c, err := jose.ParseCompact(strings.TrimSpace(string(readFile(t, file))))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return c
}

func runTokenJWT(t *testing.T, v vector) {
	c := parseJWT(t, v.File)
	key, err := jose.ParsePublicJWK(readFile(t, v.Key))
	if err != nil {
		t.Fatal(err)
	}
	// The verifier's part: the signature, with an explicit allowlist.
	if err := c.Verify(key, []string{"ES256"}); err != nil {
		t.Fatalf("signature: %v", err)
	}
	l, err := status.ParseStatusListJWT(c)
	if !expectCode(t, "parse", err, v.Expect) {
		return
	}
	want := struct {
		Sub      string
		Iat, Exp time.Time
		TTL      time.Duration
		Bits     int
		Len      uint64
	}{v.Sub, time.Unix(v.Iat, 0).UTC(), time.Unix(v.Exp, 0).UTC(), time.Duration(v.TTL) * time.Second, v.Bits, v.EntriesCount}
	got := want
	got.Sub, got.Iat, got.Exp, got.TTL, got.Bits, got.Len = l.Subject, l.IssuedAt, l.ExpiresAt, l.TTL, l.Bits, l.Len()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
	for _, lk := range v.Lookups {
		s, err := status.LookupToken(status.TokenRef{Idx: lk.Index, URI: v.Sub}, l)
		if expectCode(t, "idx "+itoa(lk.Index), err, lk.Expect) && uint64(s) != lk.Status {
			t.Errorf("idx %d: %v, want %d", lk.Index, s, lk.Status)
		}
	}
}

func runReferenced(t *testing.T, v vector) {
	// The issuer-signed JWT is the part before the first "~".
	sd := strings.TrimSpace(string(readFile(t, v.File)))
	jwt, _, _ := strings.Cut(sd, "~")
	c, err := jose.ParseCompact(jwt)
	if err != nil {
		t.Fatal(err)
	}
	var claims map[string]any
	if err := json.Unmarshal(c.Payload, &claims); err != nil {
		t.Fatal(err)
	}
	ref, err := status.ParseReferencedStatus(claims)
	if !expectCode(t, "ref", err, v.Expect) {
		return
	}
	if diff := cmp.Diff(*v.Ref, ref); diff != "" {
		t.Errorf("ref (-want +got):\n%s", diff)
	}
	l, err := status.ParseStatusListJWT(parseJWT(t, v.List))
	if err != nil {
		t.Fatal(err)
	}
	for _, lk := range v.Lookups {
		s, err := status.LookupToken(ref, l)
		if expectCode(t, "lookup", err, lk.Expect) && uint64(s) != lk.Status {
			t.Errorf("status %v, want %d", s, lk.Status)
		}
	}
}

func itoa(n uint64) string {
	b, _ := json.Marshal(n)
	return string(b)
}
