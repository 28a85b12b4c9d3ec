package verify

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/jwk"
	"github.com/gxwallet/gxwallet/core/jose"
)

func TestUnknownKidOfImmutableDID(t *testing.T) {
	key := testKey(t, "ES256").(*ecdsa.PrivateKey)
	d, err := jwk.Encode(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	iss := &issuer{DID: d.String(), Kid: d.String() + "#1", Alg: "ES256", Key: key}
	tok := iss.sign(t, iss.credential(nil), nil)
	expect(t, mustVerify(t, tok, Options{Now: testNow}), StatusInvalid, CodeKeyNotFound)
	iss.Kid = d.String() + "#0"
	expect(t, mustVerify(t, iss.sign(t, iss.credential(nil), nil), Options{Now: testNow, Policy: Policy{TrustedIssuers: []string{iss.DID}}}), StatusActive, "")
}

// certIssuer is a did:web issuer whose key's JWK carries an x5c chain
// (leaf, CA) valid from notBefore to notAfter.
func certIssuer(t *testing.T, notBefore, notAfter time.Time) (*issuer, string) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test trust anchor"},
		NotBefore: testNow.AddDate(-5, 0, 0), NotAfter: testNow.AddDate(5, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "issuer.example"},
		NotBefore: notBefore, NotAfter: notAfter, KeyUsage: x509.KeyUsageDigitalSignature}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	pub, _ := jose.PublicJWK(&key.PublicKey)
	var m map[string]any
	json.Unmarshal(pub, &m)
	m["x5c"] = []string{base64.StdEncoding.EncodeToString(leafDER), base64.StdEncoding.EncodeToString(caDER)}
	jwkWithChain, _ := json.Marshal(m)
	id := "did:web:certified.example"
	raw := fmt.Sprintf(`{"id":%q,"verificationMethod":[{"id":"%s#k","type":"JsonWebKey2020","controller":%q,"publicKeyJwk":%s}],"assertionMethod":["%s#k"]}`,
		id, id, id, jwkWithChain, id)
	doc, err := did.ParseDocument([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	anchor := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}))
	return &issuer{DID: id, Kid: id + "#k", Alg: "ES256", Key: key, Doc: doc, Raw: []byte(raw)}, anchor
}

func TestKeyCertificate(t *testing.T) {
	valid, anchor := certIssuer(t, testNow.AddDate(-1, 0, 0), testNow.AddDate(1, 0, 0))
	expired, _ := certIssuer(t, testNow.AddDate(-2, 0, 0), testNow.AddDate(0, -1, 0))
	_, otherAnchor := certIssuer(t, testNow.AddDate(-1, 0, 0), testNow.AddDate(1, 0, 0))
	withAnchors := func(iss *issuer, anchors ...string) Options {
		o := opts([]*issuer{iss})
		o.Policy.TrustAnchors = anchors
		return o
	}
	tok := valid.sign(t, valid.credential(nil), nil)
	var err error
	expect(t, mustVerify(t, tok, withAnchors(valid, anchor)), StatusActive, "")
	expect(t, mustVerify(t, tok, withAnchors(valid, otherAnchor)), StatusUntrusted, CodeUntrusted)
	expect(t, mustVerify(t, tok, withAnchors(valid, "not a PEM certificate")), StatusUntrusted, CodeUntrusted)
	expect(t, mustVerify(t, tok, withAnchors(valid)), StatusUntrusted, CodeUntrusted)

	// An expired signing certificate makes the credential expired, even
	// when validUntil is in the future; its chain no longer makes it trusted.
	r := mustVerify(t, expired.sign(t, expired.credential(nil), nil), withAnchors(expired, anchor))
	expect(t, r, StatusExpired, CodeCertificateExpired)

	// A chain whose first certificate certifies another key (here the CA
	// first) is refused.
	var doc map[string]any
	json.Unmarshal(valid.Raw, &doc)
	vm := doc["verificationMethod"].([]any)[0].(map[string]any)["publicKeyJwk"].(map[string]any)
	chain := vm["x5c"].([]any)
	vm["x5c"] = []any{chain[1], chain[0]}
	swapped, _ := json.Marshal(doc)
	if valid.Doc, err = did.ParseDocument(swapped); err != nil {
		t.Fatal(err)
	}
	expect(t, mustVerify(t, tok, withAnchors(valid, anchor)), StatusInvalid, CodeBadKey)
}
