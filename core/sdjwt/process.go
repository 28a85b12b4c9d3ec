package sdjwt

import (
	"hash"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Claim is one claim that was disclosed through a Disclosure.
type Claim struct {
	// Path locates the claim in the processed claims: object member names
	// as strings and array indices as ints, e.g.
	// ["credentialSubject", "gx:identityRoles", 1].
	Path []any
	// Name is the claim name for an object property; "" for an array
	// element.
	Name string
	// Value is the processed value: recursive Disclosures inside it are
	// already applied.
	Value any
	// Disclosure is the Disclosure's text and Digest its digest.
	Disclosure string
	Digest     string
}

// processed is the result of RFC 9901 §7.1 step 3 and 4.
type processed struct {
	claims    map[string]any
	disclosed []Claim
	sdAlg     string
}

// walker replaces digests with disclosed claims (RFC 9901 §7.1 step 3).
type walker struct {
	byDigest map[string]int // digest of a presented Disclosure → its index
	discs    []*Disclosure
	digests  []string
	used     []bool
	seen     map[string]struct{} // every digest met in the payload or a disclosed value
	out      []Claim
}

// process runs the disclosure steps of RFC 9901 §7.1 (3 and 4) over s: it
// does not verify any signature.
func (s *SDJWT) process() (*processed, error) {
	name, h, err := sdAlgOf(s.Payload)
	if err != nil {
		return nil, err
	}
	w, err := newWalker(s.Disclosures, h)
	if err != nil {
		return nil, err
	}
	top := make(map[string]any, len(s.Payload))
	for k, v := range s.Payload {
		if k != "_sd_alg" {
			top[k] = v
		}
	}
	claims, err := w.object(top, nil, 1)
	if err != nil {
		return nil, err
	}
	for i, u := range w.used {
		if !u {
			return nil, errorf(CodeNotReferenced, "disclosure %d (digest %s) is not referenced by the payload or another disclosure", i, w.digests[i])
		}
	}
	// Report disclosed claims in the order their Disclosures were received.
	slices.SortStableFunc(w.out, func(a, b Claim) int { return w.byDigest[a.Digest] - w.byDigest[b.Digest] })
	return &processed{claims: claims, disclosed: w.out, sdAlg: name}, nil
}

func newWalker(ds []*Disclosure, h func() hash.Hash) (*walker, error) {
	w := &walker{
		byDigest: make(map[string]int, len(ds)),
		discs:    ds,
		digests:  make([]string, len(ds)),
		used:     make([]bool, len(ds)),
		seen:     make(map[string]struct{}),
	}
	for i, d := range ds {
		dg := digest(h, d.Raw)
		w.digests[i] = dg
		if _, dup := w.byDigest[dg]; dup {
			// The same Disclosure presented twice: the second copy cannot
			// be referenced (RFC 9901 §7.1 step 4).
			return nil, errorf(CodeNotReferenced, "disclosure %d repeats an earlier disclosure (digest %s)", i, dg)
		}
		w.byDigest[dg] = i
	}
	return w, nil
}

func (w *walker) note(dg string) error {
	if _, dup := w.seen[dg]; dup {
		return errorf(CodeDuplicateDigest, "digest %q appears more than once", trunc(dg))
	}
	w.seen[dg] = struct{}{}
	return nil
}

func extend(path []any, el any) []any {
	p := make([]any, len(path), len(path)+1)
	copy(p, path)
	return append(p, el)
}

func (w *walker) value(v any, path []any, depth int) (any, error) {
	switch t := v.(type) {
	case map[string]any:
		return w.object(t, path, depth+1)
	case []any:
		return w.array(t, path, depth+1)
	}
	return v, nil
}

func (w *walker) object(m map[string]any, path []any, depth int) (map[string]any, error) {
	if depth > MaxDepth {
		return nil, errorf(CodeTooDeep, "claims nest deeper than %d levels", MaxDepth)
	}
	out := make(map[string]any, len(m))
	// Sorted, so that the first of several faults is reported every time.
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if k == "_sd" {
			continue
		}
		pv, err := w.value(m[k], extend(path, k), depth)
		if err != nil {
			return nil, err
		}
		out[k] = pv
	}
	raw, ok := m["_sd"]
	if !ok {
		return out, nil
	}
	sd, ok := raw.([]any)
	if !ok {
		return nil, errorf(CodeMalformed, "_sd at %s is not an array", pathString(path))
	}
	for _, e := range sd {
		dg, ok := e.(string)
		if !ok {
			return nil, errorf(CodeMalformed, "_sd at %s holds a non-string digest", pathString(path))
		}
		if err := w.note(dg); err != nil {
			return nil, err
		}
		i, ok := w.byDigest[dg]
		if !ok {
			continue // undisclosed or decoy
		}
		d := w.discs[i]
		if d.IsArrayElement {
			return nil, errorf(CodeBadDisclosure, "array element disclosure %d is referenced from an _sd array at %s", i, pathString(path))
		}
		if _, exists := out[d.Name]; exists {
			return nil, errorf(CodeClaimCollision, "disclosed claim %q already exists at %s", trunc(d.Name), pathString(path))
		}
		w.used[i] = true
		p := extend(path, d.Name)
		pv, err := w.value(d.Value, p, depth)
		if err != nil {
			return nil, err
		}
		out[d.Name] = pv
		w.out = append(w.out, Claim{Path: p, Name: d.Name, Value: pv, Disclosure: d.Raw, Digest: dg})
	}
	return out, nil
}

func (w *walker) array(a []any, path []any, depth int) ([]any, error) {
	if depth > MaxDepth {
		return nil, errorf(CodeTooDeep, "claims nest deeper than %d levels", MaxDepth)
	}
	out := make([]any, 0, len(a))
	for _, e := range a {
		if m, ok := e.(map[string]any); ok && len(m) == 1 {
			if raw, ok := m["..."]; ok {
				dg, ok := raw.(string)
				if !ok {
					return nil, errorf(CodeMalformed, "array element digest at %s is not a string", pathString(path))
				}
				if err := w.note(dg); err != nil {
					return nil, err
				}
				i, ok := w.byDigest[dg]
				if !ok {
					continue // undisclosed or decoy: the element is removed
				}
				d := w.discs[i]
				if !d.IsArrayElement {
					return nil, errorf(CodeBadDisclosure, "object property disclosure %d is referenced as an array element at %s", i, pathString(path))
				}
				w.used[i] = true
				p := extend(path, len(out))
				pv, err := w.value(d.Value, p, depth)
				if err != nil {
					return nil, err
				}
				out = append(out, pv)
				w.out = append(w.out, Claim{Path: p, Value: pv, Disclosure: d.Raw, Digest: dg})
				continue
			}
		}
		pv, err := w.value(e, extend(path, len(out)), depth)
		if err != nil {
			return nil, err
		}
		out = append(out, pv)
	}
	return out, nil
}

// pathString renders a path for messages: /a/b/1, names truncated.
func pathString(path []any) string {
	if len(path) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		switch t := p.(type) {
		case string:
			b.WriteString(trunc(t))
		case int:
			b.WriteString(strconv.Itoa(t))
		}
	}
	return b.String()
}
