package verify

import (
	"context"
	"time"
)

// Verify verifies one credential or presentation: a compact vc+jwt or
// vp+jwt (also typ vc+ld+json+jwt), or a JSON document. It is the one
// place that reads the wall clock, when opts.Now is zero.
//
// Malformed input, a bad signature or a failed rule is reported in the
// Result (status invalid, a check with a code), not as an error. The error
// is non-nil only when the input could not be evaluated: ctx was
// cancelled, or a resource the verification needs was unavailable
// ([ErrIndeterminate]); the Result then still says what was found.
func Verify(ctx context.Context, input []byte, opts Options) (Result, error) {
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	return verify(ctx, input, opts)
}
