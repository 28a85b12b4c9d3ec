//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestFetchTransport runs fetchTransport on Node's fetch: data: URLs stand
// for answers (Node's fetch cannot reach a Go test server, which lives on
// Go's in-memory network under js/wasm), and a closed loopback port for a
// network failure.
func TestFetchTransport(t *testing.T) {
	get := func(ctx context.Context, rawURL string) (*http.Response, error) {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept", browserAccept)
		return fetchTransport{}.RoundTrip(req)
	}

	t.Run("answer streamed", func(t *testing.T) {
		want := bytes.Repeat([]byte(`{"a":"b"}`), 50_000) // 450 kB: several chunks
		res, err := get(context.Background(), "data:application/json,"+url.PathEscape(string(want)))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		got, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" || !bytes.Equal(got, want) {
			t.Errorf("%d %q, %d bytes, want 200 application/json and %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(got), len(want))
		}
	})

	t.Run("closed early", func(t *testing.T) {
		res, err := get(context.Background(), "data:text/plain,"+strings.Repeat("x", 1<<20))
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 10)
		if n, err := io.ReadFull(res.Body, buf); n != 10 || err != nil {
			t.Fatalf("read %d: %v", n, err)
		}
		res.Body.Close()
		if _, err := res.Body.Read(buf); err == nil {
			t.Error("a closed body still reads")
		}
	})

	t.Run("network failure is an error", func(t *testing.T) {
		res, err := get(context.Background(), "http://127.0.0.1:1/did.json")
		if err == nil {
			res.Body.Close()
			t.Fatalf("HTTP %d from a closed port", res.StatusCode)
		}
		if !strings.Contains(err.Error(), "fetch() failed") {
			t.Errorf("error %q", err)
		}
	})

	t.Run("cancelled context", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := get(ctx, "data:text/plain,x"); err != context.Canceled {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})

	t.Run("only GET", func(t *testing.T) {
		req, _ := http.NewRequest(http.MethodPost, "data:text/plain,x", strings.NewReader("body"))
		if _, err := (fetchTransport{}).RoundTrip(req); err == nil {
			t.Error("a POST was sent")
		}
	})
}
