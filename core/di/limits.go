package di

// MaxProofs bounds the proofs of one document: each may cost two
// canonicalizations.
const MaxProofs = 8
