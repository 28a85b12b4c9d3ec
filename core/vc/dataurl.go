package vc

import (
	"encoding/base64"
	"net/url"
	"strings"
)

// MaxDataURLBytes bounds an enveloped credential's data: URL.
const MaxDataURLBytes = 1 << 20

// DataURL is a parsed data: URL (RFC 2397) holding an enveloped
// credential.
type DataURL struct {
	MediaType string // lowercased, e.g. "application/vc+jwt"
	Data      []byte // decoded
}

// ParseDataURL reads the data: URL of an enveloped credential. It accepts
// the RFC 2397 form "data:application/vc+jwt,<token>" with optional
// ";base64" or ";base64url" parameters, and the form seen in Gaia-X
// documents that separates the token with ";" instead of ","
// ("data:application/vc+ld+json+jwt;eyJ…"). It does not check the media
// type; the caller does.
func ParseDataURL(s string) (DataURL, error) {
	if len(s) > MaxDataURLBytes {
		return DataURL{}, errorf(CodeBadEnvelope, "data URL of %d bytes is too large", len(s))
	}
	rest, ok := cutPrefixFold(s, "data:")
	if !ok {
		return DataURL{}, errorf(CodeBadEnvelope, "enveloped id %q is not a data: URL", trunc(s))
	}
	var meta, data string
	if i := strings.IndexByte(rest, ','); i >= 0 {
		meta, data = rest[:i], rest[i+1:]
	} else if i := strings.LastIndexByte(rest, ';'); i >= 0 {
		// Gaia-X form: the last ";"-separated segment is the payload.
		meta, data = rest[:i], rest[i+1:]
	} else {
		return DataURL{}, errorf(CodeBadEnvelope, "data URL has no data")
	}
	params := strings.Split(meta, ";")
	d := DataURL{MediaType: strings.ToLower(strings.TrimSpace(params[0]))}
	if d.MediaType == "" {
		return DataURL{}, errorf(CodeBadEnvelope, "data URL has no media type")
	}
	enc := ""
	for _, p := range params[1:] {
		switch strings.ToLower(strings.TrimSpace(p)) {
		case "base64":
			enc = "base64"
		case "base64url":
			enc = "base64url"
		}
	}
	var err error
	switch enc {
	case "base64":
		d.Data, err = base64.StdEncoding.DecodeString(data)
	case "base64url":
		d.Data, err = base64.RawURLEncoding.DecodeString(strings.TrimRight(data, "="))
	default:
		var u string
		u, err = url.PathUnescape(data)
		d.Data = []byte(u)
	}
	if err != nil {
		return DataURL{}, errorf(CodeBadEnvelope, "data URL payload: %v", err)
	}
	if len(d.Data) == 0 {
		return DataURL{}, errorf(CodeBadEnvelope, "data URL has no data")
	}
	return d, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}
