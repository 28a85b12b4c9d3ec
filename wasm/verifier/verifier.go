package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

// The codes a verify promise rejects with, besides [jsutil.CodeInternal].
const (
	CodeBadOptions = "bad_options"
	CodeBadInput   = "bad_input"
)

// MaxOptionsBytes bounds the JSON form of the options: a handful of DID
// documents and status list credentials (a 131,072-entry Bitstring Status
// List is 16 KiB before gzip and base64) fit in well under 1 MiB; 8 MiB
// leaves room for many and still refuses a runaway object graph.
const MaxOptionsBytes = 8 << 20

// libRequest is the options object of verify: the fields of
// [verify.Request] (the contract shared with the worker and the CLI) and
// the library's own fetch (fetch.go).
type libRequest struct {
	verify.Request
	Fetch fetchOption `json:"fetch"`
}

// decodeOptions reads the JSON form of the options strictly: one object of
// the fields of [libRequest], nothing else. Empty input and null mean
// no options.
func decodeOptions(b []byte) (libRequest, error) {
	var req libRequest
	if len(b) > MaxOptionsBytes {
		return req, jsutil.Errorf(CodeBadOptions, "options too large (%d bytes, limit %d)", len(b), MaxOptionsBytes)
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return req, nil
	}
	if b[0] != '{' {
		return req, jsutil.Errorf(CodeBadOptions, "options must be an object")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return libRequest{}, jsutil.Errorf(CodeBadOptions, "options: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return libRequest{}, jsutil.Errorf(CodeBadOptions, "options: trailing data after the object")
	}
	return req, nil
}

// verifyJSON verifies input under the JSON options and returns the Result
// as JSON. transport carries the fetches of options.fetch (nil: the option
// is refused). The error, always a *[jsutil.Error], is for a call that could not
// produce a Result: bad options ([CodeBadOptions]) or a failure of core
// that left no Result ([jsutil.CodeInternal]). When core returns both a
// Result and an error (an indeterminate verification), the Result wins: it
// already says, check by check, what could not be evaluated.
func verifyJSON(ctx context.Context, input, options []byte, transport http.RoundTripper) ([]byte, error) {
	req, err := decodeOptions(options)
	if err != nil {
		return nil, err
	}
	var base verify.Options
	if req.Fetch.Enabled {
		if transport == nil {
			return nil, jsutil.Errorf(CodeBadOptions, "options: fetch: this host has no fetch")
		}
		base.Fetcher = newBrowserFetcher(req.Fetch, transport)
	}
	opts, err := req.Apply(base)
	if err != nil {
		return nil, jsutil.Errorf(CodeBadOptions, "%w", err)
	}
	res, err := verify.Verify(ctx, input, opts)
	if err != nil && res.Status == "" {
		return nil, jsutil.Errorf(jsutil.CodeInternal, "verification produced no result: %w", err)
	}
	out, err := json.Marshal(res)
	if err != nil {
		return nil, jsutil.Errorf(jsutil.CodeInternal, "encode result: %w", err)
	}
	return out, nil
}
