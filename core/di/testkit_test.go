package di

import (
	"bytes"
	"crypto"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/jose"
)

// allAlgs is the verifier's allowlist in these tests.
var allAlgs = []string{"PS256", "PS384", "PS512", "RS256", "ES256", "ES384", "EdDSA"}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := readFileErr(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readFileErr(path string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", path))
}

func readDoc(t testing.TB, path string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(readFile(t, path), &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// decodeStrict decodes b into v and fails on unknown keys: a vector whose
// expectation this kit does not understand must not pass silently.
func decodeStrict(t testing.TB, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("manifest: %v", err)
	}
}

// jws2020Case is one entry of testdata/jws2020/MANIFEST.json.
type jws2020Case struct {
	Kind     string    `json:"kind"` // detached-jws | credential | resign
	JWS      string    `json:"jws"`
	Message  string    `json:"message"`
	Key      string    `json:"key"`
	Doc      string    `json:"doc"`
	Issuer   string    `json:"issuer"`
	Created  string    `json:"created"`
	Want     string    `json:"want"`
	Flavours []Flavour `json:"flavours"`
	// Expect is "valid", "identical", a flavour, or an error code.
	Expect string `json:"expect"`
	Note   string `json:"note"`
}

func forEachJWS2020Vector(t *testing.T, f func(t *testing.T, name string, c jws2020Case)) {
	var cases map[string]jws2020Case
	decodeStrict(t, readFile(t, "jws2020/MANIFEST.json"), &cases)
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := cases[n]
		t.Run(n, func(t *testing.T) {
			t.Parallel()
			f(t, n, c)
		})
	}
}

// keypair is a JsonWebKey2020 verification method with its private JWK,
// as in the lds-jws2020 vectors.
type keypair struct {
	ID      string          `json:"id"`
	Public  json.RawMessage `json:"publicKeyJwk"`
	Private json.RawMessage `json:"privateKeyJwk"`
}

func readKeypair(t testing.TB, path string) (crypto.PublicKey, crypto.Signer, error) {
	t.Helper()
	var kp keypair
	if err := json.Unmarshal(readFile(t, path), &kp); err != nil {
		t.Fatal(err)
	}
	pub, err := jose.ParsePublicJWK(kp.Public)
	if err != nil {
		return nil, nil, err
	}
	priv, err := jose.ParsePrivateJWK(kp.Private)
	return pub, priv, err
}

// tagusVC is one entry of testdata/tagus-2210/EXPECTED.json.
type tagusVC struct {
	Index              int             `json:"index"`
	Issuer             string          `json:"issuer"`
	SubjectType        json.RawMessage `json:"subject_type"`
	VerificationMethod string          `json:"verificationMethod"`
	JWSHeader          json.RawMessage `json:"jws_header"`
	DIDDoc             string          `json:"did_doc"`
	SpecFlavour        string          `json:"spec_flavour"`
	GaiaXFlavour       string          `json:"gaiax_flavour"`
	DocNQuadsSHA256    string          `json:"doc_nquads_sha256"`
	Result             string          `json:"result"`
}

// forEachTagusVector runs f for every credential of every Gaia-X Tagus
// fixture, with the verifiable credential and its expectation.
func forEachTagusVector(t *testing.T, f func(t *testing.T, vc map[string]any, want tagusVC)) {
	var expected map[string][]tagusVC
	decodeStrict(t, readFile(t, "tagus-2210/EXPECTED.json"), &expected)
	files := make([]string, 0, len(expected))
	for n := range expected {
		files = append(files, n)
	}
	sort.Strings(files)
	for _, file := range files {
		vp := readDoc(t, "tagus-2210/fixtures/"+file)
		vcs, _ := vp["verifiableCredential"].([]any)
		for _, want := range expected[file] {
			t.Run(file+"/"+itoa(want.Index), func(t *testing.T) {
				t.Parallel()
				if want.Index >= len(vcs) {
					t.Fatalf("fixture has %d credentials", len(vcs))
				}
				vc, ok := vcs[want.Index].(map[string]any)
				if !ok {
					t.Fatal("credential is not an object")
				}
				f(t, vc, want)
			})
		}
	}
}

// tagusKey returns the public key of proof p from the DID document the
// expectation names. The wizard's did:web DIDs embed the PEM public key;
// derived-did/ holds minimal DID documents built from it.
func tagusKey(t testing.TB, docPath string, p Proof) crypto.PublicKey {
	t.Helper()
	doc, err := did.ParseDocument(readFile(t, "tagus-2210/"+docPath))
	if err != nil {
		t.Fatalf("%s: %v", docPath, err)
	}
	vm, err := doc.Method(p.VerificationMethod, "assertionMethod")
	if err != nil {
		// The egavard fixture names the bare DID; its document has one
		// method.
		if len(doc.VerificationMethod) != 1 {
			t.Fatalf("%s: %v", docPath, err)
		}
		vm = doc.VerificationMethod[0]
	}
	key, err := vm.PublicKey()
	if err != nil {
		t.Fatalf("%s: %v", docPath, err)
	}
	return key
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
