//go:build nojsonld

package verify

import "context"

// This build has no JSON-LD (-tags nojsonld): core/ld and core/di, and with
// them json-gold, are not linked. It is for relying parties that verify
// JWT-secured credentials only (vc+jwt, vp+jwt, SD-JWT VC, status lists),
// on hosts with a tight size limit such as the Workers free plan.

// hasJSONLD: this build does not verify JSON-LD (Data Integrity) proofs.
const hasJSONLD = false

// ldState is empty: there is no JSON-LD context loader.
type ldState struct{}

// initLD ignores Options.Contexts: nothing here would read them.
func (v *verifier) initLD(Options) {}

// ldVerifyProof cannot check a Data Integrity proof without JSON-LD: it
// reports so, and the result is invalid. It never returns a key.
func (v *verifier) ldVerifyProof(_ context.Context, r *Result, _ map[string]any, _, _ string) (*signer, bool) {
	r.fail(CheckProof, CodeJSONLDUnavailable, "this verifier was built without JSON-LD (-tags nojsonld), so it cannot check a Data Integrity proof such as JsonWebSignature2020: verify this credential with the full build")
	return nil, false
}
