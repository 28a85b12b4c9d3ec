package ld

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sync"
	"testing"
	"time"

	jsonld "github.com/piprate/json-gold/ld"
)

func readJSON(t testing.TB, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func without(m map[string]any, key string) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			c[k] = v
		}
	}
	return c
}

func TestCanonicalizeVC0Document(t *testing.T) {
	t.Parallel()
	doc := without(readJSON(t, "vc_0.json"), "proof")
	want, err := os.ReadFile("testdata/vc_0.document.nq")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Canonicalize(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("N-Quads differ:\ngot:\n%s\nwant:\n%s", got, want)
	}
	if s := sha(got); s != "8e261497212183c4f54d354f55fb7929dbf4f4e2c5a6a232c5c52b1cc3e45ff5" {
		t.Errorf("sha256 = %s", s)
	}
}

func TestCanonicalizeVC0ProofOptions(t *testing.T) {
	t.Parallel()
	vc := readJSON(t, "vc_0.json")
	opts := without(vc["proof"].(map[string]any), "jws")
	opts["@context"] = vc["@context"]
	got, err := Canonicalize(opts, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile("testdata/vc_0.proof-options.nq")
	if got != string(want) {
		t.Errorf("N-Quads differ:\ngot:\n%s\nwant:\n%s", got, want)
	}
	if s := sha(got); s != "7df04c7a9a2d9217f38479cd782a83a3b53eff75861824489c9ee6cc046447ba" {
		t.Errorf("sha256 = %s", s)
	}
}

func TestCanonicalizeDoesNotModifyInput(t *testing.T) {
	t.Parallel()
	doc := readJSON(t, "party_credential.json")
	before := readJSON(t, "party_credential.json")
	if _, err := Canonicalize(doc, Options{}); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(doc, before) {
		t.Error("Canonicalize modified its input")
	}
}

// The ICAM 25.11 party credential uses credentials/v2 and the moving
// gaia-x development context.
func TestCanonicalizePartyCredential(t *testing.T) {
	t.Parallel()
	doc := without(readJSON(t, "party_credential.json"), "proof")
	got, err := Canonicalize(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no N-Quads")
	}
	again, err := Canonicalize(doc, Options{})
	if err != nil || again != got {
		t.Fatalf("not deterministic: %v", err)
	}
}

func TestUnknownContext(t *testing.T) {
	t.Parallel()
	doc := map[string]any{
		"@context": []any{"https://www.w3.org/2018/credentials/v1", "https://example.org/unknown#"},
		"type":     "VerifiableCredential",
	}
	_, err := Canonicalize(doc, Options{})
	if CodeOf(err) != CodeContextUnknown {
		t.Fatalf("err = %v, want %s", err, CodeContextUnknown)
	}
	var e *Error
	if !asError(err, &e) || e.URL != "https://example.org/unknown" {
		t.Errorf("URL = %q", e.URL)
	}
}

func asError(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}

const extraCtx = `{"@context":{"@version":1.1,"ex":"https://example.org/vocab#","color":"ex:color"}}`

func TestExtraContext(t *testing.T) {
	t.Parallel()
	l := &Loader{Extra: map[string][]byte{"https://example.org/ctx#": []byte(extraCtx)}}
	doc := map[string]any{
		"@context": []any{"https://example.org/ctx"},
		"@id":      "https://example.org/thing",
		"color":    "blue",
	}
	want := "<https://example.org/thing> <https://example.org/vocab#color> \"blue\" .\n"
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := Canonicalize(doc, Options{Loader: l})
			if err != nil || got != want {
				t.Errorf("got %q, %v", got, err)
			}
		}()
	}
	wg.Wait()
	// Without the allowlist the same document fails closed.
	if _, err := Canonicalize(doc, Options{}); CodeOf(err) != CodeContextUnknown {
		t.Errorf("err = %v, want %s", err, CodeContextUnknown)
	}
}

func TestExtraContextInvalid(t *testing.T) {
	t.Parallel()
	for name, body := range map[string]string{
		"not an object": `[]`,
		"no @context":   `{"a":1}`,
		"duplicate key": `{"@context":{},"@context":{}}`,
		"not json":      `{`,
	} {
		l := &Loader{Extra: map[string][]byte{"https://example.org/c": []byte(body)}}
		_, err := l.LoadDocument("https://example.org/c")
		if CodeOf(err) != CodeContextInvalid {
			t.Errorf("%s: err = %v, want %s", name, err, CodeContextInvalid)
		}
	}
}

// An embedded context cannot be replaced through Extra.
func TestEmbeddedWins(t *testing.T) {
	t.Parallel()
	l := &Loader{Extra: map[string][]byte{"https://www.w3.org/2018/credentials/v1": []byte(`{"@context":{}}`)}}
	rd, err := l.LoadDocument("https://www.w3.org/2018/credentials/v1")
	if err != nil {
		t.Fatal(err)
	}
	ctx := rd.Document.(map[string]any)["@context"].(map[string]any)
	if len(ctx) == 0 {
		t.Error("Extra overrode an embedded context")
	}
}

// LoadDocument hands out copies: a caller (json-gold merges @import
// contexts in place) cannot corrupt the cache.
func TestLoaderReturnsCopies(t *testing.T) {
	t.Parallel()
	a, err := DefaultLoader.LoadDocument("https://w3id.org/security/suites/jws-2020/v1")
	if err != nil {
		t.Fatal(err)
	}
	a.Document.(map[string]any)["@context"] = "poisoned"
	b, _ := DefaultLoader.LoadDocument("https://w3id.org/security/suites/jws-2020/v1")
	if b.Document.(map[string]any)["@context"] == "poisoned" {
		t.Error("cache was modified through a returned document")
	}
}

// TestPinnedHashes fails when an embedded context differs from the
// digest pinned in contexts/index.json, or when a file is not pinned.
func TestPinnedHashes(t *testing.T) {
	t.Parallel()
	b, err := contextFS.ReadFile("contexts/index.json")
	if err != nil {
		t.Fatal(err)
	}
	var pins map[string]pin
	if err := json.Unmarshal(b, &pins); err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for u, p := range pins {
		data, err := contextFS.ReadFile("contexts/" + p.File)
		if err != nil {
			t.Errorf("%s: %v", u, err)
			continue
		}
		if got := sha(string(data)); got != p.SHA256 {
			t.Errorf("%s: %s has sha256 %s, pinned %s", u, p.File, got, p.SHA256)
		}
		files[p.File] = true
		if _, err := DefaultLoader.LoadDocument(u + "#frag"); err != nil {
			t.Errorf("%s: %v", u, err)
		}
	}
	entries, _ := contextFS.ReadDir("contexts")
	for _, e := range entries {
		if n := e.Name(); n != "index.json" && !files[n] {
			t.Errorf("embedded %s is not pinned in index.json", n)
		}
	}
	// The credentials v2 digest is normative (VC DM 2.0 §B.1).
	if pins["https://www.w3.org/ns/credentials/v2"].SHA256 != "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734" {
		t.Error("credentials v2 is not pinned to the digest of VC DM 2.0 §B.1")
	}
	if len(EmbeddedURLs()) != len(pins) {
		t.Errorf("EmbeddedURLs has %d entries, index %d", len(EmbeddedURLs()), len(pins))
	}
}

// A pin mismatch fails closed.
func TestPinMismatch(t *testing.T) {
	t.Parallel()
	e := &embedded{pin: pin{File: "did-v1.jsonld", SHA256: "00"}}
	if _, err := e.load(); err == nil {
		t.Fatal("a context with the wrong digest loaded")
	}
}

// clique builds k blank nodes, each linked to all others by the same
// predicate: indistinguishable to first-degree hashing, the worst case of
// Hash N-Degree Quads.
func clique(k int) map[string]any {
	var graph []any
	for i := 0; i < k; i++ {
		var others []any
		for j := 0; j < k; j++ {
			if j != i {
				others = append(others, fmt.Sprintf("_:b%d", j))
			}
		}
		graph = append(graph, map[string]any{"@id": fmt.Sprintf("_:b%d", i), "p": others})
	}
	return map[string]any{
		"@context": map[string]any{"p": map[string]any{"@id": "http://example.org/p", "@type": "@id"}},
		"@graph":   graph,
	}
}

func TestBlankNodeBomb(t *testing.T) {
	t.Parallel()
	for _, k := range []int{7, 8, 12, 40} {
		start := time.Now()
		_, err := Canonicalize(clique(k), Options{})
		if CodeOf(err) != CodeTooComplex {
			t.Errorf("clique %d: err = %v, want %s", k, err, CodeTooComplex)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("clique %d: refusal took %v", k, d)
		}
	}
	// Small cliques are within budget.
	if _, err := Canonicalize(clique(4), Options{}); err != nil {
		t.Errorf("clique 4: %v", err)
	}
}

// Many identical objects under distinguishable parents are cheap and
// allowed, even when they come in entangled pairs.
func TestIdenticalSiblingsAllowed(t *testing.T) {
	t.Parallel()
	var items []any
	for i := 0; i < 300; i++ {
		items = append(items, map[string]any{"name": "x", "address": map[string]any{"city": "y"}})
	}
	doc := map[string]any{
		"@context": map[string]any{"@vocab": "http://example.org/"},
		"@id":      "http://example.org/root",
		"item":     items,
	}
	if _, err := Canonicalize(doc, Options{}); err != nil {
		t.Fatal(err)
	}
}

func TestInputLimits(t *testing.T) {
	t.Parallel()
	deep := map[string]any{}
	cur := deep
	for i := 0; i < MaxInputDepth+2; i++ {
		next := map[string]any{}
		cur["a"] = next
		cur = next
	}
	if _, err := Canonicalize(deep, Options{}); CodeOf(err) != CodeTooLarge {
		t.Errorf("deep: err = %v", err)
	}
	wide := make([]any, MaxInputValues+1)
	if _, err := Canonicalize(map[string]any{"a": wide}, Options{}); CodeOf(err) != CodeTooLarge {
		t.Errorf("wide: err = %v", err)
	}
	big := map[string]any{"a": string(make([]byte, MaxInputBytes+1))}
	if _, err := Canonicalize(big, Options{}); CodeOf(err) != CodeTooLarge {
		t.Errorf("big: err = %v", err)
	}
}

func TestInvalidJSONLD(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]map[string]any{
		"context number":  {"@context": 5.0},
		"bad @id type":    {"@context": map[string]any{"@vocab": "http://e/"}, "@id": 5.0},
		"protected redef": {"@context": []any{"https://www.w3.org/ns/credentials/v2", map[string]any{"id": "http://e/id"}}},
	} {
		_, err := Canonicalize(doc, Options{})
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if CodeOf(err) == "" {
			t.Errorf("%s: error without a code: %v", name, err)
		}
	}
}

// Node map generation is quadratic in the values of one property of one
// node; values of nodes sharing an @id merge.
func TestValueWorkLimit(t *testing.T) {
	t.Parallel()
	values := func(n int) []any {
		v := make([]any, n)
		for i := range v {
			v[i] = fmt.Sprint(i)
		}
		return v
	}
	ctx := map[string]any{"@vocab": "http://example.org/"}
	one := map[string]any{"@context": ctx, "@id": "http://example.org/x", "v": values(1500)}
	if _, err := Canonicalize(one, Options{}); CodeOf(err) != CodeTooComplex {
		t.Errorf("one array: err = %v", err)
	}
	var g []any
	for i := 0; i < 20; i++ {
		g = append(g, map[string]any{"@id": "http://example.org/x", "v": values(100)})
	}
	merged := map[string]any{"@context": ctx, "@graph": g}
	if _, err := Canonicalize(merged, Options{}); CodeOf(err) != CodeTooComplex {
		t.Errorf("merged nodes: err = %v", err)
	}
	ok := map[string]any{"@context": ctx, "@id": "http://example.org/x", "v": values(500)}
	if _, err := Canonicalize(ok, Options{}); err != nil {
		t.Errorf("500 values: %v", err)
	}
}

func TestQuadLimit(t *testing.T) {
	t.Parallel()
	ds := &jsonld.RDFDataset{Graphs: map[string][]*jsonld.Quad{}}
	for i := 0; i <= MaxQuads; i++ {
		q := jsonld.NewQuad(jsonld.NewIRI(fmt.Sprint("http://e/", i)), jsonld.NewIRI("http://e/p"), jsonld.NewLiteral("x", "", ""), "")
		ds.Graphs["@default"] = append(ds.Graphs["@default"], q)
	}
	if err := checkDataset(ds); CodeOf(err) != CodeTooComplex {
		t.Errorf("err = %v", err)
	}
}
