// Package strictjson decodes JSON the way signed structures must be read:
// a duplicate member name, trailing data or nesting deeper than a bound is
// an error, not a silent last-one-wins (RFC 8259 §4 leaves duplicates
// undefined; RFC 7515 §5.2 requires rejecting them in JOSE headers).
package strictjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Errors callers branch on.
var (
	ErrDuplicateKey = errors.New("duplicate member name")
	ErrTooDeep      = errors.New("nested too deeply")
	ErrTrailing     = errors.New("trailing data after JSON value")
)

// Check reports whether data is one JSON value with no duplicate member
// names and no nesting deeper than maxDepth. It does not decode.
func Check(data []byte, maxDepth int) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := walk(dec, 0, maxDepth); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return ErrTrailing
	}
	return nil
}

func walk(dec *json.Decoder, depth, maxDepth int) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	if depth+1 > maxDepth {
		return ErrTooDeep
	}
	switch d {
	case '{':
		seen := make(map[string]struct{})
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := kt.(string)
			if _, dup := seen[k]; dup {
				return fmt.Errorf("%w %q", ErrDuplicateKey, trunc(k))
			}
			seen[k] = struct{}{}
			if err := walk(dec, depth+1, maxDepth); err != nil {
				return err
			}
		}
	case '[':
		for dec.More() {
			if err := walk(dec, depth+1, maxDepth); err != nil {
				return err
			}
		}
	}
	_, err = dec.Token() // closing delimiter
	return err
}

// Unmarshal checks data with [Check] and then decodes it into v.
func Unmarshal(data []byte, v any, maxDepth int) error {
	if err := Check(data, maxDepth); err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
