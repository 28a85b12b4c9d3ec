package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gxwallet/gxwallet/core/did"
	didkey "github.com/gxwallet/gxwallet/core/did/key"
	"github.com/gxwallet/gxwallet/core/jose"
)

// The wallet store in Chromium: core/store over wasm/browser's IndexedDB,
// WebCrypto and Web Locks, driven through the wasm/storetest harness.

// buildWasm builds the Go package pkg (a path relative to the module
// root) for GOOS=js GOARCH=wasm into dir and copies Go's wasm_exec.js
// next to it. It uses the shared build cache: ~60 s cold, ~1 s warm.
func buildWasm(t *testing.T, pkg, dir, out string) {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go not on PATH: %v", err)
	}
	start := time.Now()
	cmd := exec.Command(goBin, "build", "-o", filepath.Join(dir, out), pkg)
	cmd.Dir = ".." // the module root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", pkg, err, b)
	}
	t.Logf("built %s in %v", pkg, time.Since(start).Round(time.Millisecond))
	goroot, err := exec.Command(goBin, "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "wasm_exec.js"), js, 0o644); err != nil {
		t.Fatal(err)
	}
}

const storeTestPage = `<!doctype html><meta charset="utf-8"><title>store test</title>
<script src="wasm_exec.js"></script>
<script>
window.storeReady = new Promise(r => { window.storeTestReady = r; });
const go = new Go();
WebAssembly.instantiateStreaming(fetch("storetest.wasm"), go.importObject).then(r => go.run(r.instance));
</script>`

// storeServer builds the harness and serves it with its page.
func storeServer(t *testing.T) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	buildWasm(t, "./wasm/storetest", dir, "storetest.wasm")
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(storeTestPage), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv
}

// outcome is what settle() in the page returns for a harness call.
type outcome[T any] struct {
	OK    bool   `json:"ok"`
	Value T      `json:"value"`
	Code  string `json:"code"`
	Error string `json:"error"`
}

// call runs gx.<method>(args...) in the page and returns its outcome.
func call[T any](t *testing.T, ctx context.Context, method string, args ...string) outcome[T] {
	t.Helper()
	var out outcome[T]
	if args == nil {
		args = []string{}
	}
	evalAsync(t, ctx, `gx.`+method+`(...`+jsLiteral(t, args)+`).then(
  v => ({ok: true, value: v}),
  e => ({ok: false, code: e && e.code, error: String(e && e.message || e)}))`, &out)
	return out
}

// must is call that fails the test on a rejection.
func must[T any](t *testing.T, ctx context.Context, method string, args ...string) T {
	t.Helper()
	o := call[T](t, ctx, method, args...)
	if !o.OK {
		t.Fatalf("%s: rejected: %s: %s", method, o.Code, o.Error)
	}
	return o.Value
}

// openStorePage (re)loads the page, starts the harness and opens the
// database.
func openStorePage(t *testing.T, ctx context.Context, srv *httptest.Server, db string) (exists bool) {
	t.Helper()
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/index.html")); err != nil {
		t.Fatal(err)
	}
	var ok bool
	evalAsync(t, ctx, `window.storeReady.then(() => { window.gx = StoreTest(`+jsLiteral(t, db)+`); return true; })`, &ok)
	return must[struct{ Exists bool }](t, ctx, "open").Exists
}

// rawIDB is what rawScanJS finds in the database, read with plain JS.
type rawIDB struct {
	Records     int      `json:"records"`
	Snapshot    string   `json:"snapshot"` // every key and value, hex
	Hits        []string `json:"hits"`     // keys whose key or value contains the needle
	KeyPairs    int      `json:"keyPairs"`
	Export      []string `json:"export"`      // per private key: the exportKey outcome
	Extractable []bool   `json:"extractable"` // per private key
}

// rawScanJS reads every record of the wallet database without the
// wallet: values as bytes (searched for the needle as UTF-8 and Latin-1
// text and as base64), and every stored private CryptoKey, which it tries
// to export.
func rawScanJS(db, needle string) string {
	return fmt.Sprintf(`(async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open(%q); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(["kv", "keys"], "readonly");
  const all = name => new Promise((res, rej) => {
    const out = [], c = tx.objectStore(name).openCursor();
    c.onsuccess = () => { const cur = c.result; if (!cur) return res(out); out.push([cur.key, cur.value]); cur.continue(); };
    c.onerror = () => rej(c.error);
  });
  const [kv, keys] = await Promise.all([all("kv"), all("keys")]);
  db.close();
  const needle = %q, hex = v => Array.from(v, b => b.toString(16).padStart(2, "0")).join("");
  const latin1 = v => Array.from(v, b => String.fromCharCode(b)).join("");
  const hits = kv.filter(([k, v]) => k.includes(needle) || new TextDecoder().decode(v).includes(needle)
    || latin1(v).includes(needle) || latin1(v).includes(btoa(needle).slice(0, 12))).map(([k]) => k);
  const res = {records: kv.length, snapshot: kv.map(([k, v]) => k + "=" + hex(v)).join(";"), hits,
    keyPairs: keys.length, export: [], extractable: []};
  for (const [, pair] of keys) {
    res.extractable.push(pair.privateKey.extractable);
    try { await crypto.subtle.exportKey("jwk", pair.privateKey); res.export.push("exported"); }
    catch (e) { res.export.push(e.name); }
  }
  return res;
})()`, db, needle)
}

func TestStoreInBrowser(t *testing.T) {
	distDir(t) // runs under make test-e2e only; builds what it needs itself
	srv := storeServer(t)
	ctx := newBrowser(t)
	const (
		db     = "gxwallet-e2e"
		pass   = "correct horse battery staple"
		claim  = "Erika-Mustermann-4711-claim"
		credID = "cred-1"
	)

	// First load: create, put a credential, make a holder key.
	if openStorePage(t, ctx, srv, db) {
		t.Fatal("a fresh profile already has a wallet")
	}
	// A baseline (on the page: WebCrypto needs a secure context): PBKDF2-SHA-256 at 600 000 iterations in plain WebCrypto.
	var pbkdf2MS float64
	evalAsync(t, ctx, `(async () => {
  const k = await crypto.subtle.importKey("raw", new TextEncoder().encode("x"), "PBKDF2", false, ["deriveBits"]);
  const t0 = performance.now();
  await crypto.subtle.deriveBits({name: "PBKDF2", salt: new Uint8Array(16), iterations: 600000, hash: "SHA-256"}, k, 256);
  return performance.now() - t0;
})()`, &pbkdf2MS)

	created := must[struct {
		MS         int64
		Iterations int
	}](t, ctx, "create", pass)
	if created.Iterations < 600_000 {
		t.Errorf("created with %d iterations", created.Iterations)
	}
	must[bool](t, ctx, "putCredential", credID, `{"credentialSubject":{"name":"`+claim+`"}}`)
	key := must[struct {
		DIDJwk    string `json:"didJwk"`
		DIDKey    string `json:"didKey"`
		Public    []byte `json:"public"`
		KeyRefDID string `json:"keyRefDid"`
	}](t, ctx, "genKey", "holder-1")
	must[uint64](t, ctx, "appendHistory", "https://verifier.example")

	// Reload: a new Go runtime, the same IndexedDB.
	if !openStorePage(t, ctx, srv, db) {
		t.Fatal("wallet gone after reload")
	}
	before := rawScan(t, ctx, db, claim)

	t.Run("wrong passphrase refused, nothing written", func(t *testing.T) {
		o := call[any](t, ctx, "unlock", "correct horse battery stapler")
		if o.OK || o.Code != "wrong_passphrase" {
			t.Errorf("wrong passphrase: %+v", o)
		}
		if after := rawScan(t, ctx, db, claim); after.Snapshot != before.Snapshot {
			t.Error("a refused unlock changed the database")
		}
		if o := call[string](t, ctx, "getCredential", credID); o.OK || o.Code != "locked" {
			t.Errorf("read while locked: %+v", o)
		}
	})

	unlocked := must[struct{ MS int64 }](t, ctx, "unlock", pass)
	t.Logf("PBKDF2-SHA-256 600k in Chromium WebCrypto: %.0f ms; create: %d ms; unlock: %d ms", pbkdf2MS, created.MS, unlocked.MS)

	t.Run("record survives reload", func(t *testing.T) {
		raw := must[string](t, ctx, "getCredential", credID)
		if !strings.Contains(raw, claim) {
			t.Errorf("credential = %q", raw)
		}
		if n := must[int](t, ctx, "verifyHistory"); n != 2 {
			t.Errorf("%d history entries, want 2", n)
		}
	})

	t.Run("no plaintext in IndexedDB", func(t *testing.T) {
		if before.Records < 5 { // header, credential, key ref, 2 history, head
			t.Errorf("only %d records", before.Records)
		}
		if len(before.Hits) > 0 {
			t.Errorf("claim in clear in %v", before.Hits)
		}
		if strings.Contains(before.Snapshot, fmt.Sprintf("%x", pass)) {
			t.Error("passphrase in clear")
		}
	})

	t.Run("holder key is non-extractable and signs", func(t *testing.T) {
		if before.KeyPairs != 1 || len(before.Export) != 1 || before.Export[0] == "exported" || before.Extractable[0] {
			t.Fatalf("stored key pairs: %d, export %v, extractable %v", before.KeyPairs, before.Export, before.Extractable)
		}
		t.Logf("exportKey(jwk, privateKey) rejected with %s", before.Export[0])
		pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), key.Public)
		if err != nil {
			t.Fatal(err)
		}
		msg := []byte("some bytes to sign")
		der := must[[]byte](t, ctx, "sign", "holder-1", base64.StdEncoding.EncodeToString(msg))
		digest := sha256.Sum256(msg)
		if !ecdsa.VerifyASN1(pub, digest[:], der) {
			t.Error("WebCrypto signature does not verify with ecdsa.VerifyASN1")
		}
		tok := must[string](t, ctx, "jws", "holder-1", `{"nonce":"n-0S6_WzA2Mj"}`)
		c, err := jose.ParseCompact(tok)
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Verify(pub, []string{"ES256"}); err != nil {
			t.Errorf("ES256 JWS from WebCrypto does not verify with core/jose: %v", err)
		}
		// core/jose.Sign signs whole messages with a message-only signer,
		// so the non-extractable key makes ordinary JWS (and KB-JWTs).
		js := must[struct{ Token, Error string }](t, ctx, "joseSign", "holder-1", `{"a":1}`)
		if js.Token == "" {
			t.Errorf("jose.Sign with the WebCrypto signer failed: %s", js.Error)
		} else if c, err := jose.ParseCompact(js.Token); err != nil || c.Verify(pub, []string{"ES256"}) != nil {
			t.Errorf("jose.Sign produced a JWS that does not verify: %v", err)
		}
		// The DIDs name this key.
		d, err := did.Parse(key.DIDKey)
		if err != nil {
			t.Fatal(err)
		}
		k2, err := didkey.Decode(d)
		if err != nil || !pub.Equal(k2) {
			t.Errorf("did:key %s does not name the key: %v", key.DIDKey, err)
		}
		if !strings.HasPrefix(key.DIDJwk, "did:jwk:") || key.KeyRefDID != key.DIDJwk {
			t.Errorf("did:jwk %q, key record %q", key.DIDJwk, key.KeyRefDID)
		}
	})

	t.Run("update failing midway leaves the previous state", func(t *testing.T) {
		snap := rawScan(t, ctx, db, claim).Snapshot
		msg := must[string](t, ctx, "failMidway", credID, "overwritten", "cred-2")
		t.Logf("injected: %s", msg)
		if after := rawScan(t, ctx, db, claim); after.Snapshot != snap {
			t.Error("a failed Update changed the database")
		}
		if raw := must[string](t, ctx, "getCredential", credID); !strings.Contains(raw, claim) {
			t.Errorf("credential after failed update = %q", raw)
		}
		if o := call[string](t, ctx, "getCredential", "cred-2"); o.OK || o.Code != "not_found" {
			t.Errorf("cred-2 after failed update: %+v", o)
		}
	})

	t.Run("two runtimes write under the Web Lock", func(t *testing.T) {
		// A second harness in the same page is a second writer with its
		// own connection; both append history concurrently and the chain
		// must stay whole.
		var n int
		evalAsync(t, ctx, `(async () => {
  const other = StoreTest(`+jsLiteral(t, db)+`);
  await other.open();
  await other.unlock(`+jsLiteral(t, pass)+`);
  await Promise.all([1, 2, 3].flatMap(i => [gx.appendHistory("a" + i), other.appendHistory("b" + i)]));
  return other.verifyHistory();
})()`, &n)
		if n != 8 {
			t.Errorf("%d history entries, want 8", n)
		}
		if n := must[int](t, ctx, "verifyHistory"); n != 8 {
			t.Errorf("%d history entries, want 8", n)
		}
	})
}

func rawScan(t *testing.T, ctx context.Context, db, needle string) rawIDB {
	t.Helper()
	var r rawIDB
	evalAsync(t, ctx, rawScanJS(db, needle), &r)
	return r
}
