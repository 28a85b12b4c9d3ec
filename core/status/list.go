package status

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/status/internal/bitstring"
	"github.com/gxwallet/gxwallet/core/vc"
)

// Format says which specification a [BitstringList] follows.
type Format int

// The list formats.
const (
	// FormatBitstring: BitstringStatusListCredential (BSL v1.0 §2.2).
	FormatBitstring Format = iota + 1
	// FormatStatusList2021: StatusList2021Credential, the predecessor.
	FormatStatusList2021
)

// Type names of list credentials and their subjects.
const (
	TypeBitstringCredential      = "BitstringStatusListCredential"
	TypeBitstringSubject         = "BitstringStatusList"
	TypeStatusList2021Credential = "StatusList2021Credential"
	TypeStatusList2021Subject    = "StatusList2021"
)

// BitstringList is a decoded status list (BSL v1.0 §2.2,
// https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistcredential).
// A list from [DecodeEncodedList] has only Bits-derived methods and
// MissingPrefix set.
type BitstringList struct {
	Format Format
	// Credential is the list credential's data model; its Issuer is the
	// list issuer, which the caller compares with the credential's.
	Credential *vc.Credential
	// SubjectID is credentialSubject.id.
	SubjectID string
	// Purposes is statusPurpose, one or several.
	Purposes []string
	// TTL is ttl (§2.2, milliseconds in the document); 0 when absent.
	TTL time.Duration
	// ValidFrom and ValidUntil come from validFrom/validUntil (or
	// issuanceDate/expirationDate for a v1.1 credential); when validFrom is
	// absent, ValidFrom falls back to Gaia-X's "issued" and IssuedOnly is
	// set. Nil when absent.
	ValidFrom, ValidUntil *time.Time
	IssuedOnly            bool
	// MissingPrefix is true when encodedList lacked the multibase "u"
	// prefix that BSL v1.0 requires (Gaia-X ICAM 25.11 and StatusList2021
	// lists omit it). The list was decoded anyway; the verifier may show
	// it.
	MissingPrefix bool

	bits []byte
}

// Len returns the size of the bitstring in bits.
func (l *BitstringList) Len() uint64 { return uint64(len(l.bits)) * 8 }

// Entries returns how many values of size bits the list holds.
func (l *BitstringList) Entries(size int) uint64 { return bitstring.Entries(l.bits, size) }

// Status returns the value of size bits at index, read MSB-first (BSL
// v1.0 §3.2 step 8: index 0 is the left-most bit). An index outside the
// list fails with [CodeOutOfRange]; a size outside 1..[MaxStatusSize] with
// [CodeMalformed]. It does not check the minimum length: see [Lookup].
func (l *BitstringList) Status(index uint64, size int) (uint64, error) {
	if size < 1 || size > MaxStatusSize {
		return 0, errorf(CodeMalformed, "statusSize %d outside 1..%d", size, MaxStatusSize)
	}
	v, ok := bitstring.GetMSB(l.bits, index, size)
	if !ok {
		return 0, errorf(CodeOutOfRange, "index %d beyond %d entries of %d bits", index, l.Entries(size), size)
	}
	return v, nil
}

// gzipMagicBase64 is how every base64 GZIP stream starts: 1f 8b 08
// (magic and the DEFLATE method) encode as "H4sI".
const gzipMagicBase64 = "H4sI"

// DecodeEncodedList expands an encodedList value (BSL v1.0 §3.3 "Bitstring
// Expansion Algorithm"): strip the multibase "u" prefix, base64url-decode
// and gunzip, within [MaxEncodedBytes] and [MaxDecompressedBytes]. Text
// without the prefix is decoded as unprefixed base64url and MissingPrefix
// is set; any other multibase prefix is not base64url and fails with
// [CodeBadEncoding].
func DecodeEncodedList(encodedList string) (*BitstringList, error) {
	l := &BitstringList{}
	s := encodedList
	switch {
	case strings.HasPrefix(s, "u"):
		s = s[1:]
	case strings.HasPrefix(s, gzipMagicBase64):
		l.MissingPrefix = true
	default:
		return nil, errorf(CodeBadEncoding, "encodedList does not start with the multibase prefix \"u\"")
	}
	gz, err := decodeBase64URL(s, "encodedList")
	if err != nil {
		return nil, err
	}
	if l.bits, err = gunzip(gz); err != nil {
		return nil, err
	}
	if len(l.bits) == 0 {
		return nil, errorf(CodeListTooShort, "encodedList is an empty bitstring")
	}
	return l, nil
}

// ParseListCredential reads a status list credential: a
// BitstringStatusListCredential (BSL v1.0 §2.2) or a
// StatusList2021Credential, as decoded JSON. It checks the data model
// (with [vc.ParseCredential]), the types, statusPurpose, ttl and
// encodedList, and decodes the list.
//
// It does not verify the credential's proof, compare its issuer with the
// credential being checked, check its validity period against a clock, or
// check the minimum length: the caller does all four ([Lookup] checks the
// length).
func ParseListCredential(doc map[string]any) (*BitstringList, error) {
	c, err := vc.ParseCredential(doc)
	if err != nil {
		return nil, &Error{Code: CodeMalformed, Err: err}
	}
	var format Format
	switch {
	case c.HasType(TypeBitstringCredential):
		format = FormatBitstring
	case c.HasType(TypeStatusList2021Credential):
		format = FormatStatusList2021
	default:
		return nil, errorf(CodeMalformed, "type has neither %s nor %s", TypeBitstringCredential, TypeStatusList2021Credential)
	}
	if len(c.Subjects) != 1 {
		return nil, errorf(CodeMalformed, "a status list credential has exactly one credentialSubject, not %d", len(c.Subjects))
	}
	sub := c.Subjects[0]
	wantSub := TypeBitstringSubject
	if format == FormatStatusList2021 {
		wantSub = TypeStatusList2021Subject
	}
	if !hasType(sub, wantSub) {
		return nil, errorf(CodeMalformed, "credentialSubject.type must include %s", wantSub)
	}
	enc, ok := sub["encodedList"].(string)
	if !ok {
		return nil, errorf(CodeMalformed, "credentialSubject.encodedList must be a string")
	}
	l, err := DecodeEncodedList(enc)
	if err != nil {
		return nil, err
	}
	l.Format, l.Credential = format, c
	l.SubjectID, _ = sub["id"].(string)
	if l.Purposes, err = purposes(sub["statusPurpose"]); err != nil {
		return nil, err
	}
	if v, ok := sub["ttl"]; ok {
		ms, ok := wholeNumber(v)
		if !ok || ms == 0 || ms > math.MaxInt64/uint64(time.Millisecond) {
			return nil, errorf(CodeMalformed, "ttl must be a positive number of milliseconds")
		}
		l.TTL = time.Duration(ms) * time.Millisecond
	}
	l.ValidFrom, l.ValidUntil = c.ValidFrom, c.ValidUntil
	if l.ValidFrom == nil {
		if s, ok := doc["issued"].(string); ok {
			t, err := parseIssued(s)
			if err != nil {
				return nil, errorf(CodeMalformed, "issued %q is not a date: %w", trunc(s), err)
			}
			l.ValidFrom, l.IssuedOnly = &t, true
		}
	}
	return l, nil
}

// parseIssued reads Gaia-X "issued": a dateTimeStamp, or an xsd:date as
// the Gaia-X development context coerces it.
func parseIssued(s string) (time.Time, error) {
	if t, err := vc.ParseTime(s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

func hasType(m map[string]any, want string) bool {
	switch v := m["type"].(type) {
	case string:
		return v == want
	case []any:
		for _, x := range v {
			if x == want {
				return true
			}
		}
	}
	return false
}

// purposes reads statusPurpose: a string or a non-empty array of strings.
func purposes(v any) ([]string, error) {
	switch x := v.(type) {
	case string:
		if x != "" {
			return []string{x}, nil
		}
	case []any:
		if len(x) > MaxPurposes {
			return nil, errorf(CodeTooLarge, "statusPurpose has %d items, more than %d", len(x), MaxPurposes)
		}
		out := make([]string, 0, len(x))
		for _, it := range x {
			s, ok := it.(string)
			if !ok || s == "" {
				return nil, errorf(CodeMalformed, "statusPurpose must hold non-empty strings")
			}
			out = append(out, s)
		}
		if len(out) > 0 {
			return out, nil
		}
	}
	return nil, errorf(CodeMalformed, "credentialSubject.statusPurpose must be a string or an array of strings")
}

// Result is the outcome of one status check (BSL v1.0 §3.2 step 9).
type Result struct {
	Purpose string
	// Status is the raw value read at the entry's index.
	Status uint64
	// Valid is Status == 0. What a non-zero value means depends on the
	// purpose: revoked, suspended, or a message.
	Valid bool
	// Message is the entry's statusMessage text for Status, or "".
	Message string
}

// Options tunes [LookupWith]. The zero value applies the spec defaults.
type Options struct {
	// MinEntries is minimumNumberOfEntries (BSL v1.0 §3.2 step 1); zero
	// means [DefaultMinEntries]. Set 1 to accept any length.
	MinEntries uint64
}

// Lookup is [LookupWith] with the zero [Options].
func Lookup(entry Entry, list *BitstringList) (Result, error) {
	return LookupWith(entry, list, Options{})
}

// LookupWith runs the checks of BSL v1.0 §3.2 "Validate Algorithm" that
// need no network: the entry's purpose is one of the list's
// ([CodePurposeMismatch]), the list holds at least opts.MinEntries values
// of the entry's size ([CodeListTooShort]), and the index is inside it
// ([CodeOutOfRange]); then it reads the value. An entry of KindUnknown
// fails with [CodeUnsupportedType]. A list from [DecodeEncodedList] has
// no purposes, and the purpose check is skipped for it.
//
// It does not check that list.Credential was fetched from
// entry.ListCredential, that its proof verifies, who issued it, or whether
// it is within its validity period; the caller does.
func LookupWith(entry Entry, list *BitstringList, opts Options) (Result, error) {
	if entry.Kind == KindUnknown {
		return Result{}, errorf(CodeUnsupportedType, "status entry type %q is not supported", trunc(entry.Type))
	}
	if list == nil {
		return Result{}, errorf(CodeMalformed, "no list")
	}
	if list.Purposes != nil && !slices.Contains(list.Purposes, entry.Purpose) {
		return Result{}, errorf(CodePurposeMismatch, "purpose %q is not among the list's %q", trunc(entry.Purpose), list.Purposes)
	}
	size := entry.Size
	if size == 0 {
		size = 1
	}
	min := opts.MinEntries
	if min == 0 {
		min = DefaultMinEntries
	}
	if n := list.Entries(size); n < min {
		return Result{}, errorf(CodeListTooShort, "list holds %d entries of %d bits, fewer than %d", n, size, min)
	}
	v, err := list.Status(entry.Index, size)
	if err != nil {
		return Result{}, err
	}
	return Result{Purpose: entry.Purpose, Status: v, Valid: v == 0, Message: entry.Message(v)}, nil
}
