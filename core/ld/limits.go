package ld

// Limits on the work one canonicalization may do. JSON-LD expansion and
// URDNA2015 amplify their input (STYLE rule 9: the amplifier bounds it), and
// the blank-node labelling of RDFC-1.0 §4.8 (Hash N-Degree Quads) is
// exponential in the size of groups of indistinguishable blank nodes
// ("poison graphs", RDFC-1.0 §6 Security considerations). Real credentials
// are far below every limit: the largest Gaia-X Tagus credential in our
// vectors has 102 quads and 1 blank node.
const (
	// MaxInputBytes bounds the document: the sum of the lengths of its
	// member names and string values. Credentials are a few KiB; the
	// verifier bounds raw input before parsing too.
	MaxInputBytes = 1 << 20
	// MaxInputValues bounds the number of JSON values (objects, arrays,
	// strings, numbers, booleans, nulls) in the document.
	MaxInputValues = 20_000
	// MaxInputDepth bounds nesting of objects and arrays.
	MaxInputDepth = 64

	// MaxContextBytes bounds one caller-supplied context document. The
	// largest embedded context (gaia-x development) is 57 KiB.
	MaxContextBytes = 512 << 10

	// MaxValueWork bounds the duplicate checks of node map generation
	// (JSON-LD 1.1 API §7.2), quadratic in the number of values one
	// property of one node collects (values of nodes sharing an @id
	// merge): the sum of n² over (node, property) pairs. 2,000,000 is one
	// property with ~1400 values, ~0.1 s natively.
	MaxValueWork = 2_000_000

	// MaxQuads bounds the RDF dataset produced from the document
	// (~20 µs per quad natively, five times that under wasm).
	MaxQuads = 10_000
	// MaxBlankNodes bounds the distinct blank nodes of the dataset.
	// First-degree hashing is linear in them.
	MaxBlankNodes = 5_000
	// MaxEntangledWork bounds the labelling work of blank nodes that
	// Hash N-Degree Quads (RDFC-1.0 §4.8) must permute: nodes that share
	// their first-degree hash with another blank node and are connected
	// to another such node ("entangled"). Each connected group of n
	// entangled nodes costs about n! permutations, so the sum of n! over
	// the groups must stay under this bound. Identical sibling objects
	// hanging off distinguishable nodes are cheap and not counted;
	// credentials have no entangled nodes at all. Measured worst case
	// (a clique, see TestBlankNodeBomb): 6 nodes (720) take ~80 ms
	// natively and ~0.4 s under wasm; 7 nodes (5040) take ~1 s natively,
	// 8 nodes ~10 s.
	MaxEntangledWork = 1000
)
