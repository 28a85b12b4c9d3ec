package httpfetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/fetch"
)

func TestHTTPFetcher(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("other")) }))
	defer other.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(`{"id":"x"}`)) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	mux.HandleFunc("/err", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 101))) })
	mux.HandleFunc("/bigchunked", func(w http.ResponseWriter, r *http.Request) {
		for range 11 {
			w.Write([]byte(strings.Repeat("x", 10)))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/exact", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(strings.Repeat("x", 100))) })
	mux.HandleFunc("/same", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/cross", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, other.URL, http.StatusFound) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/two", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/same", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/unavailable", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	f := &Fetcher{Transport: srv.Client().Transport, MaxBytes: 100, Policy: Policy{AllowedTestOrigins: []string{srv.URL}}, Timeout: 200 * time.Millisecond}
	ctx := context.Background()
	for _, tc := range []struct {
		path string
		want string
		err  error // errors.Is target; nil with want=="" means any error
	}{
		{"/ok", `{"id":"x"}`, nil},
		{"/same", `{"id":"x"}`, nil},
		{"/exact", strings.Repeat("x", 100), nil},
		{"/missing", "", fetch.ErrNotFound},
		{"/gone", "", fetch.ErrNotFound},
		{"/big", "", fetch.ErrTooLarge},
		{"/bigchunked", "", fetch.ErrTooLarge},
		{"/two", `{"id":"x"}`, nil},
		{"/err", "", ErrSourceDown},
		{"/unavailable", "", ErrSourceDown},
		{"/slow", "", ErrSourceDown},
		{"/forbidden", "", nil},
		{"/cross", "", nil},
		{"/loop", "", nil},
	} {
		t.Run(tc.path, func(t *testing.T) {
			got, err := f.Fetch(ctx, srv.URL+tc.path)
			if tc.want != "" {
				if err != nil || string(got) != tc.want {
					t.Fatalf("got %q, %v", got, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %q, want an error", got)
			}
			var fe *fetch.Error
			if !errors.As(err, &fe) || fe.URL != srv.URL+tc.path {
				t.Errorf("error %v is not a *fetch.Error naming the URL", err)
			}
			if tc.err != nil && !errors.Is(err, tc.err) {
				t.Errorf("error %v, want %v", err, tc.err)
			}
			if tc.err == nil && errors.Is(err, ErrSourceDown) {
				t.Errorf("error %v: the source answered, it is not down", err)
			}
		})
	}

	strict := &Fetcher{Transport: srv.Client().Transport}
	for _, u := range []string{srv.URL + "/ok", "ftp://x.example/a", "https://user:pw@x.example/a", "://bad", "https://10.0.0.1/x"} {
		if _, err := strict.Fetch(ctx, u); !errors.Is(err, ErrRefused) {
			t.Errorf("%s: %v, want a policy refusal", u, err)
		}
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// The browser's answers: an opaque redirect (status 0) is not followed and
// says why; a transport failure keeps its own error in the chain; the
// extra headers reach the transport.
func TestFetcherBrowserAnswers(t *testing.T) {
	const u = "https://issuer.example/.well-known/did.json"
	var seen http.Header
	opaque := &Fetcher{Header: http.Header{"Js.fetch:redirect": {"manual"}}, Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r.Header
		return &http.Response{StatusCode: 0, Header: http.Header{}, Body: http.NoBody}, nil
	})}
	_, err := opaque.Fetch(context.Background(), u)
	if !errors.Is(err, ErrRedirectNotFollowed) || errors.Is(err, ErrSourceDown) {
		t.Errorf("opaque redirect: %v", err)
	}
	if seen.Get("Js.fetch:redirect") != "manual" || seen.Get("Accept") == "" {
		t.Errorf("request headers %v", seen)
	}
	blocked := errors.New("TypeError: Failed to fetch")
	down := &Fetcher{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, blocked })}
	_, err = down.Fetch(context.Background(), u)
	var fe *fetch.Error
	if !errors.Is(err, ErrSourceDown) || !errors.Is(err, blocked) || !errors.As(err, &fe) || fe.URL != u {
		t.Errorf("transport failure: %v", err)
	}
}
