package main

import (
	"os"
	"regexp"
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
