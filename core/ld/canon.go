package ld

import (
	"fmt"
	"strings"

	jsonld "github.com/piprate/json-gold/ld"
)

// Options configures [Canonicalize]. The zero value is safe: embedded
// contexts only.
type Options struct {
	// Loader resolves context URLs. Nil means [DefaultLoader]. Pass a
	// [*Loader] with Extra to allowlist more contexts.
	Loader DocumentLoader
}

// Canonicalize returns the canonical N-Quads of doc under RDF Dataset
// Canonicalization (RDFC-1.0, identical output to URDNA2015), after JSON-LD
// 1.1 expansion and conversion to RDF. It is the exact setup Gaia-X
// verifiers use: processing mode json-ld-1.1, safe mode off — terms the
// context does not define are dropped silently and are therefore not part
// of the output.
//
// doc is a JSON object as decoded by encoding/json (map[string]any,
// []any, string, float64, bool, nil). Canonicalize does not modify it.
//
// Errors are [*Error]: [CodeTooLarge] or [CodeTooComplex] when a limit of
// limits.go is exceeded, [CodeContextUnknown] for a context the loader
// does not serve, [CodeContextInvalid], or [CodeInvalid] for JSON-LD the
// processor rejects.
//
// Canonicalize does not check that the document is a credential, nor that
// every property survived expansion.
func Canonicalize(doc map[string]any, opts Options) (nq string, err error) {
	if err := checkInput(doc); err != nil {
		return "", err
	}
	loader := opts.Loader
	if loader == nil {
		loader = DefaultLoader
	}
	// json-gold is third-party code walking attacker-controlled input;
	// a panic in it must not take down the verifier (STYLE rule 18).
	defer func() {
		if r := recover(); r != nil {
			nq, err = "", errorf(CodeInvalid, "json-ld processor failed: %v", trunc(fmt.Sprint(r)))
		}
	}()
	o := processorOptions(loader)
	dataset, err := toRDF(doc, o)
	if err != nil {
		return "", classify(err)
	}
	if err := checkDataset(dataset); err != nil {
		return "", err
	}
	return normalize(dataset)
}

// normalize runs URDNA2015 and serializes the sorted canonical quads.
// NormalisationAlgorithm.Main would join the lines by repeated string
// concatenation, which is quadratic in the number of quads; the
// serializer writes each quad once into one buffer instead.
func normalize(dataset *jsonld.RDFDataset) (string, error) {
	na := jsonld.NewNormalisationAlgorithm(jsonld.AlgorithmURDNA2015)
	na.Normalize(dataset)
	var (
		b   strings.Builder
		ser jsonld.NQuadRDFSerializer
		one = &jsonld.RDFDataset{Graphs: map[string][]*jsonld.Quad{}}
	)
	for _, q := range na.Quads() {
		name := "@default"
		if q.Graph != nil {
			name = q.Graph.GetValue()
		}
		clear(one.Graphs)
		one.Graphs[name] = []*jsonld.Quad{q}
		if err := ser.SerializeTo(&b, one); err != nil {
			return "", classify(err)
		}
	}
	return b.String(), nil
}

// processorOptions builds json-gold's options as a literal. It does not
// call jsonld.NewJsonLdOptions, whose default loader is an HTTP client
// that also reads local files.
func processorOptions(loader DocumentLoader) *jsonld.JsonLdOptions {
	return &jsonld.JsonLdOptions{
		ProcessingMode: jsonld.JsonLd_1_1,
		DocumentLoader: loader,
		SafeMode:       false,
		Format:         "application/n-quads",
		Algorithm:      jsonld.AlgorithmURDNA2015,
		CompactArrays:  true,
		Embed:          jsonld.EmbedOnce,
		RequireAll:     true,
		OmitGraph:      true,
	}
}

// toRDF runs JSON-LD 1.1 Expansion (JSON-LD 1.1 API §5.1) and Deserialize
// JSON-LD to RDF (§6.1) through json-gold's lower-level API, the steps of
// JsonLdProcessor.Normalize without its processor wrapper.
func toRDF(doc map[string]any, o *jsonld.JsonLdOptions) (*jsonld.RDFDataset, error) {
	api := jsonld.NewJsonLdApi()
	expanded, err := api.Expand(jsonld.NewContext(nil, o), "", doc, o, false, nil)
	if err != nil {
		return nil, err
	}
	// Final steps of the expansion algorithm (JsonLdProcessor.expand).
	var list []any
	switch e := expanded.(type) {
	case nil:
		list = []any{}
	case []any:
		list = e
	case map[string]any:
		if g, ok := e["@graph"]; ok && len(e) == 1 {
			if gl, ok := g.([]any); ok {
				list = gl
			} else {
				list = []any{g}
			}
		} else if len(e) == 0 {
			list = []any{}
		} else {
			list = []any{e}
		}
	default:
		list = []any{e}
	}
	if err := checkExpanded(list); err != nil {
		return nil, err
	}
	return toDataset(api, list)
}

// checkExpanded bounds the work of node map generation (JSON-LD 1.1 API
// §7.2), which merges the values of each (node, property) pair with a
// linear duplicate check: n values cost n² comparisons. Values of nodes
// with the same @id merge, so they are counted together.
func checkExpanded(expanded []any) error {
	counts := map[[2]string]int{}
	work := 0
	add := func(id, prop string, n int) error {
		if id != "" {
			k := [2]string{id, prop}
			old := counts[k]
			counts[k] = old + n
			work += (old+n)*(old+n) - old*old
		} else {
			work += n * n
		}
		if work > MaxValueWork {
			return errorf(CodeTooComplex, "too many values for one property of one node")
		}
		return nil
	}
	var walk func(v any) error
	walk = func(v any) error {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				if err := walk(e); err != nil {
					return err
				}
			}
		case map[string]any:
			if _, ok := x["@value"]; ok {
				return nil
			}
			if l, ok := x["@list"]; ok {
				return walk(l)
			}
			id, _ := x["@id"].(string)
			for k, vals := range x {
				switch k {
				case "@id", "@index":
					continue
				case "@reverse":
					rev, _ := vals.(map[string]any)
					for prop, rv := range rev {
						arr, _ := rv.([]any)
						for _, r := range arr {
							rid, _ := r.(map[string]any)["@id"].(string)
							if err := add(rid, "@reverse "+prop, 1); err != nil {
								return err
							}
						}
						if err := walk(rv); err != nil {
							return err
						}
					}
					continue
				}
				if arr, ok := vals.([]any); ok {
					if err := add(id, k, len(arr)); err != nil {
						return err
					}
				}
				if err := walk(vals); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(expanded)
}

// checkInput bounds the document before the processor sees it.
func checkInput(doc map[string]any) error {
	w := walker{}
	if err := w.walk(doc, 0); err != nil {
		return err
	}
	return nil
}

type walker struct {
	values, bytes int
}

func (w *walker) walk(v any, depth int) error {
	w.values++
	if w.values > MaxInputValues {
		return errorf(CodeTooLarge, "document has more than %d values", MaxInputValues)
	}
	switch x := v.(type) {
	case map[string]any:
		if depth >= MaxInputDepth {
			return errorf(CodeTooLarge, "document nests deeper than %d", MaxInputDepth)
		}
		for k, e := range x {
			w.bytes += len(k)
			if err := w.walk(e, depth+1); err != nil {
				return err
			}
		}
	case []any:
		if depth >= MaxInputDepth {
			return errorf(CodeTooLarge, "document nests deeper than %d", MaxInputDepth)
		}
		for _, e := range x {
			if err := w.walk(e, depth+1); err != nil {
				return err
			}
		}
	case string:
		w.bytes += len(x)
	}
	if w.bytes > MaxInputBytes {
		return errorf(CodeTooLarge, "document has more than %d bytes of names and strings", MaxInputBytes)
	}
	return nil
}

// checkDataset refuses datasets whose canonicalization could be
// expensive, before running it. See [MaxEntangledBlankNodes].
func checkDataset(ds *jsonld.RDFDataset) error {
	var quads []*jsonld.Quad
	for name, g := range ds.Graphs {
		for _, q := range g {
			// The normalisation algorithm sets Graph from the map key;
			// do the same so that first-degree signatures see it.
			if name != "@default" && q.Graph == nil {
				if strings.HasPrefix(name, "_:") {
					q.Graph = jsonld.NewBlankNode(name)
				} else {
					q.Graph = jsonld.NewIRI(name)
				}
			}
			quads = append(quads, q)
			if len(quads) > MaxQuads {
				return errorf(CodeTooComplex, "dataset has more than %d quads", MaxQuads)
			}
		}
	}
	return checkBlankNodes(quads)
}
