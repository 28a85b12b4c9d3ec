package browser

import (
	"crypto/ecdsa"

	"github.com/gxwallet/gxwallet/core/did"
	didjwk "github.com/gxwallet/gxwallet/core/did/jwk"
	didkey "github.com/gxwallet/gxwallet/core/did/key"
)

// HolderDIDs returns the did:jwk and the did:key naming a holder public
// key (both derive from the key alone; no resolution, no I/O).
func HolderDIDs(pub *ecdsa.PublicKey) (jwkDID, keyDID did.DID, err error) {
	if jwkDID, err = didjwk.Encode(pub); err != nil {
		return did.DID{}, did.DID{}, err
	}
	if keyDID, err = didkey.Encode(pub); err != nil {
		return did.DID{}, did.DID{}, err
	}
	return jwkDID, keyDID, nil
}
