package oid4vc

import (
	"encoding/json"
	"slices"
)

// CredentialRequest is a Credential Request (OpenID4VCI §8.2), JSON-encoded.
type CredentialRequest struct {
	// Exactly one of CredentialConfigurationID (from the offer) and
	// CredentialIdentifier (from authorization_details) is set.
	CredentialConfigurationID string `json:"credential_configuration_id,omitempty"`
	CredentialIdentifier      string `json:"credential_identifier,omitempty"`
	// Proofs holds key proofs by proof type (§8.2 "proofs").
	Proofs *Proofs `json:"proofs,omitempty"`
	// Proof is the single proof of drafts 13 and 14 ({"proof_type":"jwt",
	// "jwt":…}), accepted on input for older wallets; NewCredentialRequest
	// never sets it.
	Proof *LegacyProof `json:"proof,omitempty"`
}

// Proofs holds the key proofs of one Credential Request: one credential
// is issued per proof (batch issuance). Only the jwt type is supported.
type Proofs struct {
	JWT []string `json:"jwt,omitempty"`
}

// LegacyProof is the "proof" member of OpenID4VCI drafts 13-14.
type LegacyProof struct {
	ProofType string `json:"proof_type"`
	JWT       string `json:"jwt,omitempty"`
}

// NewCredentialRequest returns the request for configuration id with one
// proof JWT (see NewProofJWT).
func NewCredentialRequest(configurationID, proofJWT string) *CredentialRequest {
	return &CredentialRequest{CredentialConfigurationID: configurationID, Proofs: &Proofs{JWT: []string{proofJWT}}}
}

// ParseCredentialRequest reads a Credential Request strictly and checks
// §8.2: exactly one of credential_configuration_id and
// credential_identifier; at most one of proofs and proof; proofs holds
// only a non-empty jwt array of at most MaxConfigurationIDs entries, proof
// is of type jwt. Failures are invalid_credential_request, an unknown proof
// type invalid_proof. It does not verify the proofs (VerifyProofJWT) or know
// the configurations (IssuerMetadata.Configuration).
func ParseCredentialRequest(b []byte) (*CredentialRequest, error) {
	var raw struct {
		CredentialConfigurationID string                     `json:"credential_configuration_id"`
		CredentialIdentifier      string                     `json:"credential_identifier"`
		Proofs                    map[string]json.RawMessage `json:"proofs"`
		Proof                     *LegacyProof               `json:"proof"`
	}
	if err := decode(b, MaxRequestBytes, &raw, "credential request", CodeInvalidCredentialRequest); err != nil {
		return nil, err
	}
	r := &CredentialRequest{CredentialConfigurationID: raw.CredentialConfigurationID, CredentialIdentifier: raw.CredentialIdentifier, Proof: raw.Proof}
	switch {
	case r.CredentialConfigurationID != "" && r.CredentialIdentifier != "":
		return nil, errorf(CodeInvalidCredentialRequest, "both credential_configuration_id and credential_identifier")
	case r.CredentialConfigurationID == "" && r.CredentialIdentifier == "":
		return nil, errorf(CodeInvalidCredentialRequest, "neither credential_configuration_id nor credential_identifier")
	case len(r.CredentialConfigurationID) > MaxValueLength || len(r.CredentialIdentifier) > MaxValueLength:
		return nil, errorf(CodeInvalidCredentialRequest, "credential identifier longer than %d bytes", MaxValueLength)
	case raw.Proofs != nil && raw.Proof != nil:
		return nil, errorf(CodeInvalidCredentialRequest, "both proofs and proof")
	}
	if raw.Proof != nil {
		if raw.Proof.ProofType != "jwt" {
			return nil, errorf(CodeInvalidProof, "proof_type %q is not supported (jwt is)", trunc(raw.Proof.ProofType))
		}
		if raw.Proof.JWT == "" {
			return nil, errorf(CodeInvalidCredentialRequest, "proof has no jwt")
		}
	}
	if raw.Proofs != nil {
		if len(raw.Proofs) != 1 {
			return nil, errorf(CodeInvalidCredentialRequest, "proofs must hold exactly one proof type")
		}
		rawJWTs, ok := raw.Proofs["jwt"]
		if !ok {
			for t := range raw.Proofs {
				return nil, errorf(CodeInvalidProof, "proof type %q is not supported (jwt is)", trunc(t))
			}
		}
		var jwts []string
		if err := json.Unmarshal(rawJWTs, &jwts); err != nil || slices.Contains(jwts, "") {
			return nil, errorf(CodeInvalidCredentialRequest, "proofs.jwt must be an array of non-empty strings")
		}
		if len(jwts) == 0 || len(jwts) > MaxConfigurationIDs {
			return nil, errorf(CodeInvalidCredentialRequest, "proofs.jwt must hold 1 to %d proofs", MaxConfigurationIDs)
		}
		r.Proofs = &Proofs{JWT: jwts}
	}
	return r, nil
}

// ProofJWTs returns the request's proof JWTs, from proofs or the legacy
// proof.
func (r *CredentialRequest) ProofJWTs() []string {
	if r.Proofs != nil {
		return r.Proofs.JWT
	}
	if r.Proof != nil {
		return []string{r.Proof.JWT}
	}
	return nil
}

// CredentialResponse is an immediate Credential Response (§8.3): one
// issued credential per proof. Deferred issuance (transaction_id) is not
// supported.
type CredentialResponse struct {
	Credentials    []IssuedCredential `json:"credentials"`
	NotificationID string             `json:"notification_id,omitempty"`
}

// IssuedCredential is one entry of credentials (§8.3): for dc+sd-jwt and
// vc+sd-jwt, the SD-JWT in compact form.
type IssuedCredential struct {
	Credential string `json:"credential"`
}

// ParseCredentialResponse reads a Credential Response strictly: credentials
// is a non-empty array of objects whose credential is a non-empty string
// (the SD-JWT and JWT formats). A response with transaction_id only
// (deferred) fails with CodeUnsupported. It does not verify the credentials
// (core/verify does).
func ParseCredentialResponse(b []byte) (*CredentialResponse, error) {
	var raw struct {
		Credentials []struct {
			Credential any `json:"credential"`
		} `json:"credentials"`
		TransactionID  string `json:"transaction_id"`
		NotificationID string `json:"notification_id"`
	}
	if err := decode(b, MaxResponseBytes, &raw, "credential response", CodeMalformed); err != nil {
		return nil, err
	}
	if len(raw.Credentials) == 0 {
		if raw.TransactionID != "" {
			return nil, errorf(CodeUnsupported, "credential response: deferred issuance is not supported")
		}
		return nil, errorf(CodeMalformed, "credential response: no credentials")
	}
	if len(raw.Credentials) > MaxConfigurationIDs {
		return nil, errorf(CodeTooLarge, "credential response: more than %d credentials", MaxConfigurationIDs)
	}
	r := &CredentialResponse{NotificationID: raw.NotificationID}
	for _, c := range raw.Credentials {
		s, ok := c.Credential.(string)
		if !ok || s == "" {
			return nil, errorf(CodeMalformed, "credential response: a credential is not a non-empty string")
		}
		r.Credentials = append(r.Credentials, IssuedCredential{Credential: s})
	}
	return r, nil
}
