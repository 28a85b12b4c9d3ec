// Package web implements the did:web method
// (https://w3c-ccg.github.io/did-method-web/, CCG Final Community Group
// Report draft of 2024): a DID that names an HTTPS URL serving the DID
// document.
//
//	did:web:example.com               → https://example.com/.well-known/did.json
//	did:web:example.com%3A8443        → https://example.com:8443/.well-known/did.json
//	did:web:example.com:user:alice    → https://example.com/user/alice/did.json
//
// Entry points: [URL] maps a DID to its document URL (did:web §3.2 "Read",
// steps 1-5); [Resolver] fetches and parses the document.
//
// # Security considerations
//
// Resolution reads the network through the caller's [fetch.Fetcher]; this
// package never opens a connection. The fetcher decides which hosts may be
// reached (a browser's same-origin rules, a worker's allowlist, an offline
// bundle), and it must refuse redirects to other origins. Before any
// fetch, [URL] refuses hosts that are not DNS names (IP literals,
// including the WHATWG numeric forms such as "0x7f000001"), empty hosts
// and path segments, bad ports, and segments that decode to "." or ".."
// or hold encoded "/", "\", "?" or "#", so a DID cannot walk out of its
// path. The body is bounded by [did.MaxDocumentBytes] and parsed with
// [did.ParseDocument]; its "id" must equal the DID, so a server cannot
// answer for another DID. A did:web document is only as trustworthy as the
// domain's TLS and DNS: trust in the issuer still comes from trust
// lists or certificate chains, not from resolution.
package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
)

// Method is the DID method name.
const Method = "web"

// URL returns the HTTPS URL of d's DID document (did:web §3.2, Read steps
// 1-5). The error is a [*did.Error] with [did.CodeMethodNotSupported] for
// another method, [did.CodeInvalidDID] for a DID that does not name a safe
// URL. It does not check that the host exists or is allowed.
func URL(d did.DID) (string, error) {
	bad := func(format string, args ...any) (string, error) {
		return "", &did.Error{Code: did.CodeInvalidDID, Input: d.String(), Err: fmt.Errorf(format, args...)}
	}
	if d.Method != Method {
		return "", &did.Error{Code: did.CodeMethodNotSupported, Input: d.String(), Err: errors.New("not a did:web")}
	}
	segs := strings.Split(d.ID, ":")
	hostport, path := segs[0], segs[1:]
	host, port, hasPort := strings.Cut(hostport, "%3A")
	if !hasPort {
		host, port, hasPort = strings.Cut(hostport, "%3a")
	}
	if err := checkHost(host); err != nil {
		return bad("host: %w", err)
	}
	if hasPort {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 || port[0] == '0' {
			return bad("invalid port %q", truncate(port))
		}
	}
	var b strings.Builder
	b.WriteString("https://")
	b.WriteString(strings.ToLower(host))
	if hasPort {
		b.WriteString(":" + port)
	}
	if len(path) == 0 {
		b.WriteString("/.well-known")
	}
	for _, seg := range path {
		if err := checkSegment(seg); err != nil {
			return bad("path: %w", err)
		}
		b.WriteString("/" + seg)
	}
	b.WriteString("/did.json")
	return b.String(), nil
}

// checkHost requires a DNS name: labels of letters, digits and hyphens,
// not an IP address in any form a URL parser would accept.
func checkHost(host string) error {
	if host == "" {
		return errors.New("empty")
	}
	if len(host) > 253 {
		return errors.New("longer than 253 characters")
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return fmt.Errorf("%q is not a DNS name", truncate(host))
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("%q is not a DNS name", truncate(host))
			}
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("%q is not a DNS name", truncate(host))
		}
	}
	// WHATWG URL "ends in a number": a host whose last label is decimal
	// or 0x-hex is parsed as an IPv4 address ("127.0.0.1", "2130706433",
	// "0x7f.1").
	last := strings.ToLower(labels[len(labels)-1])
	if isDigits(last) || strings.HasPrefix(last, "0x") && isHex(last[2:]) {
		return fmt.Errorf("%q is an IP address, not a domain name", truncate(host))
	}
	return nil
}

// checkSegment refuses an empty path segment, one that decodes to "." or
// "..", and encoded separators or controls.
func checkSegment(seg string) error {
	if seg == "" {
		return errors.New("empty segment")
	}
	dec, err := url.PathUnescape(seg)
	if err != nil {
		return fmt.Errorf("segment %q: bad percent-encoding", truncate(seg))
	}
	if dec == "." || dec == ".." {
		return fmt.Errorf("segment %q is a dot segment", truncate(seg))
	}
	for i := 0; i < len(dec); i++ {
		if c := dec[i]; c < 0x20 || c == 0x7f || strings.IndexByte(`/\?#`, c) >= 0 {
			return fmt.Errorf("segment %q encodes a separator or control character", truncate(seg))
		}
	}
	return nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true // "0x" alone counts as a number for WHATWG
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// Resolver resolves did:web DIDs by fetching their document through
// Fetcher. A nil Fetcher fails every DID with an error wrapping
// [fetch.ErrOffline].
type Resolver struct {
	Fetcher fetch.Fetcher
}

// Resolve implements [did.Resolver] (did:web §3.2 Read). The error is a
// [*did.Error]:
//   - [did.CodeMethodNotSupported] for another method, and
//     [did.CodeInvalidDID] for a DID [URL] refuses;
//   - [did.CodeNotFound] when the fetcher reports [fetch.ErrNotFound];
//   - [did.CodeInternalError] for any other fetch failure, wrapping it
//     (errors.Is(err, fetch.ErrOffline) works);
//   - [did.CodeInvalidDIDDocument] for a body over [did.MaxDocumentBytes],
//     one [did.ParseDocument] refuses, or a document whose "id" is not the
//     DID.
//
// It does not check the document's keys or follow its controllers.
func (r Resolver) Resolve(ctx context.Context, d did.DID) (*did.Document, error) {
	u, err := URL(d)
	if err != nil {
		return nil, err
	}
	if r.Fetcher == nil {
		return nil, &did.Error{Code: did.CodeInternalError, Input: d.String(),
			Err: fmt.Errorf("no fetcher: %w", fetch.ErrOffline)}
	}
	body, err := r.Fetcher.Fetch(ctx, u)
	if err != nil {
		code := did.CodeInternalError
		if errors.Is(err, fetch.ErrNotFound) {
			code = did.CodeNotFound
		}
		return nil, &did.Error{Code: code, Input: d.String(), Err: err}
	}
	if len(body) > did.MaxDocumentBytes {
		return nil, &did.Error{Code: did.CodeInvalidDIDDocument, Input: d.String(),
			Err: fmt.Errorf("document of %d bytes is over the %d-byte bound", len(body), did.MaxDocumentBytes)}
	}
	doc, err := did.ParseDocument(body)
	if err != nil {
		return nil, err
	}
	if doc.ID != d.String() {
		return nil, &did.Error{Code: did.CodeInvalidDIDDocument, Input: d.String(),
			Err: fmt.Errorf("document id %q is not the DID", truncate(doc.ID))}
	}
	return doc, nil
}
