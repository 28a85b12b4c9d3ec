package status

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gxwallet/gxwallet/core/vc"
)

// Kind says which status mechanism an [Entry] names.
type Kind int

// The kinds of entries.
const (
	// KindUnknown: a type this package does not evaluate. The entry is
	// returned, not dropped, so the verifier can record a skipped check.
	KindUnknown Kind = iota
	// KindBitstring: BitstringStatusListEntry (BSL v1.0 §2.1). Gaia-X ICAM
	// 25.11 uses the same spelling.
	KindBitstring
	// KindStatusList2021: StatusList2021Entry
	// (https://www.w3.org/TR/2023/WD-vc-status-list-20230427/), read as a
	// BSL entry with statusSize 1.
	KindStatusList2021
)

// Entry type names.
const (
	TypeBitstringEntry      = "BitstringStatusListEntry"
	TypeStatusList2021Entry = "StatusList2021Entry"
)

// Purposes defined by BSL v1.0 §2.1. Any other string is a custom
// purpose, which this package accepts and passes through.
const (
	PurposeRevocation = "revocation"
	PurposeSuspension = "suspension"
	PurposeRefresh    = "refresh"
	PurposeMessage    = "message"
)

// Message is one statusMessage item (BSL v1.0 §2.1): the message for a
// status value.
type Message struct {
	Status  uint64 // parsed from the "0x…" string
	Message string
}

// Entry is one credentialStatus entry (BSL v1.0 §2.1,
// https://www.w3.org/TR/vc-bitstring-status-list/#bitstringstatuslistentry).
// For KindUnknown only Type, ID and Raw are set.
type Entry struct {
	Kind Kind
	Type string // the type as written (the known one when type is an array)
	ID   string // optional id of the entry
	// Purpose is statusPurpose: revocation, suspension, refresh, message
	// or a custom string.
	Purpose string
	// Index is statusListIndex.
	Index uint64
	// IndexNotString is true when statusListIndex was a JSON number: the
	// spec requires a base-10 string; we accept the number leniently and
	// flag it so the verifier can show it.
	IndexNotString bool
	// ListCredential is statusListCredential, the URL of the list.
	ListCredential string
	// Size is statusSize in bits: 1 when absent.
	Size int
	// Messages is statusMessage; required when Size > 1, with exactly
	// 2^Size items.
	Messages []Message
	// References holds statusReference (one URL or several).
	References []string
	// Raw is the entry as given.
	Raw map[string]any
}

// Message returns the statusMessage text for value, or "".
func (e Entry) Message(value uint64) string {
	for _, m := range e.Messages {
		if m.Status == value {
			return m.Message
		}
	}
	return ""
}

// ParseEntries reads the credentialStatus entries of a credential (as in
// [vc.Credential].Status). Entries of a type other than
// BitstringStatusListEntry and StatusList2021Entry come back with
// KindUnknown. A malformed entry of a known type fails the whole call with
// [CodeMalformed]; more than [MaxEntriesPerCredential] entries fail with
// [CodeTooLarge].
//
// It does not fetch the list, check that the URL is reachable, or check
// the list's purposes: see [Lookup].
func ParseEntries(credentialStatus []map[string]any) ([]Entry, error) {
	if len(credentialStatus) > MaxEntriesPerCredential {
		return nil, errorf(CodeTooLarge, "%d status entries exceed %d", len(credentialStatus), MaxEntriesPerCredential)
	}
	out := make([]Entry, 0, len(credentialStatus))
	for i, raw := range credentialStatus {
		e, err := parseEntry(raw)
		if err != nil {
			var se *Error
			if errors.As(err, &se) {
				return nil, &Error{Code: se.Code, Err: fmt.Errorf("credentialStatus[%d]: %w", i, se.Err)}
			}
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func parseEntry(raw map[string]any) (Entry, error) {
	e := Entry{Raw: raw, Size: 1}
	e.Type, e.Kind = entryType(raw)
	if id, ok := raw["id"]; ok {
		s, isStr := id.(string)
		if !isStr || !vc.IsURL(s) {
			return e, errorf(CodeMalformed, "id must be a URL")
		}
		e.ID = s
	}
	if e.Kind == KindUnknown {
		return e, nil
	}

	p, ok := raw["statusPurpose"].(string)
	if !ok || p == "" {
		return e, errorf(CodeMalformed, "statusPurpose must be a non-empty string")
	}
	e.Purpose = p

	var err error
	if e.Index, e.IndexNotString, err = parseIndex(raw["statusListIndex"]); err != nil {
		return e, err
	}

	u, ok := raw["statusListCredential"].(string)
	if !ok || !vc.IsURL(u) {
		return e, errorf(CodeMalformed, "statusListCredential must be a URL")
	}
	e.ListCredential = u

	if e.Kind == KindBitstring {
		if err := parseSizeAndMessages(raw, &e); err != nil {
			return e, err
		}
		if e.References, err = urls(raw["statusReference"], "statusReference"); err != nil {
			return e, err
		}
	}
	return e, nil
}

// entryType finds a known type in a string or array "type".
func entryType(raw map[string]any) (string, Kind) {
	t := raw["type"]
	if t == nil {
		t = raw["@type"]
	}
	var names []string
	switch v := t.(type) {
	case string:
		names = []string{v}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				names = append(names, s)
			}
		}
	}
	for _, n := range names {
		switch n {
		case TypeBitstringEntry:
			return n, KindBitstring
		case TypeStatusList2021Entry:
			return n, KindStatusList2021
		}
	}
	return strings.Join(names, ","), KindUnknown
}

// parseIndex reads statusListIndex: a string of a base-10 non-negative
// integer (§2.1), or, leniently, a JSON number that is a whole number.
func parseIndex(v any) (idx uint64, wasNumber bool, err error) {
	switch n := v.(type) {
	case string:
		if n == "" || len(n) > MaxIndexDigits {
			return 0, false, errorf(CodeMalformed, "statusListIndex %q is not a base-10 integer", trunc(n))
		}
		for i := 0; i < len(n); i++ {
			if n[i] < '0' || n[i] > '9' {
				return 0, false, errorf(CodeMalformed, "statusListIndex %q is not a base-10 integer", trunc(n))
			}
		}
		idx, err := strconv.ParseUint(n, 10, 64)
		if err != nil {
			return 0, false, errorf(CodeMalformed, "statusListIndex %q out of range", trunc(n))
		}
		return idx, false, nil
	case nil:
		return 0, false, errorf(CodeMalformed, "statusListIndex is missing")
	default:
		idx, ok := wholeNumber(v)
		if !ok {
			return 0, false, errorf(CodeMalformed, "statusListIndex must be a string of a non-negative integer")
		}
		return idx, true, nil
	}
}

// wholeNumber reads a non-negative whole JSON number decoded by
// encoding/json (float64 or json.Number), exact up to 2^53.
func wholeNumber(v any) (uint64, bool) {
	switch n := v.(type) {
	case float64:
		if n < 0 || n != math.Trunc(n) || n > 1<<53 {
			return 0, false
		}
		return uint64(n), true
	case json.Number:
		u, err := strconv.ParseUint(string(n), 10, 64)
		return u, err == nil
	case int:
		return uint64(n), n >= 0
	case int64:
		return uint64(n), n >= 0
	case uint64:
		return n, true
	}
	return 0, false
}

// parseSizeAndMessages reads statusSize and statusMessage (§2.1).
func parseSizeAndMessages(raw map[string]any, e *Entry) error {
	if v, ok := raw["statusSize"]; ok {
		n, ok := wholeNumber(v)
		if !ok || n < 1 {
			return errorf(CodeMalformed, "statusSize must be an integer greater than zero")
		}
		if n > MaxStatusSize {
			return errorf(CodeTooLarge, "statusSize %d exceeds %d", n, MaxStatusSize)
		}
		e.Size = int(n)
	}
	v, present := raw["statusMessage"]
	if !present {
		if e.Size > 1 {
			return errorf(CodeMalformed, "statusMessage is required when statusSize is %d", e.Size)
		}
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		return errorf(CodeMalformed, "statusMessage must be an array")
	}
	if want := 1 << e.Size; len(arr) != want {
		return errorf(CodeMalformed, "statusMessage has %d items, statusSize %d needs %d", len(arr), e.Size, want)
	}
	seen := make(map[uint64]bool, len(arr))
	for i, it := range arr {
		m, ok := it.(map[string]any)
		if !ok {
			return errorf(CodeMalformed, "statusMessage[%d] must be an object", i)
		}
		st, ok := m["status"].(string)
		if !ok {
			return errorf(CodeMalformed, "statusMessage[%d].status must be a string", i)
		}
		val, err := parseHexStatus(st)
		if err != nil || val>>e.Size != 0 {
			return errorf(CodeMalformed, "statusMessage[%d].status %q is not a %d-bit 0x value", i, trunc(st), e.Size)
		}
		if seen[val] {
			return errorf(CodeMalformed, "statusMessage repeats status %q", trunc(st))
		}
		seen[val] = true
		text, _ := m["message"].(string)
		if _, has := m["message"]; has {
			if _, isStr := m["message"].(string); !isStr {
				return errorf(CodeMalformed, "statusMessage[%d].message must be a string", i)
			}
		}
		e.Messages = append(e.Messages, Message{Status: val, Message: text})
	}
	return nil
}

// parseHexStatus reads "0x" followed by hexadecimal digits.
func parseHexStatus(s string) (uint64, error) {
	h, ok := strings.CutPrefix(s, "0x")
	if !ok || h == "" || len(h) > 16 {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseUint(h, 16, 64)
}

// urls reads an optional URL or array of URLs.
func urls(v any, name string) ([]string, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		if !vc.IsURL(x) {
			return nil, errorf(CodeMalformed, "%s %q is not a URL", name, trunc(x))
		}
		return []string{x}, nil
	case []any:
		if len(x) > MaxStatusMessages {
			return nil, errorf(CodeTooLarge, "%s has %d items", name, len(x))
		}
		out := make([]string, 0, len(x))
		for _, it := range x {
			s, ok := it.(string)
			if !ok || !vc.IsURL(s) {
				return nil, errorf(CodeMalformed, "%s must hold URLs", name)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, errorf(CodeMalformed, "%s must be a URL or an array of URLs", name)
}
