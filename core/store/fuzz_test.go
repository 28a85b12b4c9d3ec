package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzParseEnvelope: any input either decodes to an envelope that encodes
// back to the same bytes, or fails with an *Error wrapping ErrMalformed;
// it never panics. Seeds are the envelopes of the v1 fixture.
func FuzzParseEnvelope(f *testing.F) {
	for k, v := range readFixture(f, v1Fixture).KV {
		if strings.HasPrefix(k, recordPrefix) {
			f.Add(v)
		}
	}
	f.Add([]byte("GXR\x01"))
	f.Add([]byte("GXR\x01\x01\x08settings"))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := ParseEnvelope(b)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %T %v is not a store *Error wrapping ErrMalformed", err, err)
			}
			return
		}
		out, err := e.MarshalBinary()
		if err != nil {
			t.Fatalf("parsed envelope does not encode: %v", err)
		}
		if !bytes.Equal(out, b) {
			t.Fatalf("round trip: %x != %x", out, b)
		}
	})
}

// FuzzParseHeader: no panic; errors are store errors.
func FuzzParseHeader(f *testing.F) {
	f.Add(readFixture(f, v1Fixture).KV[headerKey])
	f.Add([]byte(`{"format":"gxwallet-store/1","schema":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := parseHeader(b); err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error %T %v is not a store *Error", err, err)
			}
		}
	})
}
