// Package ld canonicalizes JSON-LD documents offline: JSON-LD 1.1
// expansion and conversion to RDF (https://www.w3.org/TR/json-ld11-api/)
// followed by RDF Dataset Canonicalization RDFC-1.0
// (https://www.w3.org/TR/rdf-canon/, W3C Recommendation 2024-05-21), whose
// output equals that of URDNA2015, the algorithm JsonWebSignature2020 names.
// The processor is github.com/piprate/json-gold v0.9.1.
//
// Entry points:
//
//   - [Canonicalize] turns a decoded JSON document into canonical N-Quads.
//   - [Loader] serves contexts: the ones embedded in this package (pinned
//     by SHA-256 in contexts/index.json, see contexts/PROVENANCE.md) and
//     the ones a caller allowlists; [DefaultLoader] serves the embedded set.
//   - [Error] and [CodeOf] report why it failed.
//
// # Security considerations
//
// Contexts decide what a signature covers, so they are data under our
// control: an unknown context URL fails with [CodeContextUnknown] and is
// never fetched, and the embedded files are checked against their pinned
// digests before first use. json-gold's DefaultDocumentLoader (an HTTP
// client that also opens local files) is never configured. The
// https://w3id.org/gaia-x/development context is a moving target: a
// credential signed against another revision of it will not verify.
//
// Processing runs with safe mode off, as Gaia-X verifiers do: properties
// that the context does not define are dropped without an error, so they
// are not covered by a signature over the N-Quads. Callers must not
// present such properties as verified.
//
// Canonicalization amplifies its input, and the blank-node labelling of
// RDFC-1.0 is exponential on crafted graphs (RDFC-1.0 §6, "poison
// graphs"). Every canonicalization is bounded by the limits in limits.go
// and refused with [CodeTooLarge] or [CodeTooComplex] before the expensive
// step runs. A panic inside json-gold is recovered and reported as
// [CodeInvalid].
//
// # Binary size
//
// Any use of json-gold's expansion, including the lower-level path taken
// here (JsonLdApi.Expand, JsonLdApi.ToRDF, NormalisationAlgorithm.Main),
// goes through ld.NewContext, which builds default options holding
// NewDefaultDocumentLoader(nil). Its LoadDocument method is therefore
// linked, and with it net/http's client and crypto/tls (about 1.05 MiB
// gzip under js/wasm), although this package never calls it.
package ld
