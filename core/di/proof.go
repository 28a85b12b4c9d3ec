package di

import "fmt"

// TypeJWS2020 is the proof type of the JsonWebSignature2020 suite.
const TypeJWS2020 = "JsonWebSignature2020"

// Proof is one data integrity proof object of a credential or
// presentation ("proof", VC Data Model 1.1 §4.7; lds-jws2020 §"Proof
// representation"). The string fields are copied from Raw for convenience;
// Raw is the object as found, which is what the spec flavour signs.
type Proof struct {
	Type               string
	Created            string
	VerificationMethod string
	ProofPurpose       string
	Challenge          string
	Domain             string
	JWS                string
	Raw                map[string]any
}

// Proofs returns the proofs of doc: its "proof" member, a single object
// or an array of objects. It fails with [CodeProofMissing] when there is
// none, and with [CodeMalformed] when an entry is not an object or one of
// the named members is not a string.
//
// Proofs does not check types, dates, purposes or signatures.
func Proofs(doc map[string]any) ([]Proof, error) {
	v, ok := doc["proof"]
	if !ok || v == nil {
		return nil, errorf(CodeProofMissing, "document has no proof")
	}
	var raws []any
	switch x := v.(type) {
	case map[string]any:
		raws = []any{x}
	case []any:
		raws = x
	default:
		return nil, errorf(CodeMalformed, "proof is a %s, not an object or array", jsonType(v))
	}
	if len(raws) == 0 {
		return nil, errorf(CodeProofMissing, "proof array is empty")
	}
	if len(raws) > MaxProofs {
		return nil, errorf(CodeMalformed, "%d proofs, more than %d", len(raws), MaxProofs)
	}
	out := make([]Proof, 0, len(raws))
	for i, r := range raws {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, errorf(CodeMalformed, "proof[%d] is a %s, not an object", i, jsonType(r))
		}
		p := Proof{Raw: m}
		for name, dst := range map[string]*string{
			"type": &p.Type, "created": &p.Created, "verificationMethod": &p.VerificationMethod,
			"proofPurpose": &p.ProofPurpose, "challenge": &p.Challenge, "domain": &p.Domain, "jws": &p.JWS,
		} {
			x, ok := m[name]
			if !ok {
				continue
			}
			s, ok := x.(string)
			if !ok {
				return nil, errorf(CodeMalformed, "proof[%d].%s is a %s, not a string", i, name, jsonType(x))
			}
			*dst = s
		}
		out = append(out, p)
	}
	return out, nil
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}
