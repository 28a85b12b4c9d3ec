package verify

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/gxwallet/gxwallet/core/vc"
)

// Status is the verdict on one credential or presentation. Its string form
// is stable: the CLI, the JS library and the worker print it as is.
type Status string

// The statuses, in the words of the Gaia-X Trust Framework §4.8.5.1.4 plus
// the two verdicts that come before a lifecycle is meaningful.
const (
	// StatusActive: sound, trusted, within its validity period, not revoked,
	// suspended or deprecated.
	StatusActive Status = "active"
	// StatusExpired: validUntil (or the JWT exp) has passed, or the
	// certificate of the signing key has expired.
	StatusExpired Status = "expired"
	// StatusRevoked: a status entry for purpose revocation is set, or the
	// signing key is no longer in the issuer's DID document.
	StatusRevoked Status = "revoked"
	// StatusSuspended: a status entry for purpose suspension is set.
	StatusSuspended Status = "suspended"
	// StatusDeprecated: a newer credential with the same id and issuer is
	// known to the verifier.
	StatusDeprecated Status = "deprecated"
	// StatusInvalid: the input is malformed, its proof does not verify, or
	// it is not yet valid.
	StatusInvalid Status = "invalid"
	// StatusUntrusted: sound, but the trust store does not accept the issuer.
	StatusUntrusted Status = "untrusted"
)

// CheckStatus is the outcome of one [Check].
type CheckStatus string

// The outcomes of a check.
const (
	Pass          CheckStatus = "pass"
	Fail          CheckStatus = "fail"
	Skipped       CheckStatus = "skipped"       // not applicable, or not reached
	Indeterminate CheckStatus = "indeterminate" // could not be evaluated (a resource was missing)
)

// Check is one step of the verification. ID names the step and the spec
// section it implements (see the package documentation for the list).
type Check struct {
	ID     string
	Status CheckStatus
	Code   Code   // "" when the check passed
	Detail string // human-readable, English, may quote input (truncated)
}

// OK reports whether the check passed.
func (c Check) OK() bool { return c.Status == Pass }

type checkJSON struct {
	ID     string      `json:"id"`
	OK     bool        `json:"ok"`
	Status CheckStatus `json:"status"`
	Code   Code        `json:"code,omitempty"`
	Detail string      `json:"detail,omitempty"`
}

// MarshalJSON writes {"id","ok","status","code","detail"}.
func (c Check) MarshalJSON() ([]byte, error) {
	return json.Marshal(checkJSON{ID: c.ID, OK: c.OK(), Status: c.Status, Code: c.Code, Detail: c.Detail})
}

// UnmarshalJSON reads what MarshalJSON writes.
func (c *Check) UnmarshalJSON(b []byte) error {
	var j checkJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Check{ID: j.ID, Status: j.Status, Code: j.Code, Detail: j.Detail}
	return nil
}

// Result is the outcome of verifying one input. It is the same value, and
// serialises to the same JSON, in every runtime.
type Result struct {
	Status  Status         `json:"status"`
	Format  Format         `json:"format,omitempty"`
	Issuer  string         `json:"issuer,omitempty"`
	Subject string         `json:"subject,omitempty"`
	Claims  map[string]any `json:"claims,omitempty"` // the credentialSubject as disclosed
	Checks  []Check        `json:"checks"`
	// Credentials holds the results of the credentials enveloped in a
	// presentation, in order.
	Credentials []Result `json:"credentials,omitempty"`

	// id and validFrom of a credential, for the deprecated check; cred is
	// the parsed credential, for status lists and delegation.
	id        string
	validFrom *time.Time
	cred      *vc.Credential
}

// Failed returns the first failed or indeterminate check, or nil.
func (r *Result) Failed() *Check {
	for i := range r.Checks {
		if s := r.Checks[i].Status; s == Fail || s == Indeterminate {
			return &r.Checks[i]
		}
	}
	return nil
}

// Check returns the check with the given id, or nil.
func (r *Result) Check(id string) *Check {
	for i := range r.Checks {
		if r.Checks[i].ID == id {
			return &r.Checks[i]
		}
	}
	return nil
}

func (r *Result) pass(id string) { r.Checks = append(r.Checks, Check{ID: id, Status: Pass}) }

func (r *Result) fail(id string, code Code, format string, args ...any) {
	r.Checks = append(r.Checks, Check{ID: id, Status: Fail, Code: code, Detail: fmt.Sprintf(format, args...)})
}

func (r *Result) indeterminate(id string, code Code, format string, args ...any) {
	r.Checks = append(r.Checks, Check{ID: id, Status: Indeterminate, Code: code, Detail: fmt.Sprintf(format, args...)})
}

// Format names the securing mechanism of an input.
type Format string

// The formats the verifier recognises.
const (
	FormatVCJWT     Format = "vc+jwt" // VC-JOSE-COSE §3.1.1, also typ vc+ld+json+jwt
	FormatVPJWT     Format = "vp+jwt" // VC-JOSE-COSE §3.1.2
	FormatVCSDJWT   Format = "vc+sd-jwt"
	FormatDCSDJWT   Format = "dc+sd-jwt"
	FormatVPSDJWT   Format = "vp+sd-jwt"
	FormatLDPJWS    Format = "ldp-jws2020"
	FormatUnsecured Format = "unsecured"
)
