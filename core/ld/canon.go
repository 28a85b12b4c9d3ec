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
	out, err := jsonld.NewNormalisationAlgorithm(jsonld.AlgorithmURDNA2015).Main(dataset, o)
	if err != nil {
		return "", classify(err)
	}
	s, ok := out.(string)
	if !ok {
		return "", errorf(CodeInvalid, "normalisation returned %T", out)
	}
	return s, nil
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
	return api.ToRDF(list, o)
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
