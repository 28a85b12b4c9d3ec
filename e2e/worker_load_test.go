package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/di"
)

// TestWorkerLoad is the edge worker's load test (scripts/loadtest.sh; not
// part of make test): workerd serving dist/worker on loopback, this
// process sending POST /v1/verify for vc+jwt ES256, SD-JWT with key
// binding and JsonWebSignature2020 (ES256) credentials, each workload for
// a bounded time with a fixed number of concurrent clients, everything
// offline (no outbound fetch). It reports requests per second, p50/p99
// latency, errors (zero expected), workerd's resident memory (current
// and peak, from /proc) and how many requests the one Go runtime served.
//
//	GXWALLET_LOADTEST=1              run it
//	GXWALLET_LOADTEST_DURATION=10s   per workload and phase (1 client, then CLIENTS)
//	GXWALLET_LOADTEST_CLIENTS=4      concurrent clients of the second phase
//	GXWALLET_LOADTEST_MAX_RSS_MB=768 peak RSS above this fails the test
//	GXWALLET_LOADTEST_ONLY=vc+jwt    only the workloads whose name contains this
func TestWorkerLoad(t *testing.T) {
	if os.Getenv("GXWALLET_LOADTEST") != "1" {
		t.Skip("GXWALLET_LOADTEST=1 not set: run scripts/loadtest.sh")
	}
	duration := envDuration(t, "GXWALLET_LOADTEST_DURATION", 10*time.Second)
	clients := envInt(t, "GXWALLET_LOADTEST_CLIENTS", 4)
	maxRSS := envInt(t, "GXWALLET_LOADTEST_MAX_RSS_MB", 768)

	workloads := loadWorkloads(t)
	if only := os.Getenv("GXWALLET_LOADTEST_ONLY"); only != "" { // a substring of a workload's name
		workloads = slices.DeleteFunc(workloads, func(w loadWorkload) bool { return !strings.Contains(w.name, only) })
	}
	spawned := time.Now()
	base, proc := startWorkerdWith(t, workerdConfig{})
	t.Logf("loadtest: workerd pid %d, /healthz answered %v after spawn (cold start: process, isolate and Go instance)",
		proc.Pid, time.Since(spawned).Round(time.Millisecond))
	rss0, _ := procMemory(proc.Pid)

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	var total int
	for _, w := range workloads {
		// One request first: the answer must be the expected Result.
		code, r := loadPost(client, base, w.body)
		if code != 200 || r.Status != "active" {
			t.Fatalf("%s: %d %+v", w.name, code, r)
		}
		total++
		// One client measures the warm latency of one request; several
		// measure throughput (the Go instance serves one at a time, so
		// their latency includes the queue).
		for _, clients := range []int{1, clients} {
			total += loadPhase(t, client, "workerd", base, proc.Pid, w, clients, duration)
		}
	}

	// The baseline, in the same run: a minimal Node server verifying the
	// same vc+jwt requests with jose (e2e/node/jose-server.mjs).
	for _, w := range workloads {
		if w.name != "vc+jwt ES256" {
			continue
		}
		nodeBase, nodePid := startJoseServer(t)
		if code, r := loadPost(client, nodeBase, w.body); code != 200 || r.Status != "active" {
			t.Fatalf("node baseline: %d %+v", code, r)
		}
		for _, clients := range []int{1, clients} {
			loadPhase(t, client, "node+jose", nodeBase, nodePid, w, clients, duration)
		}
	}

	rss, peak := procMemory(proc.Pid)
	h := loadHealth(client, base)
	t.Logf("loadtest: workerd RSS %d MiB at start, %d MiB at the end, peak (VmHWM) %d MiB; one Go runtime served %d requests in %d s (this test sent %d)",
		rss0>>20, rss>>20, peak>>20, h.Served, h.UptimeSeconds, total)
	if h.Served < uint64(total) {
		t.Errorf("the Go runtime served %d requests, fewer than the %d sent: it was restarted", h.Served, total)
	}
	if peak>>20 > int64(maxRSS) {
		t.Errorf("workerd peak RSS %d MiB over %d MiB", peak>>20, maxRSS)
	}
}

// loadPhase sends w from clients concurrent clients for duration and
// reports; it returns the number of successful requests.
func loadPhase(t *testing.T, client *http.Client, target, base string, pid int, w loadWorkload, clients int, duration time.Duration) int {
	t.Helper()
	{
		var (
			mu        sync.Mutex
			latencies []time.Duration
			errs      atomic.Int64
			firstErr  atomic.Value
			stop      = time.Now().Add(duration)
			wg        sync.WaitGroup
			peakSeen  atomic.Int64
		)
		done := make(chan struct{})
		go func() { // sample workerd's memory while the workload runs
			for {
				select {
				case <-done:
					return
				case <-time.After(250 * time.Millisecond):
					if rss, _ := procMemory(pid); rss > peakSeen.Load() {
						peakSeen.Store(rss)
					}
				}
			}
		}()
		start := time.Now()
		for range clients {
			wg.Go(func() {
				var mine []time.Duration
				for time.Now().Before(stop) {
					t0 := time.Now()
					code, r := loadPost(client, base, w.body)
					d := time.Since(t0)
					if code != 200 || r.Status != "active" {
						errs.Add(1)
						firstErr.CompareAndSwap(nil, fmt.Sprintf("%d %s %s", code, r.Status, r.Code))
						continue
					}
					mine = append(mine, d)
				}
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		close(done)
		slices.Sort(latencies)
		n := len(latencies)
		if n == 0 {
			t.Fatalf("%s: no successful request", w.name)
		}
		pct := func(p float64) time.Duration { return latencies[min(n-1, int(float64(n)*p))] }
		rss, _ := procMemory(pid)
		h := loadHealth(client, base)
		t.Logf("loadtest: %-9s %-21s %d client(s): %6d req in %v, %7.1f req/s, p50 %v, p99 %v, max %v, errors %d; RSS %d MiB (sampled peak %d MiB), Go sys %d MiB heap %d MiB",
			target, w.name, clients, n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
			pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), latencies[n-1].Round(10*time.Microsecond),
			errs.Load(), rss>>20, peakSeen.Load()>>20, h.GoSysBytes>>20, h.GoHeapBytes>>20)
		if errs.Load() > 0 {
			t.Errorf("%s: %d errors, first: %v", w.name, errs.Load(), firstErr.Load())
		}
		return n
	}
}

// loadHealth reads /healthz: the Go instance's request count and memory.
func loadHealth(c *http.Client, base string) (h struct {
	Served        uint64 `json:"served"`
	UptimeSeconds int64  `json:"uptimeSeconds"`
	GoSysBytes    uint64 `json:"goSysBytes"`
	GoHeapBytes   uint64 `json:"goHeapBytes"`
}) {
	if res, err := c.Get(base + "/healthz"); err == nil {
		json.NewDecoder(res.Body).Decode(&h)
		res.Body.Close()
	}
	return h
}

type loadWorkload struct {
	name string
	body []byte
}

// loadWorkloads are the three requests, each verifying as active offline.
func loadWorkloads(t *testing.T) []loadWorkload {
	t.Helper()
	jwt := newTestCredential(t, "web")
	sd := newSDPresentation(t)
	sd.options["offline"] = true
	sdOpts, _ := json.Marshal(sd.options)

	const did = "did:web:jws2020.example"
	key := newKey(t, "ES256")
	signed, err := di.SignJWS2020(jws2020Doc(did), key, "ES256", di.SignOptions{
		VerificationMethod: did + "#k", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Flavour: di.FlavourGaiaX})
	if err != nil {
		t.Fatal(err)
	}
	doc := issuerDoc(t, did, map[string]json.RawMessage{"k": publicJWK(t, key.Public())})
	ldOpts, _ := json.Marshal(map[string]any{"now": testNow, "trustedIssuers": []string{did}, "didDocs": []json.RawMessage{doc}, "offline": true})
	ldBody, _ := json.Marshal(map[string]any{"credential": signed, "options": json.RawMessage(ldOpts)})

	return []loadWorkload{
		{"vc+jwt ES256", verifyBody(t, jwt.valid, workerOptions(t, jwt))},
		{"SD-JWT+KB ES256", verifyBody(t, sd.presentation, sdOpts)},
		{"JsonWebSignature2020", ldBody},
	}
}

func loadPost(c *http.Client, base string, body []byte) (int, workerResult) {
	res, err := c.Post(base+"/v1/verify", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, workerResult{Code: err.Error()}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var r workerResult
	json.Unmarshal(b, &r)
	return res.StatusCode, r
}

// procMemory returns a process's resident set size and its peak
// (VmRSS, VmHWM in /proc/<pid>/status), in bytes; zeros if unknown.
func procMemory(pid int) (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			rss = kb << 10
		case "VmHWM":
			peak = kb << 10
		}
	}
	return rss, peak
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > 5*time.Minute {
		t.Fatalf("%s=%q: a duration up to 5m", name, v)
	}
	return d
}

func envInt(t *testing.T, name string, def int) int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > 1<<16 {
		t.Fatalf("%s=%q: a positive number", name, v)
	}
	return n
}

// startJoseServer starts the Node baseline (e2e/node/jose-server.mjs) and
// returns its base URL and pid.
func startJoseServer(t *testing.T) (string, int) {
	t.Helper()
	cmd := exec.Command("node", "jose-server.mjs")
	cmd.Dir = "node"
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("node baseline: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	var hello struct{ Port int }
	if err := json.NewDecoder(out).Decode(&hello); err != nil || hello.Port == 0 {
		t.Fatalf("node baseline did not say its port: %v", err)
	}
	return fmt.Sprintf("http://127.0.0.1:%d", hello.Port), cmd.Process.Pid
}
