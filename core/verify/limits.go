package verify

// MaxInputBytes bounds one input (a credential or a presentation) unless
// Policy.MaxBytes is smaller. A presentation with a dozen enveloped RSA
// credentials is under 64 KiB; 1 MiB leaves room for embedded images.
const MaxInputBytes = 1 << 20

// MaxJSONDepth bounds the nesting of decoded JSON. Credentials nest a few
// levels; 64 refuses hostile inputs long before the stack notices.
const MaxJSONDepth = 64

// MaxEnvelopedCredentials bounds the credentials in one presentation.
const MaxEnvelopedCredentials = 64

// MaxDelegationDepth bounds a gx:parentPartyCredential chain. Delegation
// runs employer → department → employee in practice; 8 leaves room and
// stops a hostile chain early.
const MaxDelegationDepth = 8
