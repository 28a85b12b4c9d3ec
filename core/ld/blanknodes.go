package ld

import (
	"sort"
	"strings"

	jsonld "github.com/piprate/json-gold/ld"
)

// checkBlankNodes bounds the blank-node labelling work of RDFC-1.0 before
// it runs. It computes each blank node's first-degree signature the way
// Hash First Degree Quads does (RDFC-1.0 §4.6: the node itself as _:a,
// other blank nodes as _:z), without hashing, since only equality matters.
// Nodes with a unique signature get their canonical label at once (§4.4.3
// step 5). The rest are labelled by Hash N-Degree Quads (§4.8), which
// permutes and recurses only over neighbouring blank nodes that are
// themselves unlabelled: those are "entangled", and their connected groups
// are what can blow up.
func checkBlankNodes(quads []*jsonld.Quad) error {
	byNode := map[string][]*jsonld.Quad{}
	for _, q := range quads {
		for _, n := range [...]jsonld.Node{q.Subject, q.Object, q.Graph} {
			if bn, ok := n.(jsonld.BlankNode); ok {
				id := bn.Attribute
				if l := byNode[id]; len(l) == 0 || l[len(l)-1] != q {
					byNode[id] = append(l, q)
				}
			}
		}
	}
	if len(byNode) > MaxBlankNodes {
		return errorf(CodeTooComplex, "dataset has %d blank nodes, more than %d", len(byNode), MaxBlankNodes)
	}
	sigCount := map[string]int{}
	sig := make(map[string]string, len(byNode))
	for id, qs := range byNode {
		s := firstDegreeSignature(id, qs)
		sig[id] = s
		sigCount[s]++
	}
	ambiguous := func(id string) bool { return sigCount[sig[id]] > 1 }

	// Entangled nodes and their adjacency.
	adj := map[string][]string{}
	for id, qs := range byNode {
		if !ambiguous(id) {
			continue
		}
		for _, q := range qs {
			for _, n := range [...]jsonld.Node{q.Subject, q.Object, q.Graph} {
				if bn, ok := n.(jsonld.BlankNode); ok && bn.Attribute != id && ambiguous(bn.Attribute) {
					adj[id] = append(adj[id], bn.Attribute)
				}
			}
		}
	}
	work := 0
	seen := map[string]bool{}
	for start := range adj {
		if seen[start] {
			continue
		}
		size := 0
		stack := []string{start}
		seen[start] = true
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			size++
			for _, m := range adj[n] {
				if !seen[m] {
					seen[m] = true
					stack = append(stack, m)
				}
			}
		}
		work += factorial(size, MaxEntangledWork)
		if work > MaxEntangledWork {
			return errorf(CodeTooComplex, "indistinguishable connected blank nodes (a group of %d) exceed the labelling budget", size)
		}
	}
	return nil
}

func firstDegreeSignature(id string, qs []*jsonld.Quad) string {
	lines := make([]string, len(qs))
	for i, q := range qs {
		var b strings.Builder
		for _, n := range [...]jsonld.Node{q.Subject, q.Predicate, q.Object, q.Graph} {
			writeNode(&b, n, id)
			b.WriteByte(0)
		}
		lines[i] = b.String()
	}
	sort.Strings(lines)
	return strings.Join(lines, "\x01")
}

func writeNode(b *strings.Builder, n jsonld.Node, self string) {
	switch x := n.(type) {
	case nil:
		b.WriteString("-")
	case jsonld.BlankNode:
		if x.Attribute == self {
			b.WriteString("_:a")
		} else {
			b.WriteString("_:z")
		}
	case jsonld.IRI:
		b.WriteString("<")
		b.WriteString(x.Value)
	case jsonld.Literal:
		b.WriteString("\"")
		b.WriteString(x.Value)
		b.WriteByte(0)
		b.WriteString(x.Datatype)
		b.WriteByte(0)
		b.WriteString(x.Language)
	default:
		b.WriteString("?")
		b.WriteString(n.GetValue())
	}
}

// factorial returns n!, or max+1 when it exceeds max.
func factorial(n, max int) int {
	f := 1
	for i := 2; i <= n; i++ {
		f *= i
		if f > max {
			return max + 1
		}
	}
	return f
}
