package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"sync"
	"testing"
)

// Hostile input on real workerd: each request is answered with a 4xx and
// a code, or with a Result whose checks carry the code, and the worker
// keeps serving (a valid credential still verifies after each).

// zeroGzip returns the GZIP of n zero bytes, computed once per size.
var zeroGzip = sync.OnceValues(func() (map[int64][]byte, *sync.Mutex) { return map[int64][]byte{}, &sync.Mutex{} })

func gzipZeros(t *testing.T, n int64) []byte {
	t.Helper()
	cache, mu := zeroGzip()
	mu.Lock()
	defer mu.Unlock()
	if b, ok := cache[n]; ok {
		return b
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.CopyN(zw, zeroReader{}, n); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	cache[n] = buf.Bytes()
	return buf.Bytes()
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// bombList is a signed status list credential whose encodedList inflates
// to n bytes.
func (o *originServer) bombList(t *testing.T, path string, n int64) string {
	t.Helper()
	url := o.origin + path
	return o.sign(t, map[string]any{
		"@context": []string{"https://www.w3.org/ns/credentials/v2"},
		"id":       url, "type": []string{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer": o.did, "validFrom": "2026-01-01T00:00:00Z",
		"credentialSubject": map[string]any{"id": url + "#list", "type": "BitstringStatusList",
			"statusPurpose": "revocation", "encodedList": "u" + base64.RawURLEncoding.EncodeToString(gzipZeros(t, n))},
	})
}

func TestWorkerBadInput(t *testing.T) {
	pki := newTestPKI(t)
	src := newOriginServer(t, pki)
	base, proc := startWorkerdWith(t, workerdConfig{
		Env:           map[string]string{"ALLOWED_TEST_ORIGINS": src.origin},
		AllowLoopback: true,
		TrustedCA:     pki.caPEM,
	})
	rss0, _ := procMemory(proc.Pid)
	good := newTestCredential(t, "web")
	goodBody := verifyBody(t, good.valid, workerOptions(t, good))
	options := map[string]any{"now": testNow, "trustedIssuers": []string{src.did}}

	// stillServing: after each hostile request, a valid credential is
	// still active and /healthz still answers.
	stillServing := func(t *testing.T) {
		t.Helper()
		if code, _, r := workerDo(t, "POST", base+"/v1/verify", goodBody); code != 200 || r.Status != "active" {
			t.Fatalf("the worker stopped serving: %d %+v", code, r)
		}
	}
	wantCode := func(t *testing.T, gotStatus int, got workerResult, status int, code string) {
		t.Helper()
		if gotStatus != status || got.Code != code || got.Message == "" {
			t.Errorf("%d %s %q, want %d %s", gotStatus, got.Code, got.Message, status, code)
		}
	}
	// resultWith checks a 200 Result that is not active and has a check
	// whose code or detail mentions one of want.
	resultWith := func(t *testing.T, a edgeAnswer, want ...string) {
		t.Helper()
		if a.code != 200 || a.result.Status == "" || a.result.Status == "active" {
			t.Fatalf("%d %q, want a non-active Result", a.code, a.result.Status)
		}
		for _, c := range a.result.Checks {
			if c.Status == "pass" {
				continue
			}
			for _, w := range want {
				if c.Code == w || strings.Contains(c.Detail, w) {
					t.Logf("%s: %s %s: %.200s", a.result.Status, c.ID, c.Code, c.Detail)
					return
				}
			}
		}
		t.Errorf("no failed check mentions %v: %+v", want, a.result.Checks)
	}

	t.Run("empty body", func(t *testing.T) {
		for _, path := range []string{"/v1/verify", "/v1/verify/batch"} {
			code, _, r := workerDo(t, "POST", base+path, nil)
			wantCode(t, code, r, 400, "bad_request")
		}
		stillServing(t)
	})

	t.Run("invalid JSON", func(t *testing.T) {
		for _, body := range []string{`{"credential":`, `{"credential":"a.b.c"`, "\xff\xfe{}", `{"credential":"a.b.c"}}`, `nul`} {
			code, _, r := workerDo(t, "POST", base+"/v1/verify", []byte(body))
			wantCode(t, code, r, 400, "bad_request")
		}
		code, _, r := workerDo(t, "POST", base+"/v1/verify/batch", []byte(`[{"credential":"a.b.c"},`))
		wantCode(t, code, r, 400, "bad_request")
		stillServing(t)
	})

	t.Run("10 MiB body", func(t *testing.T) {
		big := append([]byte(`{"credential":"`), bytes.Repeat([]byte("A"), 10<<20)...)
		big = append(big, `"}`...)
		for _, path := range []string{"/v1/verify", "/v1/verify/batch"} {
			code, r := rawPost(t, base+path, big)
			wantCode(t, code, r, 413, "too_large")
		}
		stillServing(t)
	})

	t.Run("1000 batch items", func(t *testing.T) {
		items := make([]json.RawMessage, 1000)
		for i := range items {
			items[i] = goodBody
		}
		body, _ := json.Marshal(items)
		code, r := rawPost(t, base+"/v1/verify/batch", body)
		wantCode(t, code, r, 413, "too_many_items")
		stillServing(t)
	})

	t.Run("deeply nested JSON", func(t *testing.T) {
		nest := func(depth int, leaf string) string {
			return strings.Repeat(`{"a":`, depth) + leaf + strings.Repeat(`}`, depth)
		}
		// Deeper than encoding/json's own bound: the body is refused.
		code, r := rawPost(t, base+"/v1/verify", []byte(`{"credential":`+nest(100000, `1`)+`}`))
		wantCode(t, code, r, 400, "bad_request")
		code, r = rawPost(t, base+"/v1/verify", []byte(`[`+strings.Repeat(`[`, 100000)+strings.Repeat(`]`, 100001)))
		wantCode(t, code, r, 400, "bad_request")
		// Within it: the credential is read by core, which bounds depth.
		a := edgeVerify(t, base, nest(5000, `"x"`), map[string]any{"now": testNow})
		resultWith(t, a, "too_deep")
		// Nested inside an option: refused as bad options.
		code, r = rawPost(t, base+"/v1/verify", []byte(`{"credential":"a.b.c","options":{"didDocs":[{"id":"did:web:x.example","service":`+nest(5000, `1`)+`}]}}`))
		if code != 400 || (r.Code != "bad_options" && r.Code != "bad_request") {
			t.Errorf("nested option: %d %+v", code, r)
		}
		stillServing(t)
	})

	t.Run("status list that inflates to 1 GiB", func(t *testing.T) {
		// A 1 GiB list is about 1 MiB of GZIP (DEFLATE tops out near
		// 1032:1), 1.9 MiB once base64 and signed: it is refused by the
		// input bound before anything is inflated.
		src.put("/status/gib", []byte(src.bombList(t, "/status/gib", 1<<30)), "")
		a := edgeVerify(t, base, src.credential(t, src.origin+"/status/gib", 3), options)
		resultWith(t, a, "too_large", "status_unverifiable")
		// A 512 MiB list fits the bound (≈ 0.9 MiB signed) and reaches
		// the inflater, which stops at status.MaxDecompressedBytes.
		src.put("/status/half-gib", []byte(src.bombList(t, "/status/half-gib", 512<<20)), "")
		a = edgeVerify(t, base, src.credential(t, src.origin+"/status/half-gib", 3), options)
		resultWith(t, a, "too_large", "status_unverifiable")
		stillServing(t)
	})

	t.Run("5 MiB DID document", func(t *testing.T) {
		// Served by the issuer's host: over the fetch bound.
		pki2 := newOriginServer(t, pki)
		huge, _ := json.Marshal(map[string]any{"id": pki2.did, "service": []any{map[string]any{
			"id": pki2.did + "#pad", "type": "Padding", "serviceEndpoint": strings.Repeat("p", 5<<20)}}})
		pki2.put("/.well-known/did.json", huge, "")
		base2, _ := startWorkerdWith(t, workerdConfig{
			Env:           map[string]string{"ALLOWED_TEST_ORIGINS": pki2.origin},
			AllowLoopback: true,
			TrustedCA:     pki.caPEM,
		})
		a := edgeVerify(t, base2, pki2.credential(t, "https://status.example/1", 1), map[string]any{"now": testNow})
		resultWith(t, a, "too large", "too_large", "did_resolution")
		if code, _, r := workerDo(t, "POST", base2+"/v1/verify", goodBody); code != 200 || r.Status != "active" {
			t.Fatalf("the worker stopped serving: %d %+v", code, r)
		}
		// Sent inline in the options: over the request bound.
		var doc map[string]any
		json.Unmarshal(huge, &doc)
		body := verifyBody(t, good.valid, mustJSON(t, map[string]any{"now": testNow, "didDocs": []any{doc}}))
		code, r := rawPost(t, base+"/v1/verify", body)
		wantCode(t, code, r, 413, "too_large")
		stillServing(t)
	})

	rss, peak := procMemory(proc.Pid)
	t.Logf("workerd RSS %d MiB before, %d MiB after, peak %d MiB", rss0>>20, rss>>20, peak>>20)
}
