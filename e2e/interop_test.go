package e2e

// Interop with the Node libraries Gaia-X services and the EU wallet
// ecosystem use, pinned in e2e/package.json: jose, jsonld,
// @digitalbazaar/vc-bitstring-status-list and @sd-jwt/*. Each test runs
// e2e/node/interop.mjs with `node` from PATH, in both directions: what
// Node makes verifies with ours (with the expected status), what we make
// verifies with theirs. Nothing touches the network.

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/verify"
)

// nodeTimeout bounds one run of interop.mjs (several operations).
const nodeTimeout = 45 * time.Second

// interopNow is the instant both sides verify at.
var interopNow = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// nodeOp is one operation of interop.mjs: {"op": name, ...arguments}.
type nodeOp map[string]any

// nodeResult is one result of interop.mjs: OK is false when the library
// under test refused the input, with its message in Error.
type nodeResult struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
	raw   json.RawMessage
}

// decode reads the operation's result members into v.
func (r nodeResult) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.raw, v); err != nil {
		t.Fatalf("node result: %v: %s", err, r.raw)
	}
}

// must fails the test unless the operation succeeded.
func (r nodeResult) must(t *testing.T, what string) nodeResult {
	t.Helper()
	if !r.OK {
		t.Fatalf("node %s: %s", what, r.Error)
	}
	return r
}

// runNode runs the operations in one Node process (interop.mjs in
// e2e/node, packages from e2e/node_modules) and returns their results in
// order. It skips outside `make test-e2e`.
func runNode(t *testing.T, ops ...nodeOp) []nodeResult {
	t.Helper()
	distDir(t)
	return runNodeScript(t, "interop.mjs", filepath.Join("@sd-jwt", "sd-jwt-vc"), ops)
}

// runNodeScript runs script (in e2e/node) once with ops as a JSON array on
// its standard input and returns its results in order; probe is a package
// under e2e/node_modules that must be installed.
func runNodeScript(t *testing.T, script, probe string, ops []nodeOp) []nodeResult {
	t.Helper()
	if _, err := os.Stat(filepath.Join("node_modules", probe)); err != nil {
		t.Fatalf("e2e/node_modules is incomplete (run scripts/deps.sh): %v", err)
	}
	in, err := json.Marshal(ops)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), nodeTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Dir = "node"
	cmd.WaitDelay = 5 * time.Second
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s", script, err, stderr.String())
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(stdout.Bytes(), &raws); err != nil || len(raws) != len(ops) {
		t.Fatalf("node %s: %d results for %d ops (%v): %.2000s", script, len(raws), len(ops), err, stdout.String())
	}
	out := make([]nodeResult, len(raws))
	for i, raw := range raws {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			t.Fatal(err)
		}
		out[i].raw = raw
	}
	return out
}

// issuerDoc is a did:web DID document whose verification methods are the
// given public JWKs, by fragment, all of them assertion methods.
func issuerDoc(t *testing.T, did string, keys map[string]json.RawMessage) json.RawMessage {
	t.Helper()
	var vms []any
	var am []string
	for frag, jwk := range keys {
		id := did + "#" + frag
		vms = append(vms, map[string]any{"id": id, "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": jwk})
		am = append(am, id)
	}
	b, err := json.Marshal(map[string]any{
		"@context":           []string{"https://www.w3.org/ns/did/v1"},
		"id":                 did,
		"verificationMethod": vms,
		"assertionMethod":    am,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// verifyOurs runs our verifier at interopNow with issuer trusted, the DID
// documents and resources given, and nothing fetched from the network.
// Each edit may change the request (nonce, aud) before it is applied.
func verifyOurs(t *testing.T, input []byte, issuer string, didDocs []json.RawMessage, resources map[string]string, edits ...func(*verify.Request)) verify.Result {
	t.Helper()
	req := verify.Request{
		Now:            interopNow.Format(time.RFC3339),
		TrustedIssuers: []string{issuer},
		DIDDocs:        didDocs,
		Resources:      map[string]json.RawMessage{},
		Offline:        true,
	}
	for u, v := range resources {
		b, _ := json.Marshal(v)
		req.Resources[u] = b
	}
	for _, e := range edits {
		e(&req)
	}
	opts, err := req.Apply(verify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := verify.Verify(context.Background(), input, opts)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return r
}

// wantStatus fails unless r has status want and, when code is not empty,
// a failed check with that code.
func wantStatus(t *testing.T, what string, r verify.Result, want verify.Status, code verify.Code) {
	t.Helper()
	if r.Status != want {
		t.Errorf("%s: status %s, want %s; checks %s", what, r.Status, want, checksText(r))
		return
	}
	if code == "" {
		return
	}
	for _, c := range r.Checks {
		if c.Code == code {
			return
		}
	}
	t.Errorf("%s: no check with code %s; checks %s", what, code, checksText(r))
}

func checksText(r verify.Result) string {
	b, _ := json.Marshal(r.Checks)
	return string(b)
}

// tamperJWT replaces one string in the payload of a compact JWS, keeping
// it well-formed so that only the signature can fail.
func tamperJWT(t *testing.T, token, old, repl string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	p, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(p, []byte(old)) {
		t.Fatalf("tamper: %q not in payload %s", old, p)
	}
	parts[1] = base64.RawURLEncoding.EncodeToString(bytes.Replace(p, []byte(old), []byte(repl), 1))
	return strings.Join(parts, ".")
}

// vcPayload is a VC Data Model 2.0 credential of issuer, as JSON text.
func vcPayload(t *testing.T, issuer string, extra map[string]any) string {
	t.Helper()
	c := map[string]any{
		"@context":          []string{"https://www.w3.org/ns/credentials/v2"},
		"id":                "urn:uuid:7d2b4c1e-interop",
		"type":              []string{"VerifiableCredential"},
		"issuer":            issuer,
		"validFrom":         "2026-01-01T00:00:00Z",
		"validUntil":        "2027-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": "did:example:alice", "name": "Alice"},
	}
	for k, v := range extra {
		c[k] = v
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newKey generates a key for alg: P-256 for ES256, RSA-2048 for PS256.
func newKey(t testing.TB, alg string) crypto.Signer {
	t.Helper()
	var k crypto.Signer
	var err error
	switch alg {
	case "ES256":
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "PS256":
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	default:
		t.Fatalf("no key for %s", alg)
	}
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func publicJWK(t *testing.T, pub crypto.PublicKey) json.RawMessage {
	t.Helper()
	b, err := jose.PublicJWK(pub)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestInteropJose: vc+jwt (VC-JOSE-COSE) signed by npm jose verifies with
// ours, and ours (core/jose.Sign) with jose's compactVerify, ES256 and
// PS256.
func TestInteropJose(t *testing.T) {
	const did = "did:web:node-issuer.example"
	algs := []string{"ES256", "PS256"}

	t.Run("node signs, we verify", func(t *testing.T) {
		payload := vcPayload(t, did, nil)
		var ops []nodeOp
		for _, alg := range algs {
			ops = append(ops, nodeOp{"op": "jose.sign", "alg": alg, "payload": payload,
				"header": map[string]any{"typ": "vc+jwt", "kid": did + "#" + alg}})
		}
		res := runNode(t, ops...)
		keys := map[string]json.RawMessage{}
		tokens := map[string]string{}
		for i, alg := range algs {
			var out struct {
				Token string          `json:"token"`
				JWK   json.RawMessage `json:"jwk"`
			}
			res[i].must(t, "jose.sign "+alg).decode(t, &out)
			keys[alg], tokens[alg] = out.JWK, out.Token
		}
		docs := []json.RawMessage{issuerDoc(t, did, keys)}
		for _, alg := range algs {
			r := verifyOurs(t, []byte(tokens[alg]), did, docs, nil)
			wantStatus(t, alg, r, verify.StatusActive, "")
			if r.Format != verify.FormatVCJWT {
				t.Errorf("%s: format %s", alg, r.Format)
			}
			bad := tamperJWT(t, tokens[alg], `"Alice"`, `"Mallory"`)
			r = verifyOurs(t, []byte(bad), did, docs, nil)
			wantStatus(t, alg+" tampered", r, verify.StatusInvalid, verify.CodeBadSignature)
		}
	})

	t.Run("we sign, node verifies", func(t *testing.T) {
		const ours = "did:web:gxwallet.example"
		payload := vcPayload(t, ours, nil)
		var ops []nodeOp
		for _, alg := range algs {
			key := newKey(t, alg)
			tok, err := jose.Sign([]byte(payload), alg, key, map[string]any{"typ": "vc+jwt", "kid": ours + "#" + alg})
			if err != nil {
				t.Fatal(err)
			}
			jwk := publicJWK(t, key.Public())
			ops = append(ops,
				nodeOp{"op": "jose.verify", "token": tok, "jwk": jwk, "alg": alg},
				nodeOp{"op": "jose.verify", "token": tamperJWT(t, tok, `"Alice"`, `"Mallory"`), "jwk": jwk, "alg": alg})
		}
		res := runNode(t, ops...)
		for i, alg := range algs {
			var out struct {
				Header  map[string]any `json:"header"`
				Payload map[string]any `json:"payload"`
			}
			res[2*i].must(t, "jose.verify "+alg).decode(t, &out)
			if out.Header["typ"] != "vc+jwt" || out.Payload["issuer"] != ours {
				t.Errorf("%s: jose read header %v, payload %v", alg, out.Header, out.Payload)
			}
			if res[2*i+1].OK {
				t.Errorf("%s: jose verified a tampered token", alg)
			} else {
				t.Logf("%s tampered: jose: %s", alg, res[2*i+1].Error)
			}
		}
	})
}
