package verify

// Check identifiers. Each names the step and the section of the
// specification it implements; the strings are stable.
const (
	CheckInput          = "input"                       // size and nesting bounds (limits.go)
	CheckFormat         = "format"                      // format detection, JSON well-formedness
	CheckHeader         = "jose.header"                 // RFC 7515 §4, VC-JOSE-COSE §3.1 (typ, cty, alg, crit)
	CheckDataModel      = "datamodel"                   // VC DM 2.0 §4 (contexts, types, issuer, subject, dates), VC-JOSE-COSE §3.1 (no vc/vp claims)
	CheckIssuerKey      = "issuer.key"                  // VC-JOSE-COSE §3.3, DID Core §5.3.2 (kid is an assertionMethod of the issuer)
	CheckKeyCertificate = "issuer.certificate"          // Gaia-X TF §4.8.5.1.4: the x5c certificate of the signing key is within its validity period
	CheckDisclosures    = "sd.disclosures"              // RFC 9901 §7.1: every disclosure is referenced once, well-formed, not colliding
	CheckProof          = "proof"                       // RFC 7515 §5.2 signature validation
	CheckValidFrom      = "validity.from"               // VC DM 2.0 §4.9 validFrom, RFC 7519 §4.1.5 nbf
	CheckValidUntil     = "validity.until"              // VC DM 2.0 §4.9 validUntil, RFC 7519 §4.1.4 exp
	CheckHolderKey      = "gaiax.holder"                // Gaia-X TF §4.8.5.1: gx:holder names exactly one key of the subject's DID
	CheckDelegation     = "gaiax.delegation"            // Gaia-X TF §4.8.5.1: gx:parentPartyCredential verifies and its holder signed this one
	CheckStatusList     = "status"                      // W3C Bitstring Status List v1.0 §3.2, IETF Token Status List §8.3; entries are "status.<purpose>"
	CheckDeprecated     = "lifecycle.deprecated"        // Gaia-X TF §4.8.5.1.4 deprecated
	CheckTrust          = "trust"                       // the verifier's trust policy
	CheckHolder         = "presentation.holder"         // VC DM 2.0 §4.13: the presentation is signed by its holder
	CheckCredentials    = "presentation.credentials"    // every enveloped credential verifies
	CheckHolderBinding  = "presentation.holder_binding" // Gaia-X TF §4.8.5.1: a Party Credential is presented by the key gx:holder names
	CheckBinding        = "presentation.binding"        // RFC 7519 §4.1.3 aud and the OpenID4VP nonce, against replay
)
