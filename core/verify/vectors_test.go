package verify

import (
	"bytes"
	"context"
	"crypto"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
)

// vector is one entry of testdata/vectors.json. An unknown member fails
// the test, so a typo cannot silently drop an expectation.
type vector struct {
	Name        string   `json:"name"`
	Input       string   `json:"input"`
	Keys        []string `json:"keys"`    // verification-method files → one controller document per controller
	DIDDocs     []string `json:"didDocs"` // DID document files
	Now         string   `json:"now"`
	Trust       []string `json:"trust"`
	Expect      Status   `json:"expect"`
	Code        Code     `json:"code"`
	Credentials []string `json:"credentials"` // "status:code" of each enveloped credential
	// Credential selects one embedded credential of the input
	// presentation's verifiableCredential (by index) as the input.
	Credential *int `json:"credential"`
	// Indeterminate says Verify must return ErrIndeterminate.
	Indeterminate bool   `json:"indeterminate"`
	Skip          string `json:"skip"`
	// JSONLD says the input is secured with a Data Integrity proof: a
	// build without JSON-LD (-tags nojsonld) reports it invalid with
	// jsonld_unavailable instead of the expectation above.
	JSONLD bool `json:"jsonld"`
}

// loadVectors reads testdata/vectors.json strictly.
func loadVectors(t testing.TB) []vector {
	t.Helper()
	b, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var vs []vector
	if err := dec.Decode(&vs); err != nil {
		t.Fatalf("vectors.json: %v", err)
	}
	return vs
}

// forEachVector runs fn for every vector as a parallel subtest.
func forEachVector(t *testing.T, fn func(t *testing.T, v vector, input []byte, o Options)) {
	for _, v := range loadVectors(t) {
		t.Run(v.Name, func(t *testing.T) {
			t.Parallel()
			if v.Skip != "" {
				t.Skip(v.Skip)
			}
			input := readTestdata(t, v.Input)
			if v.Credential != nil {
				input = embeddedCredential(t, input, *v.Credential)
			}
			o, err := v.options(t)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, v, input, o)
		})
	}
}

// embeddedCredential returns the i-th verifiableCredential of a
// presentation, as JSON.
func embeddedCredential(t testing.TB, vp []byte, i int) []byte {
	t.Helper()
	var doc struct {
		VC []json.RawMessage `json:"verifiableCredential"`
	}
	if err := json.Unmarshal(vp, &doc); err != nil || i >= len(doc.VC) {
		t.Fatalf("credential %d of the presentation: %v", i, err)
	}
	return doc.VC[i]
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// options builds the Options of a vector: DID documents, controller
// documents made of the listed verification methods (served at their
// controller URL, as a controlled identifier document is), the instant and
// the trusted issuers.
func (v vector) options(t testing.TB) (Options, error) {
	req := Request{Now: v.Now, TrustedIssuers: v.Trust, Offline: true}
	for _, f := range v.DIDDocs {
		req.DIDDocs = append(req.DIDDocs, readTestdata(t, f))
	}
	controllers := map[string][]map[string]any{}
	for _, f := range v.Keys {
		var vm map[string]any
		if err := json.Unmarshal(readTestdata(t, f), &vm); err != nil {
			return Options{}, err
		}
		delete(vm, "secretKeyJwk")
		c, _ := vm["controller"].(string)
		controllers[c] = append(controllers[c], vm)
	}
	for c, vms := range controllers {
		var ids []any
		for _, vm := range vms {
			ids = append(ids, vm["id"])
		}
		doc, _ := json.Marshal(map[string]any{"id": c, "verificationMethod": vms, "assertionMethod": ids, "authentication": ids})
		if strings.HasPrefix(c, "did:") {
			req.DIDDocs = append(req.DIDDocs, doc)
			continue
		}
		if req.Resources == nil {
			req.Resources = map[string]json.RawMessage{}
		}
		req.Resources[c] = doc
	}
	if v.Now == "" {
		req.Now = testNow.Format(time.RFC3339)
	}
	return req.Apply(Options{})
}

func TestVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector, input []byte, o Options) {
		r, err := Verify(context.Background(), input, o)
		if v.JSONLD && !hasJSONLD {
			if err != nil {
				t.Fatalf("Verify: err = %v, want none: nothing is fetched without JSON-LD", err)
			}
			// The code is on the input's proof, or on the credentials an
			// unsigned presentation holds.
			expect(t, r, StatusInvalid, "")
			if !anyCheck(r, CodeJSONLDUnavailable) {
				t.Errorf("no check with code %s in the result or its credentials: %s", CodeJSONLDUnavailable, dumpChecks(r))
			}
			return
		}
		if v.Indeterminate != errors.Is(err, ErrIndeterminate) || (err != nil && !v.Indeterminate) {
			t.Fatalf("Verify: err = %v, indeterminate expected: %v", err, v.Indeterminate)
		}
		expect(t, r, v.Expect, v.Code)
		if len(v.Credentials) != len(r.Credentials) && v.Credentials != nil {
			t.Fatalf("%d enveloped credentials, want %d", len(r.Credentials), len(v.Credentials))
		}
		for i, want := range v.Credentials {
			status, code, _ := strings.Cut(want, ":")
			expect(t, r.Credentials[i], Status(status), Code(code))
		}
	})
}

// TestICAMResigned signs the ICAM §5.3.1 LegalPerson document with the key
// published in the same section: the did:web RSA path of a Gaia-X
// credential end to end, in both typ spellings.
func TestICAMResigned(t *testing.T) {
	block, _ := pem.Decode(readTestdata(t, "gaiax-icam/rsa-private-key.pem"))
	if block == nil {
		t.Fatal("no PEM block")
	}
	var key crypto.Signer
	if k, err := x509.ParsePKCS8PrivateKey(block.Bytes); err == nil {
		key = k.(crypto.Signer)
	} else if k, err := x509.ParsePKCS1PrivateKey(block.Bytes); err == nil {
		key = k
	} else {
		t.Fatalf("parse key: %v", err)
	}
	payload := readTestdata(t, "gaiax-icam/document.json")
	o, err := vector{DIDDocs: []string{"gaiax-icam/did-example.org.json"}, Now: "2024-02-01T00:00:00Z", Trust: []string{"did:web:example.org"}}.options(t)
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"vc+jwt", "vc+ld+json+jwt"} {
		tok, err := jose.Sign(payload, "PS256", key, map[string]any{"typ": typ, "cty": "vc+ld+json", "kid": "did:web:example.org#JWK2020-RSA"})
		if err != nil {
			t.Fatal(err)
		}
		r := mustVerify(t, tok, o)
		expect(t, r, StatusActive, "")
		if r.Claims["gx:legalName"] != "Example Org" {
			t.Errorf("claims = %v", r.Claims)
		}
		o2 := o
		o2.Now = time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
		expect(t, mustVerify(t, tok, o2), StatusExpired, CodeExpired)
	}
}

// anyCheck reports whether a failed check of r, or of a credential it
// holds, carries code.
func anyCheck(r Result, code Code) bool {
	for _, c := range r.Checks {
		if c.Code == code && c.Status == Fail {
			return true
		}
	}
	for _, inner := range r.Credentials {
		if anyCheck(inner, code) {
			return true
		}
	}
	return false
}
