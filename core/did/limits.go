package did

// Limits on untrusted input. Each names what it bounds and why the value
// is large enough for real documents (STYLE rule 22).
const (
	// MaxDocumentBytes bounds a DID document. Real documents are a few
	// KiB; a document with hundreds of RSA keys is still under 256 KiB.
	MaxDocumentBytes = 256 << 10

	// MaxDIDLength bounds a DID or DID URL. The longest DIDs we meet are
	// did:key RSA-8192 (about 1.5 Ki characters) and did:jwk with an
	// RSA-4096 JWK (about 1 Ki); did:web wizard DIDs embed a PEM key
	// (about 600).
	MaxDIDLength = 8192

	// MaxDocumentDepth bounds JSON nesting in a DID document. The deepest
	// standard member is verificationMethod[i].publicKeyJwk.x5c[j] (depth
	// 4); services may nest maps a few levels more.
	MaxDocumentDepth = 32

	// MaxVerificationMethods bounds the methods of one document, counting
	// the embedded ones, and the entries of each relationship.
	MaxVerificationMethods = 256
)
