package verify

import (
	"context"
	"time"
)

// deprecated implements the deprecated state of Gaia-X TF §4.8.5.1.4: a
// credential is deprecated when the verifier knows another credential
// with the same id and the same issuer whose validFrom is later. Known
// credentials are verified first (without their own known set); one
// that does not verify, or is not trusted, deprecates nothing, so a
// forger cannot retire a credential.
func (v *verifier) deprecated(ctx context.Context, r *Result) {
	if len(v.opts.Known) == 0 {
		return
	}
	if r.id == "" || r.validFrom == nil {
		r.Checks = append(r.Checks, Check{ID: CheckDeprecated, Status: Skipped, Detail: "the credential has no id or validFrom"})
		return
	}
	sub := *v
	sub.opts.Known = nil
	for i, raw := range v.opts.Known {
		k := sub.input(ctx, raw, 0)
		if k.Status == StatusInvalid || k.Status == StatusUntrusted || k.id != r.id || k.Issuer != r.Issuer || k.validFrom == nil {
			continue
		}
		if k.validFrom.After(*r.validFrom) {
			r.fail(CheckDeprecated, CodeDeprecated, "known credential %d with the same id was issued later (%s)", i+1, k.validFrom.UTC().Format(time.RFC3339))
			return
		}
	}
	r.pass(CheckDeprecated)
}
