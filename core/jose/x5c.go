package jose

import (
	"bytes"
	"crypto/x509"
	"encoding/base64"

	"errors"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// MaxChainLength bounds an x5c chain: a leaf, intermediates and a root fit
// in five; deeper chains are not seen in practice.
const MaxChainLength = 5

// JWKCertificates returns the certificate chain of a JWK's "x5c" member
// (RFC 7517 §4.7: standard base64 DER, leaf first), or nil when the JWK
// has none. It checks that the leaf certifies the JWK's own public key;
// it does not validate the chain (see [VerifyChain]).
func JWKCertificates(b []byte) ([]*x509.Certificate, error) {
	var m struct {
		X5C []string `json:"x5c"`
	}
	if err := strictjson.Unmarshal(b, &m, 8); err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	if len(m.X5C) == 0 {
		return nil, nil
	}
	if len(m.X5C) > MaxChainLength {
		return nil, errorf(CodeBadKey, "x5c holds %d certificates, more than %d", len(m.X5C), MaxChainLength)
	}
	chain := make([]*x509.Certificate, len(m.X5C))
	for i, s := range m.X5C {
		der, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, errorf(CodeBadKey, "x5c[%d]: %w", i, err)
		}
		if chain[i], err = x509.ParseCertificate(der); err != nil {
			return nil, errorf(CodeBadKey, "x5c[%d]: %w", i, err)
		}
	}
	pub, err := ParsePublicJWK(b)
	if err != nil {
		return nil, err
	}
	want, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, errorf(CodeBadKey, "jwk key: %w", err)
	}
	got, err := x509.MarshalPKIXPublicKey(chain[0].PublicKey)
	if err != nil || !bytes.Equal(got, want) {
		return nil, errorf(CodeBadKey, "x5c leaf certificate does not certify the JWK's key")
	}
	return chain, nil
}

// ErrNoRoots reports that a chain was checked against an empty root set.
var ErrNoRoots = errors.New("jose: no trusted roots configured")

// VerifyChain validates chain (leaf first) to one of roots at opts'
// CurrentTime, which the caller must set (time is an input). The leaf's
// validity period is part of the check: an expired leaf fails with an
// x509.CertificateInvalidError whose Reason is x509.Expired.
func VerifyChain(chain []*x509.Certificate, roots *x509.CertPool, opts x509.VerifyOptions) error {
	if roots == nil {
		return ErrNoRoots
	}
	if len(chain) == 0 {
		return errorf(CodeBadKey, "empty certificate chain")
	}
	opts.Roots = roots
	opts.Intermediates = x509.NewCertPool()
	for _, c := range chain[1:] {
		opts.Intermediates.AddCert(c)
	}
	if len(opts.KeyUsages) == 0 {
		opts.KeyUsages = []x509.ExtKeyUsage{x509.ExtKeyUsageAny}
	}
	_, err := chain[0].Verify(opts)
	return err
}
