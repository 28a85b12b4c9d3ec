package ld

import jsonld "github.com/piprate/json-gold/ld"

// dropRelativeIRIs removes the quads that name a relative IRI — a term no
// context defines, such as "type": "LegalPerson" under the VC 1.1 context —
// as subject, predicate, object or graph. JSON-LD 1.1 Processing Algorithms
// §8.2 (Deserialize JSON-LD to RDF) says such values are not well-formed
// IRIs and produce no triple; jsonld.js drops them, json-gold keeps them,
// and a signature over the one is not a signature over the other.
func dropRelativeIRIs(ds *jsonld.RDFDataset) {
	for name, quads := range ds.Graphs {
		kept := quads[:0]
		for _, q := range quads {
			if wellFormed(q.Subject) && wellFormed(q.Predicate) && wellFormed(q.Object) && wellFormed(q.Graph) {
				kept = append(kept, q)
			}
		}
		if len(kept) == 0 && name != "@default" {
			delete(ds.Graphs, name)
			continue
		}
		ds.Graphs[name] = kept
	}
}

// wellFormed reports whether an IRI node is absolute (RFC 3987: it has a
// scheme); blank nodes, literals and absent nodes pass.
func wellFormed(n jsonld.Node) bool {
	iri, ok := n.(jsonld.IRI)
	return !ok || hasScheme(iri.Value)
}

// hasScheme reports whether s starts with ALPHA *( ALPHA / DIGIT / "+" /
// "-" / "." ) ":" (RFC 3986 §3.1).
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
