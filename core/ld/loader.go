package ld

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	jsonld "github.com/piprate/json-gold/ld"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// DocumentLoader is json-gold's loader interface, so that callers can pass
// a loader without importing json-gold.
type DocumentLoader = jsonld.DocumentLoader

// RemoteDocument is what a [DocumentLoader] returns.
type RemoteDocument = jsonld.RemoteDocument

//go:embed contexts/*.jsonld contexts/index.json
var contextFS embed.FS

// maxContextDepth bounds nesting in a context document.
const maxContextDepth = 32

// pin is one entry of contexts/index.json.
type pin struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// embedded holds the parsed contexts, one entry per file, each parsed and
// checked against its pin on first use.
type embedded struct {
	once sync.Once
	pin  pin
	doc  any
	err  error
}

var (
	indexOnce sync.Once
	index     map[string]*embedded // URL → entry (aliases share an entry)
	indexErr  error
)

func loadIndex() {
	b, err := contextFS.ReadFile("contexts/index.json")
	if err != nil {
		indexErr = err
		return
	}
	var pins map[string]pin
	if err := strictjson.Unmarshal(b, &pins, 4); err != nil {
		indexErr = fmt.Errorf("contexts/index.json: %w", err)
		return
	}
	byFile := map[string]*embedded{}
	index = make(map[string]*embedded, len(pins))
	for u, p := range pins {
		e, ok := byFile[p.File]
		if !ok {
			e = &embedded{pin: p}
			byFile[p.File] = e
		} else if e.pin.SHA256 != p.SHA256 {
			indexErr = fmt.Errorf("contexts/index.json: %s pinned with two digests", p.File)
			return
		}
		index[u] = e
	}
}

func (e *embedded) load() (any, error) {
	e.once.Do(func() {
		b, err := contextFS.ReadFile("contexts/" + e.pin.File)
		if err != nil {
			e.err = err
			return
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != e.pin.SHA256 {
			e.err = fmt.Errorf("embedded context %s has sha256 %s, pinned %s", e.pin.File, got, e.pin.SHA256)
			return
		}
		e.doc, e.err = parseContext(b)
	})
	return e.doc, e.err
}

// EmbeddedURLs lists the context URLs served from the embedded, pinned
// set (aliases included), in no particular order.
func EmbeddedURLs() []string {
	indexOnce.Do(loadIndex)
	urls := make([]string, 0, len(index))
	for u := range index {
		urls = append(urls, u)
	}
	return urls
}

// Loader serves JSON-LD contexts offline: first the contexts embedded in
// this package and pinned by SHA-256 (contexts/index.json), then the
// contexts the caller allowlists in Extra. Any other URL fails with
// [CodeContextUnknown]. It never touches the network or the file system.
//
// The key of a lookup is the URL with any "#fragment" removed; keys of
// Extra are treated the same way. An embedded context cannot be
// overridden through Extra.
//
// Each context is parsed once and cached; LoadDocument returns a deep copy,
// because json-gold may modify a loaded context (@import merging). A Loader
// is safe for concurrent use; it must not be copied after first use. The
// zero value serves the embedded contexts only.
//
// Loader does not check that an Extra context is the one its URL serves
// today: the caller vouches for the bytes (for example from a signed or
// pinned offline bundle).
type Loader struct {
	// Extra maps context URLs to context documents supplied by the caller.
	// It must not be modified after first use.
	Extra map[string][]byte

	mu    sync.Mutex
	cache map[string]any
}

// DefaultLoader serves the embedded contexts only.
var DefaultLoader = &Loader{}

// LoadDocument implements [DocumentLoader].
func (l *Loader) LoadDocument(u string) (*RemoteDocument, error) {
	key := stripFragment(u)
	doc, err := l.lookup(key)
	if err != nil {
		return nil, err
	}
	return &RemoteDocument{DocumentURL: key, Document: jsonld.CloneDocument(doc)}, nil
}

func (l *Loader) lookup(key string) (any, error) {
	indexOnce.Do(loadIndex)
	if indexErr != nil {
		return nil, &Error{Code: CodeContextInvalid, Err: indexErr}
	}
	if e, ok := index[key]; ok {
		doc, err := e.load()
		if err != nil {
			return nil, &Error{Code: CodeContextInvalid, URL: key, Err: err}
		}
		return doc, nil
	}
	raw, ok := l.extra(key)
	if !ok {
		return nil, &Error{Code: CodeContextUnknown, URL: key, Err: fmt.Errorf("context is not embedded or allowlisted")}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if doc, ok := l.cache[key]; ok {
		return doc, nil
	}
	if len(raw) > MaxContextBytes {
		return nil, &Error{Code: CodeContextInvalid, URL: key, Err: fmt.Errorf("context of %d bytes exceeds %d", len(raw), MaxContextBytes)}
	}
	doc, err := parseContext(raw)
	if err != nil {
		return nil, &Error{Code: CodeContextInvalid, URL: key, Err: err}
	}
	if l.cache == nil {
		l.cache = map[string]any{}
	}
	l.cache[key] = doc
	return doc, nil
}

func (l *Loader) extra(key string) ([]byte, bool) {
	if b, ok := l.Extra[key]; ok {
		return b, true
	}
	for k, b := range l.Extra {
		if stripFragment(k) == key {
			return b, true
		}
	}
	return nil, false
}

// parseContext decodes a context document strictly (no duplicate members,
// bounded depth) and requires a top-level object with an @context member.
func parseContext(b []byte) (any, error) {
	var doc any
	if err := strictjson.Unmarshal(b, &doc, maxContextDepth); err != nil {
		return nil, err
	}
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("context document is not a JSON object")
	}
	if _, ok := m["@context"]; !ok {
		return nil, fmt.Errorf("context document has no @context member")
	}
	return doc, nil
}

func stripFragment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		return u[:i]
	}
	return u
}
