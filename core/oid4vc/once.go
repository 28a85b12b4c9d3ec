package oid4vc

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"sync"
	"time"
)

// Errors of Once, which callers branch on to pick the wire code
// (invalid_grant for a code, invalid_token for an access token,
// invalid_nonce for a c_nonce, a refused response for a verifier's state).
var (
	// ErrUnknown: the token was never issued, or was already used.
	ErrUnknown = errors.New("unknown or already used")
	// ErrExpired: the token was issued but its lifetime has passed; it
	// is removed.
	ErrExpired = errors.New("expired")
	// ErrFull: MaxPending live entries; try again later.
	ErrFull = errors.New("too many pending entries")
)

// Once is a store of single-use, expiring random tokens, each carrying a
// value: pre-authorized codes, access tokens and c_nonces on an issuer, a
// verifier's pending requests (keyed by state, holding the nonce). The zero
// value is ready, with DefaultTTL and MaxPending; time is an input to each
// call. It is safe for concurrent use.
type Once[T any] struct {
	// TTL is the lifetime of new entries; zero means DefaultTTL.
	TTL time.Duration
	// Max bounds the live entries; zero means MaxPending.
	Max int

	mu sync.Mutex
	m  map[string]onceEntry[T]
}

type onceEntry[T any] struct {
	v       T
	expires time.Time
}

// NewToken returns 256 random bits as unpadded base64url (43 characters),
// from crypto/rand.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Put stores v under a fresh token and returns the token and its expiry.
// Expired entries are dropped first; when Max entries are still live it
// fails with ErrFull.
func (o *Once[T]) Put(v T, now time.Time) (string, time.Time, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[string]onceEntry[T]{}
	}
	max := o.Max
	if max == 0 {
		max = MaxPending
	}
	if len(o.m) >= max {
		for k, e := range o.m {
			if !now.Before(e.expires) {
				delete(o.m, k)
			}
		}
		if len(o.m) >= max {
			return "", time.Time{}, ErrFull
		}
	}
	ttl := o.TTL
	if ttl == 0 {
		ttl = DefaultTTL
	}
	tok := NewToken()
	exp := now.Add(ttl)
	o.m[tok] = onceEntry[T]{v: v, expires: exp}
	return tok, exp, nil
}

// Get returns the value of a live token without using it up.
func (o *Once[T]) Get(token string, now time.Time) (T, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lookup(token, now, false)
}

// Take returns the value of a live token and removes it: a second Take of
// the same token fails with ErrUnknown.
func (o *Once[T]) Take(token string, now time.Time) (T, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.lookup(token, now, true)
}

func (o *Once[T]) lookup(token string, now time.Time, take bool) (T, error) {
	var zero T
	e, ok := o.m[token]
	switch {
	case !ok:
		return zero, ErrUnknown
	case !now.Before(e.expires):
		delete(o.m, token)
		return zero, ErrExpired
	}
	if take {
		delete(o.m, token)
	}
	return e.v, nil
}

// Len returns the number of entries, live or expired but not yet dropped.
func (o *Once[T]) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.m)
}
