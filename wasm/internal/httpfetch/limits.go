package httpfetch

import (
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
)

// Named limits of a fetch (STYLE rule 22).
const (
	// MaxBytes bounds one fetched resource (DID document, status list,
	// trusted list) when a Fetcher sets no bound: fetch.MaxBytes, the
	// bound core assumes.
	MaxBytes = fetch.MaxBytes

	// MaxRedirects bounds the redirects one fetch follows; each hop is
	// checked against the Policy again.
	MaxRedirects = 3

	// MaxURLBytes bounds a URL we fetch or look up; longer ones are refused
	// before parsing.
	MaxURLBytes = 2048

	// Timeout bounds one fetch, redirects and body included, when a
	// Fetcher sets no bound.
	Timeout = 5 * time.Second
)
