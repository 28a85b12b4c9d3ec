package status_test

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"testing"

	"github.com/gxwallet/gxwallet/core/status"
)

//go:embed testdata
var testdata embed.FS

// vector is one entry of testdata/manifest.json, or one vector expanded
// from an upstream file (encoded-lists.json, status-list-encodings.json).
// Expect is the outcome of parsing as one of our codes ("" = success);
// each lookup carries its own.
type vector struct {
	Name          string           `json:"name"`
	Kind          string           `json:"kind"`
	File          string           `json:"file"`
	List          string           `json:"list,omitempty"`
	Key           string           `json:"key,omitempty"`
	Expect        status.Code      `json:"expect,omitempty"`
	Purposes      []string         `json:"purposes,omitempty"`
	EntriesCount  uint64           `json:"entries_count,omitempty"`
	MissingPrefix bool             `json:"missing_prefix,omitempty"`
	IssuedOnly    bool             `json:"issued_only,omitempty"`
	Entries       []wantEntry      `json:"entries,omitempty"`
	Sub           string           `json:"sub,omitempty"`
	Iat           int64            `json:"iat,omitempty"`
	Exp           int64            `json:"exp,omitempty"`
	TTL           int64            `json:"ttl,omitempty"`
	Bits          int              `json:"bits,omitempty"`
	Ref           *status.TokenRef `json:"ref,omitempty"`
	Lookups       []lookup         `json:"lookups,omitempty"`

	// Set when expanding upstream files.
	encodedList string   // bsl-encoded
	setIndices  []uint64 // bsl-encoded: every index whose bit is 1 (nil: not checked)
	lst         string   // tsl-list
	nonzero     map[uint64]uint64
	hexBytes    string // tsl-list: expected uncompressed bytes
	sha256      string // tsl-list: expected sha256 of uncompressed bytes
}

// wantEntry is the expected parse of one credentialStatus entry.
type wantEntry struct {
	Type    string `json:"type"`
	Purpose string `json:"purpose"`
	Index   uint64 `json:"index"`
	List    string `json:"list"`
	Size    int    `json:"size,omitempty"`
}

// lookup is one status read and its expected outcome.
type lookup struct {
	Entry  int         `json:"entry,omitempty"`
	Index  uint64      `json:"index,omitempty"`
	Size   int         `json:"size,omitempty"`
	Status uint64      `json:"status,omitempty"`
	Expect status.Code `json:"expect,omitempty"`
	// MinEntries overrides the default minimum (0: default).
	MinEntries uint64 `json:"min_entries,omitempty"`
}

// specCodes maps the BSL error names used by upstream expectations to our
// codes (the table in the package documentation).
var specCodes = map[string]status.Code{
	"STATUS_LIST_LENGTH_ERROR":  status.CodeListTooShort,
	"RANGE_ERROR":               status.CodeOutOfRange,
	"STATUS_VERIFICATION_ERROR": status.CodePurposeMismatch,
	"MALFORMED_VALUE_ERROR":     status.CodeMalformed,
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := testdata.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// decodeStrict decodes b into v and fails on an unknown member.
func decodeStrict(t testing.TB, name string, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// loadVectors reads the manifest and expands the upstream vector files.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	var manifest []vector
	decodeStrict(t, "manifest.json", readFile(t, "manifest.json"), &manifest)
	var out []vector
	for _, v := range manifest {
		switch v.Kind {
		case "bsl-encoded-lists":
			out = append(out, expandEncodedLists(t, v.File)...)
		case "tsl-encodings":
			out = append(out, expandTokenEncodings(t, v.File)...)
		case "bsl-list-credential", "bsl-entries", "tsl-jwt", "tsl-referenced":
			out = append(out, v)
		default:
			t.Fatalf("manifest: %s: unknown kind %q", v.Name, v.Kind)
		}
	}
	return out
}

// forEachVector runs f for every vector as a parallel subtest.
func forEachVector(t *testing.T, f func(t *testing.T, v vector)) {
	for _, v := range loadVectors(t) {
		t.Run(v.Kind+"/"+v.Name, func(t *testing.T) {
			t.Parallel()
			f(t, v)
		})
	}
}

// expandEncodedLists turns bitstring-status-list/encoded-lists.json into
// vectors. Its expectations use the BSL error names.
func expandEncodedLists(t testing.TB, file string) []vector {
	var in []struct {
		Name        string `json:"name"`
		EncodedList string `json:"encodedList"`
		Source      string `json:"source"`
		Expected    struct {
			MultibasePrefix   *string           `json:"multibase_prefix"`
			UncompressedBytes uint64            `json:"uncompressed_bytes"`
			Bits              uint64            `json:"bits"`
			SetIndices        []uint64          `json:"set_indices"`
			StatusAt          map[string]uint64 `json:"status_at"`
			MinLengthOK       bool              `json:"min_length_ok"`
			Index131072       string            `json:"index_131072"`
			Note              string            `json:"note"`
		} `json:"expected"`
	}
	decodeStrict(t, file, readFile(t, file), &in)
	var out []vector
	for _, e := range in {
		x := e.Expected
		if x.UncompressedBytes*8 != x.Bits {
			t.Fatalf("%s: %d bytes is not %d bits", e.Name, x.UncompressedBytes, x.Bits)
		}
		v := vector{
			Name: e.Name, Kind: "bsl-encoded", File: file,
			EntriesCount:  x.Bits,
			MissingPrefix: x.MultibasePrefix == nil,
			encodedList:   e.EncodedList,
			setIndices:    append([]uint64{}, x.SetIndices...),
		}
		if x.MultibasePrefix != nil && *x.MultibasePrefix != "u" {
			t.Fatalf("%s: unexpected multibase prefix %q", e.Name, *x.MultibasePrefix)
		}
		idx := make([]string, 0, len(x.StatusAt))
		for k := range x.StatusAt {
			idx = append(idx, k)
		}
		sort.Strings(idx)
		for _, k := range idx {
			i, err := strconv.ParseUint(k, 10, 64)
			if err != nil {
				t.Fatalf("%s: status_at key %q", e.Name, k)
			}
			// Read with no minimum: the length rule is its own lookup.
			v.Lookups = append(v.Lookups, lookup{Index: i, Status: x.StatusAt[k], MinEntries: 1})
		}
		if x.Index131072 != "" {
			c, ok := specCodes[x.Index131072]
			if !ok {
				t.Fatalf("%s: unknown spec error %q", e.Name, x.Index131072)
			}
			v.Lookups = append(v.Lookups, lookup{Index: 131072, Expect: c, MinEntries: 1})
		}
		// The minimum-length rule (BSL §3.2 step 5), with the default bound.
		ml := lookup{Index: 0}
		if !x.MinLengthOK {
			ml.Expect = specCodes["STATUS_LIST_LENGTH_ERROR"]
		}
		v.Lookups = append(v.Lookups, ml)
		out = append(out, v)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no vectors", file)
	}
	return out
}

// expandTokenEncodings turns token-status-list/status-list-encodings.json
// into vectors.
func expandTokenEncodings(t testing.TB, file string) []vector {
	var in map[string]struct {
		StatusList struct {
			Bits int    `json:"bits"`
			Lst  string `json:"lst"`
		} `json:"status_list"`
		UncompressedHex    string            `json:"uncompressed_hex"`
		UncompressedSHA256 string            `json:"uncompressed_sha256"`
		NumEntries         uint64            `json:"num_entries"`
		ExpectedStatuses   []uint64          `json:"expected_statuses"`
		ExpectedNonzero    map[string]uint64 `json:"expected_nonzero"`
		AllOtherIndices    *uint64           `json:"all_other_indices"`
	}
	decodeStrict(t, file, readFile(t, file), &in)
	names := make([]string, 0, len(in))
	for k := range in {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []vector
	for _, name := range names {
		e := in[name]
		v := vector{
			Name: name, Kind: "tsl-list", File: file,
			Bits: e.StatusList.Bits, EntriesCount: e.NumEntries,
			lst: e.StatusList.Lst, hexBytes: e.UncompressedHex, sha256: e.UncompressedSHA256,
			nonzero: map[uint64]uint64{},
		}
		switch {
		case e.ExpectedStatuses != nil:
			if uint64(len(e.ExpectedStatuses)) != e.NumEntries {
				t.Fatalf("%s: %d statuses for %d entries", name, len(e.ExpectedStatuses), e.NumEntries)
			}
			for i, s := range e.ExpectedStatuses {
				if s != 0 {
					v.nonzero[uint64(i)] = s
				}
			}
		case e.ExpectedNonzero != nil:
			if e.AllOtherIndices == nil || *e.AllOtherIndices != 0 {
				t.Fatalf("%s: all_other_indices must be 0", name)
			}
			for k, s := range e.ExpectedNonzero {
				i, err := strconv.ParseUint(k, 10, 64)
				if err != nil {
					t.Fatalf("%s: index %q", name, k)
				}
				v.nonzero[i] = s
			}
		default:
			t.Fatalf("%s: no expectations", name)
		}
		v.Lookups = append(v.Lookups, lookup{Index: e.NumEntries, Expect: status.CodeOutOfRange})
		out = append(out, v)
	}
	return out
}

// seedEncodedLists returns every encodedList the vectors hold, for fuzz
// seeds.
func seedEncodedLists(t testing.TB) []string {
	var seeds []string
	for _, v := range loadVectors(t) {
		switch v.Kind {
		case "bsl-encoded":
			seeds = append(seeds, v.encodedList)
		case "bsl-list-credential":
			var doc struct {
				CredentialSubject struct {
					EncodedList string `json:"encodedList"`
				} `json:"credentialSubject"`
			}
			if err := json.Unmarshal(readFile(t, v.File), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.CredentialSubject.EncodedList != "" {
				seeds = append(seeds, doc.CredentialSubject.EncodedList)
			}
		}
	}
	return seeds
}

// tokenSeed is one fuzz seed for the Token Status List.
type tokenSeed struct {
	bits    int
	lst     string
	payload []byte
}

// seedTokenLists returns (bits, lst, claims) from every Token Status List
// vector: the encodings wrapped in minimal claims, and the JWT's payload.
func seedTokenLists(t testing.TB) []tokenSeed {
	var seeds []tokenSeed
	for _, v := range loadVectors(t) {
		switch v.Kind {
		case "tsl-list":
			p := fmt.Sprintf(`{"sub":"https://example.com/statuslists/1","iat":1686920170,"status_list":{"bits":%d,"lst":%q}}`, v.Bits, v.lst)
			seeds = append(seeds, tokenSeed{v.Bits, v.lst, []byte(p)})
		case "tsl-jwt":
			c := parseJWT(t, v.File)
			var claims struct {
				StatusList struct {
					Bits int    `json:"bits"`
					Lst  string `json:"lst"`
				} `json:"status_list"`
			}
			if err := json.Unmarshal(c.Payload, &claims); err != nil {
				t.Fatal(err)
			}
			seeds = append(seeds, tokenSeed{claims.StatusList.Bits, claims.StatusList.Lst, c.Payload})
		}
	}
	return seeds
}
