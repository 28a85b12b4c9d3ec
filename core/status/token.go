package status

import (
	"math"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status/internal/bitstring"
	"github.com/gxwallet/gxwallet/core/vc"
)

// MediaTypeStatusListJWT is the typ of a Status List Token in JWT form
// (Token Status List §5.1).
const MediaTypeStatusListJWT = "statuslist+jwt"

// TokenStatus is a Token Status List value (§7.1, "Status Types").
type TokenStatus uint8

// The registered status values (§7.1).
const (
	TokenValid     TokenStatus = 0x00
	TokenInvalid   TokenStatus = 0x01 // revoked
	TokenSuspended TokenStatus = 0x02
)

// String returns the registry name of s: VALID, INVALID, SUSPENDED,
// APPLICATION_SPECIFIC (0x03 and 0x0C–0x0F) or UNASSIGNED.
func (s TokenStatus) String() string {
	switch {
	case s == TokenValid:
		return "VALID"
	case s == TokenInvalid:
		return "INVALID"
	case s == TokenSuspended:
		return "SUSPENDED"
	case s == 0x03, s >= 0x0C && s <= 0x0F:
		return "APPLICATION_SPECIFIC"
	}
	return "UNASSIGNED"
}

// TokenList is a decoded Status List (Token Status List §4) with the
// claims of its Status List Token (§5.1) when it came from one.
type TokenList struct {
	// Bits is status_list.bits: 1, 2, 4 or 8.
	Bits int
	// AggregationURI is status_list.aggregation_uri, or "".
	AggregationURI string
	// Subject is sub: the URI of this Status List Token, which must equal
	// the uri of the referenced token's status_list.
	Subject string
	// Issuer is iss, or "" (optional in the draft; the caller decides).
	Issuer string
	// IssuedAt is iat; ExpiresAt is exp, zero when absent.
	IssuedAt, ExpiresAt time.Time
	// TTL is ttl (seconds in the token); 0 when absent.
	TTL time.Duration

	lst []byte
}

// Len returns how many statuses the list holds.
func (l *TokenList) Len() uint64 { return bitstring.Entries(l.lst, l.Bits) }

// Status returns the status at idx, read LSB-first (§4.1). An index
// outside the list fails with [CodeOutOfRange].
func (l *TokenList) Status(idx uint64) (TokenStatus, error) {
	v, ok := bitstring.GetLSB(l.lst, idx, l.Bits)
	if !ok {
		return 0, errorf(CodeOutOfRange, "idx %d beyond %d statuses", idx, l.Len())
	}
	return TokenStatus(v), nil
}

// DecodeTokenList decodes a status_list's bits and lst (§4.1):
// base64url without padding, then ZLIB (RFC 1950) inflation within
// [MaxEncodedBytes] and [MaxDecompressedBytes].
func DecodeTokenList(bits int, lst string) (*TokenList, error) {
	switch bits {
	case 1, 2, 4, 8:
	default:
		return nil, errorf(CodeMalformed, "bits %d is not 1, 2, 4 or 8", bits)
	}
	z, err := decodeBase64URL(lst, "lst")
	if err != nil {
		return nil, err
	}
	raw, err := unzlib(z)
	if err != nil {
		return nil, err
	}
	if len(raw) == 0 {
		return nil, errorf(CodeMalformed, "lst is an empty byte array")
	}
	return &TokenList{Bits: bits, lst: raw}, nil
}

// ParseStatusListJWT checks that c is a Status List Token in JWT form
// (typ statuslist+jwt, §5.1) and reads its claims with
// [ParseTokenStatusList].
//
// It does not verify the signature (call [jose.Compact.Verify] with the
// issuer's key first), compare iss with anything, or check exp against a
// clock.
func ParseStatusListJWT(c *jose.Compact) (*TokenList, error) {
	typ := strings.ToLower(c.Header.Typ)
	if typ != MediaTypeStatusListJWT && typ != "application/"+MediaTypeStatusListJWT {
		return nil, errorf(CodeBadMediaType, "typ %q is not %s", trunc(c.Header.Typ), MediaTypeStatusListJWT)
	}
	if c.Payload == nil {
		return nil, errorf(CodeMalformed, "status list token has a detached payload")
	}
	return ParseTokenStatusList(c.Payload)
}

// ParseTokenStatusList reads the JSON claims of a Status List Token
// (§5.1): sub (required), iat (required), exp and ttl (optional; ttl
// positive seconds), iss (optional) and status_list {bits, lst,
// aggregation_uri} (required), then decodes the list. Duplicate member
// names are refused.
//
// It does not check the signature, the typ header (see
// [ParseStatusListJWT]) or exp against a clock.
func ParseTokenStatusList(payload []byte) (*TokenList, error) {
	if len(payload) > MaxTokenPayloadBytes {
		return nil, errorf(CodeTooLarge, "claims of %d bytes exceed %d", len(payload), MaxTokenPayloadBytes)
	}
	var claims map[string]any
	if err := strictjson.Unmarshal(payload, &claims, maxClaimsDepth); err != nil {
		return nil, errorf(CodeMalformed, "claims: %w", err)
	}
	if claims == nil {
		return nil, errorf(CodeMalformed, "claims are not a JSON object")
	}
	sub, ok := claims["sub"].(string)
	if !ok || !vc.IsURL(sub) {
		return nil, errorf(CodeMalformed, "sub must be the URI of the status list token")
	}
	iat, err := numericDate(claims, "iat", true)
	if err != nil {
		return nil, err
	}
	exp, err := numericDate(claims, "exp", false)
	if err != nil {
		return nil, err
	}
	if !exp.IsZero() && exp.Before(iat) {
		return nil, errorf(CodeMalformed, "exp is before iat")
	}
	var ttl time.Duration
	if v, ok := claims["ttl"]; ok {
		s, ok := wholeNumber(v)
		if !ok || s == 0 || s > math.MaxInt64/uint64(time.Second) {
			return nil, errorf(CodeMalformed, "ttl must be a positive number of seconds")
		}
		ttl = time.Duration(s) * time.Second
	}
	var iss string
	if v, ok := claims["iss"]; ok {
		if iss, ok = v.(string); !ok {
			return nil, errorf(CodeMalformed, "iss must be a string")
		}
	}
	sl, ok := claims["status_list"].(map[string]any)
	if !ok {
		return nil, errorf(CodeMalformed, "status_list must be an object")
	}
	bits, ok := wholeNumber(sl["bits"])
	if !ok || bits > 8 {
		return nil, errorf(CodeMalformed, "status_list.bits must be 1, 2, 4 or 8")
	}
	lst, ok := sl["lst"].(string)
	if !ok {
		return nil, errorf(CodeMalformed, "status_list.lst must be a string")
	}
	var agg string
	if v, ok := sl["aggregation_uri"]; ok {
		if agg, ok = v.(string); !ok || !vc.IsURL(agg) {
			return nil, errorf(CodeMalformed, "status_list.aggregation_uri must be a URI")
		}
	}
	l, err := DecodeTokenList(int(bits), lst)
	if err != nil {
		return nil, err
	}
	l.Subject, l.Issuer, l.IssuedAt, l.ExpiresAt, l.TTL, l.AggregationURI = sub, iss, iat, exp, ttl, agg
	return l, nil
}

// numericDate reads a JWT NumericDate (RFC 7519 §2): seconds since the
// epoch, possibly fractional.
func numericDate(claims map[string]any, name string, required bool) (time.Time, error) {
	v, ok := claims[name]
	if !ok {
		if required {
			return time.Time{}, errorf(CodeMalformed, "%s is required", name)
		}
		return time.Time{}, nil
	}
	f, ok := v.(float64)
	if !ok || f < 0 || f > 1<<40 || math.IsNaN(f) {
		return time.Time{}, errorf(CodeMalformed, "%s must be a NumericDate", name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// TokenRef is the status_list member of a Referenced Token's status claim
// (§6.1): the index and the URI of its Status List Token.
type TokenRef struct {
	Idx uint64
	URI string
}

// ParseReferencedStatus reads status.status_list {idx, uri} from the
// claims of a Referenced Token (§6.1, §6.2). Claims with no status member
// return [ErrNoStatus]; a status without status_list (another mechanism)
// fails with [CodeUnsupportedType]; a bad idx or uri with
// [CodeMalformed].
//
// It does not fetch the list or check the token it came from.
func ParseReferencedStatus(claims map[string]any) (TokenRef, error) {
	raw, ok := claims["status"]
	if !ok {
		return TokenRef{}, ErrNoStatus
	}
	st, ok := raw.(map[string]any)
	if !ok {
		return TokenRef{}, errorf(CodeMalformed, "status must be an object")
	}
	slRaw, ok := st["status_list"]
	if !ok {
		return TokenRef{}, errorf(CodeUnsupportedType, "status has no status_list member")
	}
	sl, ok := slRaw.(map[string]any)
	if !ok {
		return TokenRef{}, errorf(CodeMalformed, "status.status_list must be an object")
	}
	idx, ok := wholeNumber(sl["idx"])
	if !ok {
		return TokenRef{}, errorf(CodeMalformed, "status.status_list.idx must be a non-negative integer")
	}
	uri, ok := sl["uri"].(string)
	if !ok || !vc.IsURL(uri) {
		return TokenRef{}, errorf(CodeMalformed, "status.status_list.uri must be a URI")
	}
	return TokenRef{Idx: idx, URI: uri}, nil
}

// LookupToken checks that list is the Status List Token that ref names
// (sub == uri, §8.3; [CodeURIMismatch]) and returns the status at ref.Idx
// ([CodeOutOfRange] beyond the list).
//
// It does not check the list token's signature, iss, exp or ttl.
func LookupToken(ref TokenRef, list *TokenList) (TokenStatus, error) {
	if list == nil {
		return 0, errorf(CodeMalformed, "no list")
	}
	if list.Subject != ref.URI {
		return 0, errorf(CodeURIMismatch, "status list sub %q differs from uri %q", trunc(list.Subject), trunc(ref.URI))
	}
	return list.Status(ref.Idx)
}
