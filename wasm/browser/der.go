package browser

import (
	"encoding/asn1"
	"errors"
	"math/big"
)

// p256Size is the size of r and of s in a P-256 signature.
const p256Size = 32

// P1363ToDER turns an IEEE P1363 ECDSA signature (r‖s, each p256Size
// bytes, what WebCrypto and JWS ES256 use) into the ASN.1 DER form
// crypto.Signer returns (SEC 1 §C.8, Ecdsa-Sig-Value). It checks lengths
// only, not that r and s are in range.
func P1363ToDER(sig []byte) ([]byte, error) {
	if len(sig) != 2*p256Size {
		return nil, errors.New("browser: P-256 signature is not 64 bytes")
	}
	r := new(big.Int).SetBytes(sig[:p256Size])
	s := new(big.Int).SetBytes(sig[p256Size:])
	return asn1.Marshal(struct{ R, S *big.Int }{r, s})
}

// DERToP1363 is the inverse of [P1363ToDER], for a JWS ES256 signature
// made from a DER one. It refuses trailing data and values too long for
// P-256.
func DERToP1363(der []byte) ([]byte, error) {
	var v struct{ R, S *big.Int }
	rest, err := asn1.Unmarshal(der, &v)
	if err != nil {
		return nil, err
	}
	if len(rest) != 0 || v.R.Sign() <= 0 || v.S.Sign() <= 0 || v.R.BitLen() > 8*p256Size || v.S.BitLen() > 8*p256Size {
		return nil, errors.New("browser: not a P-256 DER signature")
	}
	out := make([]byte, 2*p256Size)
	v.R.FillBytes(out[:p256Size])
	v.S.FillBytes(out[p256Size:])
	return out, nil
}
