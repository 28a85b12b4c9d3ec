//go:build js && wasm

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"
)

// fetchTransport is an http.RoundTripper over the host's fetch(), called
// through safejs. It sends GET requests without a body, with no cookies or
// HTTP credentials (credentials "omit"), in CORS mode, and with redirect
// "manual": an opaque redirect comes back as status 0, which httpfetch
// refuses to follow, since the browser hides its target.
//
// It replaces net/http's js/wasm transport, which does the same through
// pseudo-headers but keeps Go's own HTTP/1 client and crypto/tls as its
// fallback for hosts without fetch: about 0.65 MiB of gzip in
// verifier.wasm, which the lite library (make lib-lite, under the Workers
// free plan's 3 MiB) cannot carry. The response body is streamed, so that
// httpfetch's size bound stops reading a large one.
type fetchTransport struct{}

func (fetchTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && req.Body != http.NoBody {
		req.Body.Close()
		return nil, errors.New("fetch: a request body is not supported")
	}
	if req.Method != http.MethodGet {
		return nil, fmt.Errorf("fetch: method %s is not supported", req.Method)
	}
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	g := safejs.Global()
	ac, err := newJS(g, "AbortController")
	if err != nil {
		return nil, err
	}
	signal, err := ac.Get("signal")
	if err != nil {
		return nil, err
	}
	headers, err := newJS(g, "Headers")
	if err != nil {
		return nil, err
	}
	for k, vs := range req.Header {
		for _, v := range vs {
			if _, err := headers.Call("append", k, v); err != nil {
				return nil, fmt.Errorf("fetch: header %s: %w", k, err)
			}
		}
	}
	init, err := newJS(g, "Object")
	if err != nil {
		return nil, err
	}
	for k, v := range map[string]any{"method": "GET", "credentials": "omit", "mode": "cors", "redirect": "manual", "signal": signal, "headers": headers} {
		if err := init.Set(k, v); err != nil {
			return nil, err
		}
	}
	// Abort the fetch, and the reading of its body, when ctx ends; the
	// body's Close stops this.
	stop := context.AfterFunc(ctx, func() { ac.Call("abort") })
	p, err := g.Call("fetch", req.URL.String(), init)
	if err != nil {
		stop()
		return nil, fmt.Errorf("fetch() failed: %w", err)
	}
	res, err := await(p)
	if err != nil {
		stop()
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("fetch() failed: %w", err)
	}
	out, err := response(req, res, stop)
	if err != nil {
		stop()
		return nil, err
	}
	return out, nil
}

// response turns a JS Response into an *http.Response whose body streams.
func response(req *http.Request, res safejs.Value, stop func() bool) (*http.Response, error) {
	status, err := jsInt(res, "status")
	if err != nil {
		return nil, err
	}
	header, err := responseHeader(res)
	if err != nil {
		return nil, err
	}
	length := int64(-1)
	if cl := header.Get("Content-Length"); cl != "" && header.Get("Content-Encoding") == "" {
		// fetch decodes a Content-Encoding, after which Content-Length
		// counts other bytes.
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
			length = n
		}
	}
	out := &http.Response{
		Status:        fmt.Sprintf("%d %s", status, http.StatusText(status)),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        header,
		ContentLength: length,
		Request:       req,
		Body:          http.NoBody,
	}
	body, err := res.Get("body")
	if err != nil {
		return nil, err
	}
	if body.IsNull() || body.IsUndefined() {
		stop()
		return out, nil
	}
	reader, err := body.Call("getReader")
	if err != nil {
		return nil, err
	}
	out.Body = &streamBody{reader: reader, stop: stop}
	return out, nil
}

func responseHeader(res safejs.Value) (http.Header, error) {
	h, err := res.Get("headers")
	if err != nil {
		return nil, err
	}
	it, err := h.Call("entries")
	if err != nil {
		return nil, err
	}
	header := http.Header{}
	for {
		n, err := it.Call("next")
		if err != nil {
			return nil, err
		}
		if done, err := jsBool(n, "done"); err != nil || done {
			return header, err
		}
		pair, err := n.Get("value")
		if err != nil {
			return nil, err
		}
		k, err := indexString(pair, 0)
		if err != nil {
			return nil, err
		}
		v, err := indexString(pair, 1)
		if err != nil {
			return nil, err
		}
		header.Add(k, v)
	}
}

// streamBody reads a ReadableStream's default reader.
type streamBody struct {
	reader  safejs.Value
	pending []byte
	err     error
	stop    func() bool
}

func (b *streamBody) Read(p []byte) (int, error) {
	for len(b.pending) == 0 {
		if b.err != nil {
			return 0, b.err
		}
		b.pending, b.err = b.next()
	}
	n := copy(p, b.pending)
	b.pending = b.pending[n:]
	return n, nil
}

// next awaits one chunk: its bytes, or io.EOF at the end.
func (b *streamBody) next() ([]byte, error) {
	p, err := b.reader.Call("read")
	if err != nil {
		return nil, err
	}
	r, err := await(p)
	if err != nil {
		return nil, fmt.Errorf("fetch: reading the body: %w", err)
	}
	if done, err := jsBool(r, "done"); err != nil || done {
		if err == nil {
			err = io.EOF
		}
		return nil, err
	}
	chunk, err := r.Get("value")
	if err != nil {
		return nil, err
	}
	size, err := jsInt(chunk, "byteLength")
	if err != nil {
		return nil, err
	}
	buf := make([]byte, size)
	if _, err := safejs.CopyBytesToGo(buf, chunk); err != nil {
		return nil, err
	}
	return buf, nil
}

func (b *streamBody) Close() error {
	if b.err == nil {
		b.err = errors.New("fetch: body closed")
	}
	b.pending = nil
	b.reader.Call("cancel") // the promise it returns settles on its own
	b.stop()
	return nil
}

// await waits for a JS promise to settle. It must not run inside a JS
// callback (PLATFORM.md): the callbacks here only send on a channel.
func await(p safejs.Value) (safejs.Value, error) {
	type settled struct {
		v   safejs.Value
		err error
	}
	ch := make(chan settled, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		var v safejs.Value
		if len(args) > 0 {
			v = args[0]
		}
		ch <- settled{v: v}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer onOK.Release()
	onErr, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		msg := "rejected"
		if len(args) > 0 {
			msg = jsErrorText(args[0])
		}
		ch <- settled{err: errors.New(msg)}
		return nil
	})
	if err != nil {
		return safejs.Value{}, err
	}
	defer onErr.Release()
	if _, err := p.Call("then", onOK, onErr); err != nil {
		return safejs.Value{}, err
	}
	s := <-ch
	return s.v, s.err
}

// jsErrorText is a rejection's text: String(reason), and its cause's (a
// TypeError "fetch failed" in Node carries the reason there).
func jsErrorText(reason safejs.Value) string {
	str, err := safejs.Global().Get("String")
	if err != nil {
		return "rejected"
	}
	text := func(v safejs.Value) string {
		s, err := str.Invoke(v)
		if err != nil {
			return "?"
		}
		t, _ := s.String()
		return t
	}
	msg := text(reason)
	if reason.Type() == safejs.TypeObject {
		if cause, err := reason.Get("cause"); err == nil && !cause.IsUndefined() && !cause.IsNull() {
			msg += ": " + text(cause)
		}
	}
	return strings.TrimSpace(msg)
}

func newJS(g safejs.Value, ctor string) (safejs.Value, error) {
	c, err := g.Get(ctor)
	if err != nil {
		return safejs.Value{}, err
	}
	if c.Type() != safejs.TypeFunction {
		return safejs.Value{}, fmt.Errorf("fetch: this host has no %s", ctor)
	}
	return c.New()
}

func jsInt(v safejs.Value, prop string) (int, error) {
	p, err := v.Get(prop)
	if err != nil {
		return 0, err
	}
	return p.Int()
}

func jsBool(v safejs.Value, prop string) (bool, error) {
	p, err := v.Get(prop)
	if err != nil {
		return false, err
	}
	return p.Truthy()
}

func indexString(v safejs.Value, i int) (string, error) {
	e, err := v.Index(i)
	if err != nil {
		return "", err
	}
	return e.String()
}
