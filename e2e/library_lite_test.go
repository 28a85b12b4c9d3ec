package e2e

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/di"
	"github.com/gxwallet/gxwallet/core/verify"
)

// TestLibraryLite: the library built without JSON-LD (dist/lib-lite, make
// lib-lite) in Chromium verifies a vc+jwt exactly like the full one, and
// answers a JsonWebSignature2020 credential with a Result coded
// jsonld_unavailable (not an exception).
func TestLibraryLite(t *testing.T) {
	if _, err := os.Stat(filepath.Join(distDir(t), "lib-lite", "verifier.wasm")); err != nil {
		t.Fatalf("lite library not built (make lib-lite): %v", err)
	}
	lite, full := libServerOf(t, "lib-lite", true), libServer(t, true)
	creds := newTestCredential(t, "web")
	opts := jsLiteral(t, creds.options())

	const did = "did:web:jws2020.example"
	key := newKey(t, "ES256")
	signed, err := di.SignJWS2020(jws2020Doc(did), key, "ES256", di.SignOptions{
		VerificationMethod: did + "#k", Created: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), Flavour: di.FlavourGaiaX})
	if err != nil {
		t.Fatal(err)
	}
	doc := issuerDoc(t, did, map[string]json.RawMessage{"k": publicJWK(t, key.Public())})
	ldOpts := jsLiteral(t, map[string]any{"now": testNow, "trustedIssuers": []string{did}, "didDocs": []json.RawMessage{doc}})
	ldCred := jsLiteral(t, signed)

	// verifyBoth runs both inputs through the library a server serves.
	verifyBoth := func(srv *httptest.Server) [2]verify.Result {
		ctx := newBrowser(t)
		openLibPage(t, ctx, srv)
		var jwtOut, ldOut verifyOutcome
		evalAsync(t, ctx, verifyJS(jsLiteral(t, creds.valid)+", "+opts), &jwtOut)
		evalAsync(t, ctx, verifyJS(ldCred+", "+ldOpts), &ldOut)
		if jwtOut.Rejected || ldOut.Rejected {
			t.Fatalf("rejected: %+v %+v", jwtOut, ldOut)
		}
		return [2]verify.Result{decodeResult(t, jwtOut.Result), decodeResult(t, ldOut.Result)}
	}
	results := map[string][2]verify.Result{"lite": verifyBoth(lite), "full": verifyBoth(full)}
	l, f := results["lite"], results["full"]
	if l[0].Status != verify.StatusActive || f[0].Status != verify.StatusActive {
		t.Errorf("vc+jwt: lite %s, full %s", l[0].Status, f[0].Status)
	}
	lj, _ := json.Marshal(l[0])
	fj, _ := json.Marshal(f[0])
	if string(lj) != string(fj) {
		t.Errorf("vc+jwt Results differ:\nlite %s\nfull %s", lj, fj)
	}
	if f[1].Status != verify.StatusActive {
		t.Errorf("JsonWebSignature2020 on the full library: %s %+v", f[1].Status, f[1].Failed())
	}
	if c := l[1].Failed(); l[1].Status != verify.StatusInvalid || c == nil || c.Code != "jsonld_unavailable" {
		t.Errorf("JsonWebSignature2020 on the lite library: %s %+v", l[1].Status, c)
	}
}
