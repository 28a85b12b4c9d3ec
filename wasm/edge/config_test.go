package main

import (
	"maps"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The wrangler and the standalone workerd configurations must run the
// worker under the same compatibility date.
func TestCompatibilityDatesAgree(t *testing.T) {
	read := func(name, pattern string) string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(pattern).FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no match for %s", name, pattern)
		}
		return string(m[1])
	}
	w := read("wrangler.toml", `(?m)^compatibility_date = "([0-9-]+)"`)
	c := read("workerd.capnp", `(?m)^\s*compatibilityDate = "([0-9-]+)"`)
	if w != c {
		t.Errorf("wrangler.toml compatibility_date %s, workerd.capnp compatibilityDate %s", w, c)
	}
}

// wrangler.toml [vars] and the workerd.capnp bindings declare exactly the
// variables Config reads, with the same defaults, and those defaults load.
func TestConfigVarsDeclared(t *testing.T) {
	read := func(name, pattern string) (names []string, values map[string]string) {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		values = map[string]string{}
		for _, m := range regexp.MustCompile(pattern).FindAllSubmatch(b, -1) {
			names = append(names, string(m[1]))
			values[string(m[1])] = string(m[2])
		}
		return names, values
	}
	wn, wv := read("wrangler.toml", `(?m)^([A-Z_]+) = "([^"]*)"$`)
	cn, cv := read("workerd.capnp", `(?m)^\s*\(name = "([A-Z_]+)", text = "([^"]*)"\),$`)
	if !slices.Equal(wn, configVars) {
		t.Errorf("wrangler.toml [vars] %v, config.go reads %v", wn, configVars)
	}
	if !slices.Equal(cn, configVars) {
		t.Errorf("workerd.capnp bindings %v, config.go reads %v", cn, configVars)
	}
	if !maps.Equal(wv, cv) {
		t.Errorf("defaults differ: wrangler.toml %v, workerd.capnp %v", wv, cv)
	}
	c, err := loadConfig(func(name string) string { return wv[name] })
	if err != nil {
		t.Fatal(err)
	}
	if c.cacheMaxAge() != DefaultCacheMaxAge || c.cacheDefaultTTL() != DefaultCacheTTL || len(c.AllowedTestOrigins) != 0 || len(c.AllowedOrigins) != 0 {
		t.Errorf("defaults: %+v", c)
	}
}

// worker.mjs bounds the Workers fetch with the same timeout as Go.
func TestFetchTimeoutAgrees(t *testing.T) {
	b, err := os.ReadFile("worker.mjs")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^const fetchTimeoutMs = ([0-9_]+);`).FindSubmatch(b)
	if m == nil {
		t.Fatal("worker.mjs: no fetchTimeoutMs")
	}
	if got := strings.ReplaceAll(string(m[1]), "_", ""); got != strconv.FormatInt(FetchTimeout.Milliseconds(), 10) {
		t.Errorf("worker.mjs fetchTimeoutMs %s, FetchTimeout %v", got, FetchTimeout)
	}
}
