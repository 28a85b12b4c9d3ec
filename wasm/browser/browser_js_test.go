//go:build js && wasm

package browser

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/store"
)

// These run under Node (go_js_wasm_exec), which has WebCrypto but neither
// IndexedDB nor navigator.locks; e2e/store_test.go runs the rest in
// Chromium.

func TestWebCryptoCipherInterop(t *testing.T) {
	ctx := context.Background()
	key := bytes.Repeat([]byte{7}, store.KeySize)
	std, err := store.NewStdCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	// Wrap the same raw key under a WebCrypto KEK derived like a slot's,
	// and check both ciphers agree on every byte.
	p := store.KDFParams{Alg: store.KDFPBKDF2SHA256, Iterations: 1000, Salt: bytes.Repeat([]byte{1}, 16)}
	stdKEK, err := store.StdCrypto{}.DeriveKEK(ctx, []byte("pw"), p)
	if err != nil {
		t.Fatal(err)
	}
	webKEK, err := WebCrypto{}.DeriveKEK(ctx, []byte("pw"), p)
	if err != nil {
		t.Fatal(err)
	}
	nonce, ad := bytes.Repeat([]byte{2}, 12), []byte("ad")
	stdKey, _ := store.StdCrypto{}.NewWalletKey(ctx)
	wrapped, err := stdKEK.Wrap(ctx, stdKey, nonce, ad)
	if err != nil {
		t.Fatal(err)
	}
	// PBKDF2 in WebCrypto and Go give the same KEK: WebCrypto unwraps
	// what Go wrapped.
	webC, err := webKEK.Unwrap(ctx, nonce, wrapped, ad)
	if err != nil {
		t.Fatalf("WebCrypto unwrap of a Go-wrapped key: %v", err)
	}
	stdC, _ := stdKEK.Unwrap(ctx, nonce, wrapped, ad)
	ct, err := webC.Seal(ctx, nonce, []byte("hello"), ad)
	if err != nil {
		t.Fatal(err)
	}
	ct2, _ := stdC.Seal(ctx, nonce, []byte("hello"), ad)
	if !bytes.Equal(ct, ct2) {
		t.Errorf("WebCrypto and crypto/cipher disagree:\n%x\n%x", ct, ct2)
	}
	if _, err := webC.Open(ctx, nonce, ct, []byte("other ad")); !errors.Is(err, store.ErrDecrypt) {
		t.Errorf("Open with wrong ad = %v, want ErrDecrypt", err)
	}
	wrongKEK, _ := WebCrypto{}.DeriveKEK(ctx, []byte("wrong"), p)
	if _, err := wrongKEK.Unwrap(ctx, nonce, wrapped, ad); !errors.Is(err, store.ErrDecrypt) {
		t.Errorf("Unwrap with wrong KEK = %v, want ErrDecrypt", err)
	}
	_ = std
}

// TestWalletWebCrypto runs a whole wallet on WebCrypto over MemKV, and
// opens a WebCrypto wallet with StdCrypto and back.
func TestWalletWebCrypto(t *testing.T) {
	ctx := context.Background()
	kv := new(store.MemKV)
	start := time.Now()
	w, err := store.Create(ctx, kv, WebCrypto{}, []byte("pass"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("create (PBKDF2 %d in Node's WebCrypto): %v", store.DefaultIterations, time.Since(start))
	err = w.Update(ctx, func(tx *store.RecordTx) error {
		return tx.Put(store.TypeCredential, "c", store.Credential{Raw: "secret claim"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Unlock(ctx, kv, WebCrypto{}, []byte("nope")); !errors.Is(err, store.ErrWrongPassphrase) || Code(err) != CodeWrongPassphrase {
		t.Errorf("wrong passphrase: %v (%s)", err, Code(err))
	}
	for _, cr := range []store.Crypto{WebCrypto{}, store.StdCrypto{}} {
		w2, err := store.Unlock(ctx, kv, cr, []byte("pass"))
		if err != nil {
			t.Fatalf("%T: %v", cr, err)
		}
		var c store.Credential
		if err := w2.Get(ctx, store.TypeCredential, "c", &c); err != nil || c.Raw != "secret claim" {
			t.Errorf("%T: %+v, %v", cr, c, err)
		}
	}
}

func TestSigner(t *testing.T) {
	ctx := context.Background()
	s, err := GenerateSigner(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// The private key is not extractable, and exportKey refuses it.
	if err := checkKey(s.priv, "private", false); err != nil {
		t.Fatal(err)
	}
	sub, _ := subtle()
	p, err := sub.Call("exportKey", "jwk", s.priv)
	if err == nil {
		if _, err = await(ctx, "export", p); err == nil {
			t.Fatal("exportKey of the private key succeeded")
		}
	}
	msg := []byte("some bytes to sign")
	der, err := s.SignMessage(nil, msg, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256(msg)
	pub := s.Public().(*ecdsa.PublicKey)
	if !ecdsa.VerifyASN1(pub, digest[:], der) {
		t.Fatal("signature does not verify with ecdsa.VerifyASN1")
	}
	// crypto.SignMessage upgrades to SignMessage.
	der2, err := crypto.SignMessage(s, nil, msg, crypto.SHA256)
	if err != nil || !ecdsa.VerifyASN1(pub, digest[:], der2) {
		t.Errorf("crypto.SignMessage: %v", err)
	}
	if _, err := s.Sign(nil, digest[:], crypto.SHA256); !errors.Is(err, ErrPrehashed) {
		t.Errorf("Sign(digest) = %v, want ErrPrehashed", err)
	}
	// jose.Sign (jwx v2) hashes and calls Sign: it must fail, never
	// produce a bad signature.
	if tok, err := jose.Sign([]byte(`{"a":1}`), "ES256", s, nil); err == nil {
		c, perr := jose.ParseCompact(tok)
		if perr != nil || c.Verify(pub, []string{"ES256"}) != nil {
			t.Errorf("jose.Sign produced a JWS that does not verify: %s", tok)
		}
	} else if !strings.Contains(err.Error(), "pre-hashed") {
		t.Logf("jose.Sign: %v", err)
	}
	jwkDID, keyDID, err := HolderDIDs(pub)
	if err != nil || !strings.HasPrefix(jwkDID.String(), "did:jwk:") || !strings.HasPrefix(keyDID.String(), "did:key:zDn") {
		t.Errorf("DIDs %s %s: %v", jwkDID, keyDID, err)
	}
}

func TestDER(t *testing.T) {
	sig := append(bytes.Repeat([]byte{0}, 31), 1)
	sig = append(sig, bytes.Repeat([]byte{0xff}, 32)...)
	der, err := P1363ToDER(sig)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DERToP1363(der)
	if err != nil || !bytes.Equal(back, sig) {
		t.Errorf("round trip: %x, %v", back, err)
	}
}

func TestWithLockWithoutLocks(t *testing.T) {
	ran := false
	if err := withLock(context.Background(), "x", func() error { ran = true; return nil }); err != nil || !ran {
		t.Errorf("withLock: %v, ran %v", err, ran)
	}
}

// TestQuotaError: IndexedDB's QuotaExceededError is store.ErrQuota and
// the UI code quota_exceeded. (e2e/wallet_quota_test.go exhausts a real
// quota in Chromium.)
func TestQuotaError(t *testing.T) {
	err := error(&store.Error{Op: "update", Err: &DOMError{Op: "indexeddb update", Name: "QuotaExceededError", Message: "full"}})
	if !errors.Is(err, store.ErrQuota) || Code(err) != CodeQuota {
		t.Errorf("%v: Is(ErrQuota) %v, code %s", err, errors.Is(err, store.ErrQuota), Code(err))
	}
	if other := (&DOMError{Name: "AbortError"}); errors.Is(other, store.ErrQuota) {
		t.Error("AbortError is ErrQuota")
	}
}

// TestListenBubbledRequestError: a request's error event reaches the
// transaction's onerror while transaction.error is still null; the
// cause is the request's error (here a QuotaExceededError, as an engine
// that fails the put itself reports it), not a nameless "error".
func TestListenBubbledRequestError(t *testing.T) {
	tx, err := object(map[string]any{"error": safejs.Null()})
	if err != nil {
		t.Fatal(err)
	}
	wait, err := listen("indexeddb update", tx, []string{"complete"}, []string{"abort", "error"})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := object(map[string]any{"target": map[string]any{"error": map[string]any{"name": "QuotaExceededError", "message": "full"}}})
	if err != nil {
		t.Fatal(err)
	}
	onerror, err := tx.Get("onerror")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := onerror.Invoke(ev); err != nil {
		t.Fatal(err)
	}
	_, err = wait(context.Background())
	var de *DOMError
	if !errors.As(err, &de) || de.Name != "QuotaExceededError" || de.Message != "full" || !errors.Is(err, store.ErrQuota) {
		t.Errorf("bubbled request error: %v", err)
	}

	// An abort names the transaction's error.
	if err := tx.Set("error", mustObject(t, map[string]any{"name": "QuotaExceededError", "message": "at commit"})); err != nil {
		t.Fatal(err)
	}
	wait, err = listen("indexeddb update", tx, []string{"complete"}, []string{"abort", "error"})
	if err != nil {
		t.Fatal(err)
	}
	onabort, err := tx.Get("onabort")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := onabort.Invoke(mustObject(t, map[string]any{"target": tx})); err != nil {
		t.Fatal(err)
	}
	if _, err := wait(context.Background()); !errors.As(err, &de) || de.Message != "at commit" || !errors.Is(err, store.ErrQuota) {
		t.Errorf("abort: %v", err)
	}
}

func mustObject(t *testing.T, m map[string]any) safejs.Value {
	t.Helper()
	o, err := object(m)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
