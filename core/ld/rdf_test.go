package ld

import (
	"math"
	"strings"
	"testing"

	jsonld "github.com/piprate/json-gold/ld"
)

// TestToDatasetMatchesJSONGold compares our JSON-LD → RDF step with
// json-gold's on documents exercising lists, numbers, booleans, language
// strings, typed literals, @json and nested nodes: the canonical N-Quads
// must be identical (json-gold keeps relative IRIs, which none of these
// documents has).
func TestToDatasetMatchesJSONGold(t *testing.T) {
	ctx := map[string]any{
		"@vocab": "https://ex.example/vocab#",
		"xsd":    "http://www.w3.org/2001/XMLSchema#",
		"list":   map[string]any{"@id": "https://ex.example/vocab#list", "@container": "@list"},
		"data":   map[string]any{"@id": "https://ex.example/vocab#data", "@type": "@json"},
		"score":  map[string]any{"@id": "https://ex.example/vocab#score", "@type": "xsd:double"},
		"when":   map[string]any{"@id": "https://ex.example/vocab#when", "@type": "xsd:dateTime"},
		"knows":  map[string]any{"@id": "https://ex.example/vocab#knows", "@type": "@id"},
	}
	docs := map[string]map[string]any{
		"scalars": {"@context": ctx, "@id": "https://ex.example/a", "@type": "Thing", "name": "Ada", "age": 36.0, "ratio": 0.25,
			"big": 1e22, "small": 1e-7, "ok": true, "score": 5.0, "when": "2026-01-01T00:00:00Z"},
		"language": {"@context": ctx, "@id": "https://ex.example/b", "label": map[string]any{"@value": "Bonjour", "@language": "fr-CA"}},
		"lists":    {"@context": ctx, "list": []any{"x", 2.0, map[string]any{"name": "inner"}, []any{}}, "empty": map[string]any{"@list": []any{}}},
		"json":     {"@context": ctx, "data": map[string]any{"b": []any{1.0, "é", nil, true}, "a": 1e21, "c": map[string]any{"z": 0.000001, "y": "\u2028"}}},
		"graph": {"@context": ctx, "@id": "https://ex.example/g", "@graph": []any{
			map[string]any{"@id": "https://ex.example/c", "knows": "https://ex.example/d"},
			map[string]any{"@id": "_:x", "name": "blank"},
		}},
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			ours, err := Canonicalize(doc, Options{})
			if err != nil {
				t.Fatal(err)
			}
			o := processorOptions(DefaultLoader)
			o.Format = "" // the dataset, not N-Quads text
			ds, err := jsonld.NewJsonLdProcessor().ToRDF(doc, o)
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := normalize(ds.(*jsonld.RDFDataset))
			if err != nil {
				t.Fatal(err)
			}
			if ours != theirs {
				t.Errorf("ours:\n%s\njson-gold:\n%s", ours, theirs)
			}
			if strings.Count(ours, "\n") < 1 {
				t.Errorf("no quads:\n%s", ours)
			}
		})
	}
}

func TestCanonicalJSON(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{map[string]any{"b": 1.0, "a": "x", "é": nil, "\u0080": true}, `{"a":"x","b":1,"` + "\u0080" + `":true,"é":null}`},
		{[]any{1e21, 1e-7, 0.000001, math.Copysign(0, -1), 123.456, 1e300}, `[1e+21,1e-7,0.000001,0,123.456,1e+300]`},
		{"a\"b\\c\n\u0001\u2028", `"a\"b\\c\n\u0001` + "\u2028" + `"`},
	} {
		got, ok := canonicalJSON(tc.in)
		if !ok || got != tc.want {
			t.Errorf("canonicalJSON(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
