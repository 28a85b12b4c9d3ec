package ld

import (
	"math"
	"sort"
	"strconv"
	"strings"

	jsonld "github.com/piprate/json-gold/ld"
)

// toDataset turns an expanded document into an RDF dataset: JSON-LD 1.1
// Processing Algorithms and API §8.2 (Deserialize JSON-LD to RDF), §8.3
// (Object to RDF) and §8.4 (List to RDF). json-gold's own conversion
// validates every IRI with a URL regular expression, which costs most of
// the canonicalization time and still lets relative IRIs through; here a
// value is an IRI when it has a scheme (RFC 3987), and quads with relative
// IRIs are not produced, as the specification and jsonld.js do.
func toDataset(api *jsonld.JsonLdApi, expanded []any) (*jsonld.RDFDataset, error) {
	issuer := jsonld.NewIdentifierIssuer("_:b")
	nodeMap := map[string]any{"@default": map[string]any{}}
	if _, err := api.GenerateNodeMap(expanded, nodeMap, "@default", issuer, "", "", nil); err != nil {
		return nil, err
	}
	ds := jsonld.NewRDFDataset()
	for _, graphName := range sortedKeys(nodeMap) {
		// §8.2 step 1.1: graphs named by a relative IRI are skipped.
		if graphName != "@default" && !isNodeID(graphName) {
			continue
		}
		graph, _ := nodeMap[graphName].(map[string]any)
		ds.Graphs[graphName] = graphQuads(graphName, graph, issuer)
	}
	return ds, nil
}

// graphQuads converts one graph of the node map (§8.2 step 1.3).
func graphQuads(graphName string, graph map[string]any, issuer *jsonld.IdentifierIssuer) []*jsonld.Quad {
	var quads []*jsonld.Quad
	for _, id := range sortedKeys(graph) {
		if !isNodeID(id) {
			continue
		}
		node, _ := graph[id].(map[string]any)
		subject := resource(id)
		for _, property := range sortedKeys(node) {
			var values []any
			predicate := property
			switch {
			case property == "@type":
				values, _ = node["@type"].([]any)
				predicate = jsonld.RDFType
			case jsonld.IsKeyword(property), strings.HasPrefix(property, "_:"), !hasScheme(property):
				// Keywords, blank-node predicates (generalized RDF) and
				// relative IRIs produce no triple (§8.2 steps 1.3.2.2–4).
				continue
			default:
				values, _ = node[property].([]any)
			}
			for _, item := range values {
				var object jsonld.Node
				object, quads = objectToRDF(item, issuer, graphName, quads)
				if object != nil {
					quads = append(quads, jsonld.NewQuad(subject, resource(predicate), object, graphName))
				}
			}
		}
	}
	return quads
}

// objectToRDF converts a value object, list object or node reference
// (§8.3). It returns nil for what produces no triple: a relative IRI, an
// ill-formed language tag, a value that cannot be represented.
func objectToRDF(item any, issuer *jsonld.IdentifierIssuer, graphName string, quads []*jsonld.Quad) (jsonld.Node, []*jsonld.Quad) {
	m, isMap := item.(map[string]any)
	switch {
	case isMap && jsonld.IsValue(item):
		return valueToRDF(m), quads
	case isMap && jsonld.IsList(item):
		list, _ := m["@list"].([]any)
		return listToRDF(list, issuer, graphName, quads)
	}
	var id string
	if isMap {
		id, _ = m["@id"].(string)
	} else {
		id, _ = item.(string)
	}
	if !isNodeID(id) {
		return nil, quads
	}
	return resource(id), quads
}

// valueToRDF converts a value object to a literal (§8.3 steps 5–13).
func valueToRDF(m map[string]any) jsonld.Node {
	value := m["@value"]
	datatype, _ := m["@type"].(string)
	if _, hasType := m["@type"]; hasType && datatype == "" {
		return nil
	}
	if datatype == "@json" {
		s, ok := canonicalJSON(value)
		if !ok {
			return nil
		}
		return jsonld.NewLiteral(s, jsonld.RDFJSONLiteral, "")
	}
	if datatype != "" && !hasScheme(datatype) {
		return nil
	}
	switch v := value.(type) {
	case bool:
		return jsonld.NewLiteral(strconv.FormatBool(v), orDefault(datatype, jsonld.XSDBoolean), "")
	case float64:
		integral := v == math.Trunc(v) && math.Abs(v) < 1e21
		if !integral || datatype == jsonld.XSDDouble {
			return jsonld.NewLiteral(jsonld.GetCanonicalDouble(v), orDefault(datatype, jsonld.XSDDouble), "")
		}
		return jsonld.NewLiteral(strconv.FormatInt(int64(v), 10), orDefault(datatype, jsonld.XSDInteger), "")
	case string:
		if lang, ok := m["@language"].(string); ok {
			if !languageTag(lang) {
				return nil
			}
			return jsonld.NewLiteral(v, orDefault(datatype, jsonld.RDFLangString), lang)
		}
		return jsonld.NewLiteral(v, orDefault(datatype, jsonld.XSDString), "")
	}
	return nil
}

// listToRDF converts a list (§8.4): a chain of blank nodes with rdf:first
// and rdf:rest, ended by rdf:nil.
func listToRDF(list []any, issuer *jsonld.IdentifierIssuer, graphName string, quads []*jsonld.Quad) (jsonld.Node, []*jsonld.Quad) {
	if len(list) == 0 {
		return jsonld.NewIRI(jsonld.RDFNil), quads
	}
	head := jsonld.NewBlankNode(issuer.GetId(""))
	subject := head
	for i, item := range list {
		var object jsonld.Node
		object, quads = objectToRDF(item, issuer, graphName, quads)
		if object != nil {
			quads = append(quads, jsonld.NewQuad(subject, jsonld.NewIRI(jsonld.RDFFirst), object, graphName))
		}
		var next jsonld.Node = jsonld.NewIRI(jsonld.RDFNil)
		if i < len(list)-1 {
			next = jsonld.NewBlankNode(issuer.GetId(""))
		}
		quads = append(quads, jsonld.NewQuad(subject, jsonld.NewIRI(jsonld.RDFRest), next, graphName))
		if b, ok := next.(jsonld.BlankNode); ok {
			subject = b
		}
	}
	return head, quads
}

// resource is the RDF node for an IRI or blank node identifier.
func resource(id string) jsonld.Node {
	if strings.HasPrefix(id, "_:") {
		return jsonld.NewBlankNode(id)
	}
	return jsonld.NewIRI(id)
}

// isNodeID reports whether id names a node in RDF: a blank node
// identifier or an absolute IRI.
func isNodeID(id string) bool {
	return strings.HasPrefix(id, "_:") || hasScheme(id)
}

// languageTag is the well-formedness check json-gold and jsonld.js apply
// to @language: letters, then hyphen-separated letters and digits.
func languageTag(s string) bool {
	parts := strings.Split(s, "-")
	for i, p := range parts {
		if p == "" {
			return false
		}
		for _, c := range p {
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !alpha && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
