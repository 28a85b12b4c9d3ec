package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestWorkerVectors drives every verification vector of the CLI through
// both of its paths and asserts identical Results:
//
//   - the native CLI, `gxwallet verify --json` (flags → verify.Request →
//     Apply → verify.Verify, as a user runs it), built from cmd/gxwallet;
//   - POST /v1/verify on a real workerd serving dist/worker, with the same
//     options as the request's JSON.
//
// The vectors are core/verify/testdata/vectors.json, read with the
// conventions of its loader (core/verify/vectors_test.go: keys become
// controller documents, a missing "now" is the table tests' fixed
// instant, everything offline), and the plain verify inputs of
// cmd/gxwallet/testdata/script/*.txtar (a verify command whose file is in
// the archive). Each side's Result is compared as canonical JSON; nothing
// is ignored: the instant is pinned through options.now on both sides.
func TestWorkerVectors(t *testing.T) {
	base := startWorkerd(t)
	bin := buildGxwallet(t)

	var cases []vectorCase
	cases = append(cases, coreVectorCases(t)...)
	nCore := len(cases)
	cases = append(cases, scriptVectorCases(t)...)
	if nCore < 50 || len(cases)-nCore < 6 {
		t.Fatalf("%d core vectors and %d script inputs: the loaders lost some", nCore, len(cases)-nCore)
	}

	var compared int
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cli, exit := runCLIVerify(t, bin, c)
			code, worker := postVerify(t, base, c)
			if code != 200 {
				t.Fatalf("worker: HTTP %d %s; CLI (exit %d): %s", code, worker, exit, cli)
			}
			if !bytes.Equal(cli, worker) {
				t.Fatalf("Results differ\nCLI (exit %d):\n%s\nworker:\n%s", exit, cli, worker)
			}
			var r struct {
				Status string `json:"status"`
				Checks []struct {
					Code string `json:"code"`
				} `json:"checks"`
			}
			if err := json.Unmarshal(cli, &r); err != nil {
				t.Fatal(err)
			}
			// The CLI's exit status follows the Result (0 active, 1 not
			// active, 2 could not evaluate).
			if want := map[bool]int{true: 0, false: 1}[r.Status == "active"]; exit != want && !(exit == 2 && c.indeterminate) {
				t.Errorf("CLI exit %d for status %s", exit, r.Status)
			}
			// The vector's own expectation holds too: the options built
			// here are the ones core's loader builds.
			if c.expect != "" {
				if r.Status != c.expect {
					t.Errorf("status %s, the vector expects %s", r.Status, c.expect)
				}
				if c.code != "" && !slices.ContainsFunc(r.Checks, func(ch struct {
					Code string `json:"code"`
				}) bool {
					return ch.Code == c.code
				}) {
					t.Errorf("no check with code %s, the vector expects one", c.code)
				}
			}
			compared++
		})
	}
	t.Logf("%d vectors (%d from core/verify/testdata/vectors.json, %d from cmd/gxwallet/testdata/script) gave identical Results through the CLI and POST /v1/verify on workerd",
		compared, nCore, len(cases)-nCore)
	if compared != len(cases) {
		t.Errorf("%d of %d vectors compared", compared, len(cases))
	}
}

// vectorCase is one verification: an input file, the CLI flags that
// state its options, and the same options as a verify.Request.
type vectorCase struct {
	name          string
	input         string   // path of the input file
	args          []string // CLI flags (files are absolute paths)
	request       map[string]any
	expect, code  string // the vector's expectation, when it states one
	indeterminate bool   // the vector expects "could not evaluate" (CLI exit 2)
	jsonld        bool   // a core vector secured with a Data Integrity proof
}

// optionSet accumulates options in both forms at once.
type optionSet struct {
	args []string
	req  map[string]any
}

func newOptionSet() *optionSet {
	return &optionSet{args: []string{"--json", "--offline"}, req: map[string]any{"offline": true}}
}

func (o *optionSet) now(s string) {
	o.args = append(o.args, "--now", s)
	o.req["now"] = s
}

func (o *optionSet) trust(iss string) {
	o.args = append(o.args, "--trust-issuer", iss)
	l, _ := o.req["trustedIssuers"].([]string)
	o.req["trustedIssuers"] = append(l, iss)
}

func (o *optionSet) didDoc(t *testing.T, path string) {
	o.args = append(o.args, "--did-doc", path)
	l, _ := o.req["didDocs"].([]json.RawMessage)
	o.req["didDocs"] = append(l, json.RawMessage(readFileT(t, path)))
}

func (o *optionSet) resource(t *testing.T, url, path string) {
	o.args = append(o.args, "--resource", url+"="+path)
	m, _ := o.req["resources"].(map[string]string)
	if m == nil {
		m = map[string]string{}
	}
	m[url] = string(readFileT(t, path))
	o.req["resources"] = m
}

func (o *optionSet) nonce(s string) { o.args = append(o.args, "--nonce", s); o.req["nonce"] = s }
func (o *optionSet) aud(s string)   { o.args = append(o.args, "--aud", s); o.req["aud"] = s }

func readFileT(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// coreVector is one entry of core/verify/testdata/vectors.json. Decoding
// is strict, as in core's loader: a new member must be handled here too.
type coreVector struct {
	Name          string   `json:"name"`
	Input         string   `json:"input"`
	Keys          []string `json:"keys"`
	DIDDocs       []string `json:"didDocs"`
	Now           string   `json:"now"`
	Trust         []string `json:"trust"`
	Expect        string   `json:"expect"`
	Code          string   `json:"code"`
	Credentials   []string `json:"credentials"`
	Credential    *int     `json:"credential"`
	Indeterminate bool     `json:"indeterminate"`
	Skip          string   `json:"skip"`
	JSONLD        bool     `json:"jsonld"` // needs JSON-LD: the lite worker reports jsonld_unavailable
}

// coreTestNow is core/verify's testNow, the instant of a vector without
// "now" (core/verify/testkit_test.go).
const coreTestNow = "2026-06-01T12:00:00Z"

func coreVectorCases(t *testing.T) []vectorCase {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "core", "verify", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(readFileT(t, filepath.Join(dir, "vectors.json"))))
	dec.DisallowUnknownFields()
	var vs []coreVector
	if err := dec.Decode(&vs); err != nil {
		t.Fatalf("vectors.json: %v", err)
	}
	work := t.TempDir()
	var cases []vectorCase
	for i, v := range vs {
		o := newOptionSet()
		now := v.Now
		if now == "" {
			now = coreTestNow
		}
		o.now(now)
		for _, iss := range v.Trust {
			o.trust(iss)
		}
		for _, f := range v.DIDDocs {
			o.didDoc(t, filepath.Join(dir, f))
		}
		// Verification-method files become one controller document per
		// controller: a DID document for a DID, else a document served at
		// the controller's URL (core/verify/vectors_test.go, options).
		controllers := map[string][]map[string]any{}
		var order []string
		for _, f := range v.Keys {
			var vm map[string]any
			if err := json.Unmarshal(readFileT(t, filepath.Join(dir, f)), &vm); err != nil {
				t.Fatalf("%s: %s: %v", v.Name, f, err)
			}
			delete(vm, "secretKeyJwk")
			c, _ := vm["controller"].(string)
			if _, ok := controllers[c]; !ok {
				order = append(order, c)
			}
			controllers[c] = append(controllers[c], vm)
		}
		for j, c := range order {
			var ids []any
			for _, vm := range controllers[c] {
				ids = append(ids, vm["id"])
			}
			doc, _ := json.Marshal(map[string]any{"id": c, "verificationMethod": controllers[c], "assertionMethod": ids, "authentication": ids})
			path := filepath.Join(work, fmt.Sprintf("v%d-controller%d.json", i, j))
			if err := os.WriteFile(path, doc, 0o600); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(c, "did:") {
				o.didDoc(t, path)
			} else {
				o.resource(t, c, path)
			}
		}
		input := filepath.Join(dir, v.Input)
		if v.Credential != nil {
			// One embedded credential of the presentation is the input.
			var vp struct {
				VC []json.RawMessage `json:"verifiableCredential"`
			}
			if err := json.Unmarshal(readFileT(t, input), &vp); err != nil || *v.Credential >= len(vp.VC) {
				t.Fatalf("%s: credential %d of the presentation: %v", v.Name, *v.Credential, err)
			}
			input = filepath.Join(work, fmt.Sprintf("v%d-credential.json", i))
			if err := os.WriteFile(input, vp.VC[*v.Credential], 0o600); err != nil {
				t.Fatal(err)
			}
		}
		c := vectorCase{name: "core/" + v.Name, input: input, args: o.args, request: o.req, indeterminate: v.Indeterminate, jsonld: v.JSONLD}
		// A skipped vector (an outcome core does not reach yet) is still
		// compared; only its expectation is not asserted.
		if v.Skip == "" {
			c.expect, c.code = v.Expect, v.Code
		}
		cases = append(cases, c)
	}
	return cases
}

// scriptVectorCases returns the verify commands of the CLI's testscript
// files whose input is a file of the archive: the CLI's own verification
// vectors. Commands that test the CLI's flag handling (a file the script
// generates or lacks, a malformed flag) are not verifications and are
// left out, with a log line.
func scriptVectorCases(t *testing.T) []vectorCase {
	t.Helper()
	root := filepath.Join("..", "cmd", "gxwallet", "testdata")
	scripts, err := filepath.Glob(filepath.Join(root, "script", "*.txtar"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts under %s: %v", root, err)
	}
	fixtures, err := filepath.Abs(filepath.Join(root, "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []vectorCase
	for _, script := range scripts {
		ar, err := txtar.ParseFile(script)
		if err != nil {
			t.Fatal(err)
		}
		work := t.TempDir()
		files := map[string]string{}
		for _, f := range ar.Files {
			path := filepath.Join(work, f.Name)
			if err := os.WriteFile(path, f.Data, 0o600); err != nil {
				t.Fatal(err)
			}
			files[f.Name] = path
		}
		fixture := func(name string) (string, bool) {
			if p, ok := files[name]; ok {
				return p, true
			}
			p := filepath.Join(fixtures, name)
			_, err := os.Stat(p)
			return p, err == nil
		}
		for n, line := range strings.Split(string(ar.Comment), "\n") {
			fields := strings.Fields(line)
			if len(fields) > 0 && fields[0] == "!" {
				fields = fields[1:]
			}
			if len(fields) < 3 || fields[0] != "exec" || fields[1] != "gxwallet" || fields[2] != "verify" {
				continue
			}
			name := fmt.Sprintf("script/%s:%d", filepath.Base(script), n+1)
			c, why := scriptCase(t, fields[3:], files, fixture)
			if why != "" {
				t.Logf("%s: not a verification vector (%s)", name, why)
				continue
			}
			c.name = name
			cases = append(cases, c)
		}
	}
	return cases
}

// scriptCase reads the arguments of one `gxwallet verify` command.
func scriptCase(t *testing.T, args []string, archive map[string]string, fixture func(string) (string, bool)) (vectorCase, string) {
	o := newOptionSet()
	var input string
	offline := false
	file := func(name string) (string, error) {
		if p, ok := fixture(strings.Trim(name, "'")); ok {
			return p, nil
		}
		return "", fmt.Errorf("%s is made by the script", name)
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		value := func() (string, error) {
			if i+1 >= len(args) {
				return "", errors.New(a + " without a value")
			}
			i++
			return strings.Trim(args[i], "'"), nil
		}
		var v string
		var err error
		switch a {
		case "--json":
			continue
		case "--offline":
			offline = true
			continue
		case "--now", "--trust-issuer", "--did-doc", "--resource", "--nonce", "--aud":
			if v, err = value(); err != nil {
				return vectorCase{}, err.Error()
			}
		default:
			if strings.HasPrefix(a, "-") {
				return vectorCase{}, "flag " + a
			}
			if input != "" {
				return vectorCase{}, "two files"
			}
			p, ok := archive[a]
			if !ok {
				return vectorCase{}, "input " + a + " is not in the archive"
			}
			input = p
			continue
		}
		switch a {
		case "--now":
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				return vectorCase{}, "--now " + v + " is a usage error"
			}
			o.now(v)
		case "--trust-issuer":
			o.trust(v)
		case "--nonce":
			o.nonce(v)
		case "--aud":
			o.aud(v)
		case "--did-doc":
			p, err := file(v)
			if err != nil {
				return vectorCase{}, err.Error()
			}
			o.didDoc(t, p)
		case "--resource":
			url, name, ok := strings.Cut(v, "=")
			if !ok {
				return vectorCase{}, "--resource " + v + " is a usage error"
			}
			p, err := file(name)
			if err != nil {
				return vectorCase{}, err.Error()
			}
			o.resource(t, url, p)
		}
	}
	if input == "" {
		return vectorCase{}, "no input file"
	}
	if !offline {
		// Online verification reaches the network from the CLI; both
		// sides would fetch differently, so only offline commands are
		// vectors.
		return vectorCase{}, "not --offline"
	}
	if _, ok := o.req["now"]; !ok {
		// Pin the instant on both sides: the Result does not name it,
		// but validity checks depend on it.
		o.now(time.Now().UTC().Format(time.RFC3339))
	}
	return vectorCase{input: input, args: o.args, request: o.req}, ""
}

// buildGxwallet builds cmd/gxwallet into a temporary directory.
func buildGxwallet(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gxwallet")
	build := exec.Command("go", "build", "-o", bin, "github.com/gxwallet/gxwallet/cmd/gxwallet")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build gxwallet: %v", err)
	}
	return bin
}

// runCLIVerify runs `gxwallet verify` for c and returns its Result as
// canonical JSON and its exit status.
func runCLIVerify(t *testing.T, bin string, c vectorCase) ([]byte, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(append([]string{"verify"}, c.args...), c.input)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	exit := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("gxwallet verify: %v", err)
		}
		exit = ee.ExitCode()
	}
	out, cerr := canonicalJSON(stdout.Bytes())
	if cerr != nil {
		t.Fatalf("gxwallet verify %s: exit %d, no JSON Result (%v)\nstdout: %s\nstderr: %s", strings.Join(c.args, " "), exit, cerr, stdout.Bytes(), stderr.Bytes())
	}
	return out, exit
}

// postVerify sends c to POST /v1/verify and returns the HTTP status and
// the answer as canonical JSON.
func postVerify(t *testing.T, base string, c vectorCase) (int, []byte) {
	t.Helper()
	opts, err := json.Marshal(c.request)
	if err != nil {
		t.Fatal(err)
	}
	// The input goes as a JSON string: its exact bytes, as the CLI reads
	// them from the file.
	body, err := json.Marshal(map[string]any{"credential": string(readFileT(t, c.input)), "options": json.RawMessage(opts)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := workerClient.Post(base+"/v1/verify", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var raw bytes.Buffer
	if _, err := raw.ReadFrom(res.Body); err != nil {
		t.Fatal(err)
	}
	out, err := canonicalJSON(raw.Bytes())
	if err != nil {
		t.Fatalf("worker: HTTP %d, body not JSON (%v): %.300s", res.StatusCode, err, raw.Bytes())
	}
	return res.StatusCode, out
}

// canonicalJSON re-encodes one JSON value with sorted members, no
// insignificant white space and numbers as written.
func canonicalJSON(b []byte) ([]byte, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data")
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
