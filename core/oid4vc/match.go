package oid4vc

import (
	"fmt"
	"sort"
	"strings"
)

// Candidate is one credential the wallet holds, as the DCQL matcher sees
// it.
type Candidate struct {
	// Format is the credential's format: FormatDCSDJWT or FormatVCSDJWT
	// (core/sdjwt Result.Profile, or the typ header).
	Format string
	// Vct is the SD-JWT VC type; Types the W3C credential's type array.
	Vct   string
	Types []string
	// Claims are the credential's claims with every Disclosure applied
	// (core/sdjwt SDJWT.Claims): the paths of the query are applied to
	// them, and the paths returned index them, as SDJWT.Present expects.
	Claims map[string]any
	// HolderBinding is true when the credential is bound to a holder key
	// (a cnf claim) the wallet can sign with.
	HolderBinding bool
}

// CredentialMatch is one candidate that satisfies a credential query, with
// what to disclose.
type CredentialMatch struct {
	// Index is the candidate's index in the slice given to Match.
	Index int
	// All is true when the query names no claims: every claim is asked
	// for (§6.4.1), and Disclose is nil.
	All bool
	// Disclose lists the concrete claim paths to disclose (no nil
	// elements), in query order: pass them to SDJWT.Present.
	Disclose [][]any
	// ClaimSet is the index of the claim set used, -1 when the query has
	// none.
	ClaimSet int
}

// Selection is the result of Match: for each credential query to answer,
// the candidates that satisfy it (most are answered with the first; a
// wallet offers the choice when there are several).
type Selection struct {
	Matches map[string][]CredentialMatch
	// Optional lists the answered query ids that belong only to
	// credential sets with required false: the user may leave them out.
	Optional []string
}

// Match evaluates a DCQL query against the wallet's candidates (§6.4): a
// candidate satisfies a credential query when its format is the query's,
// its vct is one of meta.vct_values or its types include one of
// meta.type_values, it is bound to a holder key unless the query waives
// holder binding, and its claims satisfy the claims (all of them, or the
// first satisfiable claim set in the query's order of preference). A
// claim is satisfied when its path selects at least one element and, with
// values, when a selected element equals one of them; only the matching
// elements are disclosed.
//
// Without credential_sets every credential query must be satisfied; with
// them, each required set needs one option whose queries are all satisfied
// (the first such option is answered), and optional sets are answered when
// they can be. An unsatisfiable query fails with CodeNoMatch naming the
// query ids; the wallet then answers access_denied (§8.5). Match assumes
// q passed Validate.
func Match(q *DCQLQuery, cands []Candidate) (*Selection, error) {
	found := map[string][]CredentialMatch{}
	for _, cq := range q.Credentials {
		for i, c := range cands {
			if m, ok := matchOne(cq, c); ok {
				m.Index = i
				found[cq.ID] = append(found[cq.ID], m)
			}
		}
	}
	sel := &Selection{Matches: map[string][]CredentialMatch{}}
	if len(q.CredentialSets) == 0 {
		var missing []string
		for _, cq := range q.Credentials {
			if len(found[cq.ID]) == 0 {
				missing = append(missing, cq.ID)
			}
			sel.Matches[cq.ID] = found[cq.ID]
		}
		if len(missing) > 0 {
			return nil, errorf(CodeNoMatch, "no stored credential satisfies %s", strings.Join(missing, ", "))
		}
		return sel, nil
	}
	required := map[string]bool{}
	var unmet []string
	for i, set := range q.CredentialSets {
		chosen := -1
		for j, opt := range set.Options {
			ok := true
			for _, id := range opt {
				ok = ok && len(found[id]) > 0
			}
			if ok {
				chosen = j
				break
			}
		}
		if chosen < 0 {
			if set.required() {
				unmet = append(unmet, fmt.Sprintf("credential set %d (%s)", i, optionsText(set.Options)))
			}
			continue
		}
		for _, id := range set.Options[chosen] {
			sel.Matches[id] = found[id]
			if set.required() {
				required[id] = true
			}
		}
	}
	if len(unmet) > 0 {
		return nil, errorf(CodeNoMatch, "no stored credentials satisfy %s", strings.Join(unmet, "; "))
	}
	for id := range sel.Matches {
		if !required[id] {
			sel.Optional = append(sel.Optional, id)
		}
	}
	sort.Strings(sel.Optional)
	return sel, nil
}

func optionsText(opts [][]string) string {
	var parts []string
	for _, o := range opts {
		parts = append(parts, strings.Join(o, "+"))
	}
	return strings.Join(parts, " or ")
}

// matchOne checks one candidate against one credential query.
func matchOne(q CredentialQuery, c Candidate) (CredentialMatch, bool) {
	m := CredentialMatch{ClaimSet: -1}
	if q.Format != c.Format {
		return m, false
	}
	if q.holderBinding() && !c.HolderBinding {
		return m, false
	}
	if q.Meta != nil {
		if len(q.Meta.VctValues) > 0 && !contains(q.Meta.VctValues, c.Vct) {
			return m, false
		}
		if len(q.Meta.TypeValues) > 0 && !anyTypeSet(q.Meta.TypeValues, c.Types) {
			return m, false
		}
	}
	if len(q.Claims) == 0 {
		m.All = true
		return m, true
	}
	satisfied := make(map[string][][]any, len(q.Claims))
	ok := make([]bool, len(q.Claims))
	disclose := make([][][]any, len(q.Claims))
	for i, cl := range q.Claims {
		disclose[i], ok[i] = matchClaim(cl, c.Claims)
		if ok[i] && cl.ID != "" {
			satisfied[cl.ID] = disclose[i]
		}
	}
	if q.ClaimSets == nil {
		for i := range q.Claims {
			if !ok[i] {
				return m, false
			}
			m.Disclose = append(m.Disclose, disclose[i]...)
		}
		return m, true
	}
	for si, set := range q.ClaimSets {
		all := true
		for _, id := range set {
			_, has := satisfied[id]
			all = all && has
		}
		if !all {
			continue
		}
		m.ClaimSet = si
		// In query order, the claims of the chosen set.
		for _, cl := range q.Claims {
			if contains(set, cl.ID) {
				m.Disclose = append(m.Disclose, satisfied[cl.ID]...)
			}
		}
		return m, true
	}
	return m, false
}

// matchClaim applies one claims query: the concrete paths of the selected
// elements whose value is acceptable.
func matchClaim(cl ClaimsQuery, claims map[string]any) ([][]any, bool) {
	paths, values, ok := cl.Path.Select(claims)
	if !ok {
		return nil, false
	}
	if cl.Values == nil {
		return paths, true
	}
	var out [][]any
	for i, v := range values {
		for _, want := range cl.Values {
			switch want.(type) {
			case string, bool, float64:
			default:
				continue // only scalars compare (Validate refuses others)
			}
			if v == want {
				out = append(out, paths[i])
				break
			}
		}
	}
	return out, len(out) > 0
}

func anyTypeSet(sets [][]string, types []string) bool {
	for _, set := range sets {
		all := true
		for _, t := range set {
			all = all && contains(types, t)
		}
		if all {
			return true
		}
	}
	return false
}
