package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLiteSize holds the lite builds (make worker-lite, make lib-lite:
// -tags nojsonld, no JSON-LD) to the Workers free plan's 3 MiB gzip, the
// limit they exist for. Each .gz must be the gzip of the wasm next to it.
func TestLiteSize(t *testing.T) {
	const freePlan = 3 << 20
	for _, f := range []string{"worker-lite/app.wasm", "lib-lite/verifier.wasm"} {
		path := filepath.Join(distDir(t), f)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v: run `make worker-lite lib-lite`", err)
		}
		gz, err := os.ReadFile(path + ".gz")
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatalf("%s.gz: %v", f, err)
		}
		if inflated, err := io.ReadAll(zr); err != nil || !bytes.Equal(inflated, raw) {
			t.Fatalf("%s.gz is not the gzip of %s (%v): rebuild", f, f, err)
		}
		t.Logf("%s: %d bytes raw, %d bytes gzip (free plan %d)", f, len(raw), len(gz), freePlan)
		if len(gz) > freePlan {
			t.Errorf("%s.gz is %d bytes, over the Workers free plan's %d", f, len(gz), freePlan)
		}
	}
}

// liteResult is the part of a Result these tests compare.
type liteResult struct {
	Status      string        `json:"status"`
	Format      string        `json:"format"`
	Checks      []workerCheck `json:"checks"`
	Credentials []liteResult  `json:"credentials"`
}

// has reports whether a failed check of r, or of a credential it holds,
// carries code.
func (r liteResult) has(code string) bool {
	for _, c := range r.Checks {
		if c.Status == "fail" && c.Code == code {
			return true
		}
	}
	for _, inner := range r.Credentials {
		if inner.has(code) {
			return true
		}
	}
	return false
}

// usesLD reports whether r or a credential it holds is JSON-LD secured.
func (r liteResult) usesLD() bool {
	if r.Format == "ldp-jws2020" {
		return true
	}
	for _, inner := range r.Credentials {
		if inner.usesLD() {
			return true
		}
	}
	return false
}

// TestWorkerLite runs the lite worker (dist/worker-lite) on workerd next
// to the full one: every verification vector that needs no JSON-LD gives
// the identical Result on both; one that does is invalid with
// jsonld_unavailable on the lite worker (a Result, not an HTTP error), and
// the lite worker keeps serving.
func TestWorkerLite(t *testing.T) {
	full := startWorkerd(t)
	lite, _ := startWorkerdWith(t, workerdConfig{Dir: "worker-lite"})
	post := func(base string, body []byte) (int, []byte, liteResult) {
		t.Helper()
		res, err := workerClient.Post(base+"/v1/verify", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		var r liteResult
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("HTTP %d, body not JSON: %v: %.300s", res.StatusCode, err, b)
		}
		canon, err := canonicalJSON(b)
		if err != nil {
			t.Fatal(err)
		}
		return res.StatusCode, canon, r
	}
	workloads := loadWorkloads(t) // vc+jwt, SD-JWT+KB, JsonWebSignature2020: active on the full worker

	t.Run("vc+jwt and SD-JWT as on the full worker", func(t *testing.T) {
		for _, w := range workloads[:2] {
			fc, fb, fr := post(full, w.body)
			lc, lb, _ := post(lite, w.body)
			if fc != 200 || fr.Status != "active" {
				t.Fatalf("%s: full worker %d %s", w.name, fc, fb)
			}
			if lc != 200 || !bytes.Equal(fb, lb) {
				t.Errorf("%s: Results differ\nfull: %s\nlite (HTTP %d): %s", w.name, fb, lc, lb)
			}
		}
	})

	t.Run("JsonWebSignature2020 is reported, not verified", func(t *testing.T) {
		ld := workloads[2]
		if code, b, r := post(full, ld.body); code != 200 || r.Status != "active" {
			t.Fatalf("full worker: %d %s, want active", code, b)
		}
		code, b, r := post(lite, ld.body)
		if code != 200 || r.Status != "invalid" || r.Format != "ldp-jws2020" {
			t.Fatalf("lite worker: %d %s, want 200 and an invalid ldp-jws2020 Result", code, b)
		}
		var proof *workerCheck
		for i := range r.Checks {
			if r.Checks[i].ID == "proof" {
				proof = &r.Checks[i]
			}
		}
		if proof == nil || proof.Status != "fail" || proof.Code != "jsonld_unavailable" || !strings.Contains(proof.Detail, "full build") {
			t.Errorf("proof check %+v, want a failure coded jsonld_unavailable that points to the full build", proof)
		}
	})

	t.Run("vectors", func(t *testing.T) {
		cases := append(coreVectorCases(t), scriptVectorCases(t)...)
		var same, coded int
		for _, c := range cases {
			fc, fb := postVerify(t, full, c)
			lc, lb := postVerify(t, lite, c)
			if fc != 200 || lc != 200 {
				t.Errorf("%s: HTTP %d full, %d lite", c.name, fc, lc)
				continue
			}
			var fr, lr liteResult
			if err := json.Unmarshal(fb, &fr); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(lb, &lr); err != nil {
				t.Fatal(err)
			}
			switch {
			case c.jsonld || (!bytes.Equal(fb, lb) && fr.usesLD()):
				// A vector that says it needs JSON-LD, or a CLI script's
				// JSON-LD input: coded on the lite worker.
				if lr.Status != "invalid" || !lr.has("jsonld_unavailable") {
					t.Errorf("%s: lite Result %s, want invalid with jsonld_unavailable", c.name, lb)
					continue
				}
				coded++
			case !bytes.Equal(fb, lb):
				t.Errorf("%s: Results differ\nfull: %s\nlite: %s", c.name, fb, lb)
			default:
				same++
			}
		}
		t.Logf("%d vectors gave identical Results on the full and the lite worker; %d need JSON-LD and were coded jsonld_unavailable", same, coded)
		if same < 20 || coded < 20 {
			t.Errorf("%d identical, %d coded: the vectors lost some", same, coded)
		}
	})

	t.Run("keeps serving", func(t *testing.T) {
		if code, _, _ := workerDo(t, "GET", lite+"/healthz", nil); code != 200 {
			t.Fatalf("/healthz: %d", code)
		}
		if code, b, r := post(lite, workloads[0].body); code != 200 || r.Status != "active" {
			t.Fatalf("vc+jwt after the rest: %d %s", code, b)
		}
	})
}
