package main

import (
	"encoding/json"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/verify"
)

type openapiDoc struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
	Comps   struct {
		Schemas map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Enum       []string                   `json:"enum"`
			Required   []string                   `json:"required"`
		} `json:"schemas"`
	} `json:"components"`
}

func loadOpenAPI(t *testing.T) openapiDoc {
	t.Helper()
	var d openapiDoc
	if err := json.Unmarshal(openapiJSON, &d); err != nil {
		t.Fatal(err)
	}
	if d.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", d.OpenAPI)
	}
	return d
}

func keys[M ~map[string]V, V any](m M) []string {
	k := make([]string, 0, len(m))
	for s := range m {
		k = append(k, s)
	}
	sort.Strings(k)
	return k
}

// The handler's routes and the document's paths are the same set, with
// the same methods.
func TestOpenAPIRoutes(t *testing.T) {
	d := loadOpenAPI(t)
	var paths []string
	for _, rt := range routes {
		paths = append(paths, rt.path)
		ops, ok := d.Paths[rt.path]
		if !ok {
			t.Errorf("route %s is not in openapi.json", rt.path)
			continue
		}
		var methods []string
		for _, m := range rt.methods {
			methods = append(methods, strings.ToLower(m))
		}
		sort.Strings(methods)
		if got := keys(ops); !slices.Equal(got, methods) {
			t.Errorf("%s: openapi.json has %v, the handler serves %v", rt.path, got, methods)
		}
	}
	sort.Strings(paths)
	if got := keys(d.Paths); !slices.Equal(got, paths) {
		t.Errorf("openapi.json paths %v, handler routes %v", got, paths)
	}
	// Every documented operation answers something other than 404 here.
	h := newHandler("test", verify.Options{})
	for p, ops := range d.Paths {
		for m := range ops {
			res, b := do(t, h, strings.ToUpper(m), p, []byte(`{}`))
			if res.StatusCode == 404 || res.StatusCode == 405 {
				t.Errorf("%s %s: %d %s", m, p, res.StatusCode, b)
			}
		}
	}
	res, b := do(t, h, "GET", "/openapi.json", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" || string(b) != string(openapiJSON) {
		t.Errorf("GET /openapi.json: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// The schemas name every field the handler writes and reads.
func TestOpenAPISchemas(t *testing.T) {
	d := loadOpenAPI(t)
	s := d.Comps.Schemas
	if !slices.Equal(s["ErrorCode"].Enum, errorCodes) {
		t.Errorf("ErrorCode enum %v, handler codes %v", s["ErrorCode"].Enum, errorCodes)
	}
	want := func(schema string, v any) {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		json.Unmarshal(b, &m)
		if got, w := keys(s[schema].Properties), keys(m); !slices.Equal(got, w) {
			t.Errorf("schema %s has %v, the JSON has %v", schema, got, w)
		}
	}
	now := time.Now()
	age := int64(1)
	full := verify.Result{Status: "active", Format: "vc+jwt", Issuer: "i", Subject: "s", Claims: map[string]any{"a": 1},
		Checks: []verify.Check{{ID: "x", Status: verify.Fail, Code: "c", Detail: "d"}}, Credentials: []verify.Result{{Status: "active"}}}
	want("Result", full)
	want("Check", full.Checks[0])
	want("Error", apiError{Code: "c", Message: "m"})
	want("StatusAnswer", statusAnswer{URL: "u", Cached: true, Tier: "isolate", FetchedAt: &now, AgeSeconds: &age, FreshUntil: &now})
	want("Health", health{})
	want("VerifyRequest", verifyRequest{Credential: json.RawMessage(`"x"`), Options: json.RawMessage(`{}`)})
	var opts []string
	rt := reflect.TypeFor[verify.Request]()
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		opts = append(opts, name)
	}
	sort.Strings(opts)
	if got := keys(s["Options"].Properties); !slices.Equal(got, opts) {
		t.Errorf("schema Options has %v, verify.Request has %v", got, opts)
	}
	var statuses []string
	for _, st := range []verify.Status{verify.StatusActive, verify.StatusExpired, verify.StatusRevoked, verify.StatusSuspended,
		verify.StatusDeprecated, verify.StatusInvalid, verify.StatusUntrusted} {
		statuses = append(statuses, string(st))
	}
	if !slices.Equal(s["Status"].Enum, statuses) {
		t.Errorf("Status enum %v, want %v", s["Status"].Enum, statuses)
	}
}
