// Package bundle defines the offline verification bundle: everything that
// verifying some credentials needs from the network — DID documents,
// status lists, parent credentials, trusted-list answers, JSON-LD contexts —
// captured once while online, with the instant each was fetched, so that a
// verifier with no network (a laptop, a browser tab, an edge worker) can
// verify later and say how old its status information is.
//
// # Format (version 1)
//
//	{
//	  "type": "GXWalletBundle",
//	  "version": 1,
//	  "created": "2026-11-22T10:00:00Z",
//	  "didDocuments": [ { …DID document… } ],
//	  "resources": [
//	    { "url": "https://issuer.example/.well-known/did.json",
//	      "kind": "did-document" | "status-list" | "credential" | "trusted-list" | "context" | "other",
//	      "fetched": "2026-11-22T10:00:00Z",
//	      "content": "…the bytes as UTF-8 text…" }
//	  ]
//	}
//
// "content" holds the resource exactly as fetched; a resource that is not
// valid UTF-8 is stored in "contentBase64" (standard base64) instead.
// Unknown members are refused, so a newer format fails loudly.
//
// Entry points: [Parse], [Bundle.Fetcher], [Recorder].
//
// # Security considerations
//
// A bundle is not trusted: every credential, DID document and status list
// in it is verified exactly as if it had just been fetched. What a bundle
// cannot prove is freshness, which is why each resource keeps its fetch
// time and the verifier reports it ("status as of T"). Parse bounds the
// bundle ([MaxBytes], [MaxResources]).
package bundle

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// Type and Version identify the format.
const (
	Type    = "GXWalletBundle"
	Version = 1
)

// MaxBytes bounds a bundle: a few hundred credentials with their DID
// documents and 16 KiB status lists fit in 32 MiB.
const MaxBytes = 32 << 20

// MaxResources bounds the number of resources and DID documents.
const MaxResources = 4096

// Resource kinds.
const (
	KindDIDDocument = "did-document"
	KindStatusList  = "status-list"
	KindCredential  = "credential"
	KindTrustedList = "trusted-list"
	KindContext     = "context"
	KindOther       = "other"
)

// Bundle is a parsed offline bundle.
type Bundle struct {
	Type         string            `json:"type"`
	Version      int               `json:"version"`
	Created      time.Time         `json:"created"`
	DIDDocuments []json.RawMessage `json:"didDocuments,omitempty"`
	Resources    []Resource        `json:"resources"`
}

// Resource is one fetched resource.
type Resource struct {
	URL           string    `json:"url"`
	Kind          string    `json:"kind,omitempty"`
	Fetched       time.Time `json:"fetched"`
	Content       string    `json:"content,omitempty"`
	ContentBase64 string    `json:"contentBase64,omitempty"`
}

// Bytes returns the resource's content.
func (r Resource) Bytes() ([]byte, error) {
	if r.ContentBase64 != "" {
		return base64.StdEncoding.DecodeString(r.ContentBase64)
	}
	return []byte(r.Content), nil
}

// Error is the one error type of this package.
type Error struct{ Err error }

func (e *Error) Error() string { return "bundle: " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Parse reads a bundle strictly: size bound, no duplicate or unknown
// members, the right type and version, absolute URLs, no URL twice.
func Parse(b []byte) (*Bundle, error) {
	bad := func(format string, args ...any) (*Bundle, error) {
		return nil, &Error{Err: fmt.Errorf(format, args...)}
	}
	if len(b) > MaxBytes {
		return bad("%d bytes exceed the limit of %d", len(b), MaxBytes)
	}
	if err := strictjson.Check(b, 64); err != nil {
		return bad("%w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var bu Bundle
	if err := dec.Decode(&bu); err != nil {
		return bad("%w", err)
	}
	if bu.Type != Type || bu.Version != Version {
		return bad("type %q version %d, want %q version %d", bu.Type, bu.Version, Type, Version)
	}
	if len(bu.Resources)+len(bu.DIDDocuments) > MaxResources {
		return bad("more than %d entries", MaxResources)
	}
	seen := map[string]bool{}
	for i, r := range bu.Resources {
		if r.URL == "" || seen[r.URL] {
			return bad("resources[%d]: missing or repeated url", i)
		}
		seen[r.URL] = true
		if r.Content != "" && r.ContentBase64 != "" {
			return bad("resources[%d]: both content and contentBase64", i)
		}
		if _, err := r.Bytes(); err != nil {
			return bad("resources[%d]: %w", i, err)
		}
	}
	return &bu, nil
}

// Marshal writes the bundle as indented JSON.
func (b *Bundle) Marshal() ([]byte, error) {
	return json.MarshalIndent(b, "", "  ")
}

// Add records a fetched resource, replacing an earlier one for the same
// URL.
func (b *Bundle) Add(url, kind string, content []byte, fetched time.Time) {
	r := Resource{URL: url, Kind: kind, Fetched: fetched.UTC()}
	if utf8.Valid(content) {
		r.Content = string(content)
	} else {
		r.ContentBase64 = base64.StdEncoding.EncodeToString(content)
	}
	for i := range b.Resources {
		if b.Resources[i].URL == url {
			b.Resources[i] = r
			return
		}
	}
	b.Resources = append(b.Resources, r)
}

// Fetcher serves the bundle's resources, and then asks next (nil: every
// other URL fails with fetch.ErrOffline). It also tells when each
// resource was fetched (FetchedAt), which the verifier reports.
func (b *Bundle) Fetcher(next fetch.Fetcher) *Fetcher {
	f := &Fetcher{entries: map[string]Resource{}, next: next}
	for _, r := range b.Resources {
		f.entries[r.URL] = r
	}
	return f
}

// Fetcher is a fetch.Fetcher over a bundle.
type Fetcher struct {
	entries map[string]Resource
	next    fetch.Fetcher
}

// Fetch implements fetch.Fetcher.
func (f *Fetcher) Fetch(ctx context.Context, url string) ([]byte, error) {
	if r, ok := f.entries[url]; ok {
		b, err := r.Bytes()
		if err != nil {
			return nil, &fetch.Error{URL: url, Err: err}
		}
		if len(b) > fetch.MaxBytes {
			return nil, &fetch.Error{URL: url, Err: fetch.ErrTooLarge}
		}
		return b, nil
	}
	if f.next != nil {
		return f.next.Fetch(ctx, url)
	}
	return nil, &fetch.Error{URL: url, Err: fetch.ErrOffline}
}

// FetchedAt says when the bundle's copy of url was fetched.
func (f *Fetcher) FetchedAt(url string) (time.Time, bool) {
	r, ok := f.entries[url]
	return r.Fetched, ok
}

// Recorder is a fetch.Fetcher that passes every fetch to Next and records
// what succeeded into Bundle, stamped with Now (time is an input: the
// caller sets it, typically to the wall clock once at start).
type Recorder struct {
	Next   fetch.Fetcher
	Now    time.Time
	Kind   func(url string, content []byte) string // nil: KindOther
	mu     sync.Mutex
	Bundle Bundle
}

// Fetch implements fetch.Fetcher.
func (r *Recorder) Fetch(ctx context.Context, url string) ([]byte, error) {
	if r.Next == nil {
		return nil, &fetch.Error{URL: url, Err: fetch.ErrOffline}
	}
	b, err := r.Next.Fetch(ctx, url)
	if err != nil {
		return nil, err
	}
	kind := KindOther
	if r.Kind != nil {
		kind = r.Kind(url, b)
	}
	r.mu.Lock()
	if r.Bundle.Type == "" {
		r.Bundle = *New(r.Now)
	}
	r.Bundle.Add(url, kind, b, r.Now)
	r.mu.Unlock()
	return b, nil
}

// New returns an empty bundle created at now.
func New(now time.Time) *Bundle {
	return &Bundle{Type: Type, Version: Version, Created: now.UTC()}
}

// KindOf guesses what a fetched resource is, for people reading a bundle
// (Recorder.Kind): by its URL and its first bytes. A resource it cannot
// place is a credential.
func KindOf(url string, content []byte) string {
	switch {
	case strings.HasSuffix(url, "/did.json"):
		return KindDIDDocument
	case bytes.Contains(content, []byte("StatusList")), bytes.HasPrefix(content, []byte("eyJ")) && strings.Contains(url, "status"):
		return KindStatusList
	case bytes.HasPrefix(bytes.TrimSpace(content), []byte("true")), bytes.HasPrefix(bytes.TrimSpace(content), []byte("false")):
		return KindTrustedList
	case bytes.Contains(content, []byte(`"@context"`)) && !bytes.Contains(content, []byte("VerifiableCredential")):
		return KindContext
	}
	return KindCredential
}
