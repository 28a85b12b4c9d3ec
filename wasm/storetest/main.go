//go:build js && wasm

// Command storetest is the browser test harness of the wallet store: it
// exposes one JS constructor, StoreTest(dbName), whose async methods drive
// core/store over wasm/browser (IndexedDB, WebCrypto, Web Locks), so that
// e2e/store_test.go can check them in headless Chromium. It is a test
// program, not shipped in dist.
package main

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/wasm/browser"
	"github.com/gxwallet/gxwallet/wasm/internal/jsutil"
)

func main() {
	ctor, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		name := "gxwallet-storetest"
		if len(args) > 0 && args[0].Type() == safejs.TypeString {
			name, _ = args[0].String()
		}
		obj, err := newHarness(name)
		if err != nil {
			return nil
		}
		return obj
	})
	if err != nil {
		panic(err)
	}
	if err := safejs.Global().Set("StoreTest", ctor); err != nil {
		panic(err)
	}
	if ready, err := safejs.Global().Get("storeTestReady"); err == nil && ready.Type() == safejs.TypeFunction {
		_, _ = ready.Invoke()
	}
	<-make(chan struct{}) // keep the runtime alive
}

// harness is the state behind one StoreTest object.
type harness struct {
	name string
	mu   sync.Mutex
	kv   *faultKV
	w    *store.Wallet
}

// faultKV fails a batch after its first Put while armed: the harness's
// way to break an Update midway.
type faultKV struct {
	store.KV
	armed atomic.Bool
}

var errInjected = errors.New("storetest: injected failure after the first put")

func (f *faultKV) Update(ctx context.Context, fn func(tx store.Tx) error) error {
	return f.KV.Update(ctx, func(tx store.Tx) error {
		if !f.armed.Load() {
			return fn(tx)
		}
		return fn(&faultTx{Tx: tx})
	})
}

type faultTx struct {
	store.Tx
	puts int
}

func (t *faultTx) Put(key string, value []byte) error {
	t.puts++
	if t.puts > 1 {
		return errInjected
	}
	return t.Tx.Put(key, value)
}

// method is a harness method: string arguments in, a JSON-able value out.
type method func(ctx context.Context, args []string) (any, error)

func newHarness(name string) (safejs.Value, error) {
	h := &harness{name: name}
	obj, err := safejs.Global().Get("Object")
	if err != nil {
		return safejs.Value{}, err
	}
	o, err := obj.New()
	if err != nil {
		return safejs.Value{}, err
	}
	for n, m := range map[string]method{
		"open":          h.open,
		"create":        h.create,
		"unlock":        h.unlock,
		"lock":          h.lock,
		"putCredential": h.putCredential,
		"getCredential": h.getCredential,
		"failMidway":    h.failMidway,
		"appendHistory": h.appendHistory,
		"verifyHistory": h.verifyHistory,
		"genKey":        h.genKey,
		"sign":          h.sign,
		"jws":           h.jws,
		"joseSign":      h.joseSign,
	} {
		f, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
			// Read the arguments now: the caller may change them later.
			strs := make([]string, len(args))
			for i, a := range args {
				strs[i], _ = a.String()
			}
			p, err := jsutil.Promise(func() (safejs.Value, error) {
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				v, err := m(ctx, strs)
				if err != nil {
					return safejs.Value{}, browser.JSError(err)
				}
				b, err := json.Marshal(v)
				if err != nil {
					return safejs.Value{}, err
				}
				return jsutil.ParseJSON(b)
			})
			if err != nil {
				return nil
			}
			return p
		})
		if err != nil {
			return safejs.Value{}, err
		}
		if err := o.Set(n, f); err != nil {
			return safejs.Value{}, err
		}
	}
	return o, nil
}

func arg(args []string, i int) string {
	if i < len(args) {
		return args[i]
	}
	return ""
}

func (h *harness) wallet() (*store.Wallet, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.w == nil {
		return nil, &store.Error{Op: "harness", Err: store.ErrLocked}
	}
	return h.w, nil
}

func (h *harness) open(ctx context.Context, _ []string) (any, error) {
	kv, err := browser.OpenIndexedDB(ctx, h.name)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	h.kv = &faultKV{KV: kv}
	h.mu.Unlock()
	ok, err := store.Exists(ctx, kv)
	return map[string]any{"exists": ok}, err
}

func (h *harness) create(ctx context.Context, args []string) (any, error) {
	start := time.Now()
	w, err := store.Create(ctx, h.kv, browser.WebCrypto{}, []byte(arg(args, 0)), store.Options{})
	if err != nil {
		return nil, err
	}
	ms := time.Since(start).Milliseconds()
	h.mu.Lock()
	h.w = w
	h.mu.Unlock()
	return map[string]any{"ms": ms, "iterations": w.Header().Slots[0].KDF.Iterations}, nil
}

func (h *harness) unlock(ctx context.Context, args []string) (any, error) {
	start := time.Now()
	w, err := store.Unlock(ctx, h.kv, browser.WebCrypto{}, []byte(arg(args, 0)))
	if err != nil {
		return nil, err
	}
	ms := time.Since(start).Milliseconds()
	h.mu.Lock()
	h.w = w
	h.mu.Unlock()
	return map[string]any{"ms": ms}, nil
}

func (h *harness) lock(context.Context, []string) (any, error) {
	w, err := h.wallet()
	if err == nil {
		w.Lock()
	}
	return true, nil
}

func (h *harness) putCredential(ctx context.Context, args []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	id, raw := arg(args, 0), arg(args, 1)
	err = w.Update(ctx, func(tx *store.RecordTx) error {
		if err := tx.Put(store.TypeCredential, id, store.Credential{Format: "vc+jwt", Raw: raw, Added: time.Now().UTC()}); err != nil {
			return err
		}
		_, err := tx.AppendHistory(store.HistoryEntry{Time: time.Now(), Event: "import", Credential: id})
		return err
	})
	return true, err
}

func (h *harness) getCredential(ctx context.Context, args []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	var c store.Credential
	if err := w.Get(ctx, store.TypeCredential, arg(args, 0), &c); err != nil {
		return nil, err
	}
	return c.Raw, nil
}

// failMidway overwrites credential args[0] with args[1] and adds
// credential args[2], with an error injected after the first Put.
func (h *harness) failMidway(ctx context.Context, args []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	h.kv.armed.Store(true)
	defer h.kv.armed.Store(false)
	err = w.Update(ctx, func(tx *store.RecordTx) error {
		if err := tx.Put(store.TypeCredential, arg(args, 0), store.Credential{Raw: arg(args, 1)}); err != nil {
			return err
		}
		return tx.Put(store.TypeCredential, arg(args, 2), store.Credential{Raw: arg(args, 1)})
	})
	if !errors.Is(err, errInjected) {
		return nil, fmt.Errorf("storetest: want the injected failure, got %v", err)
	}
	return err.Error(), nil
}

func (h *harness) appendHistory(ctx context.Context, args []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	var e store.HistoryEntry
	err = w.Update(ctx, func(tx *store.RecordTx) error {
		e, err = tx.AppendHistory(store.HistoryEntry{Time: time.Now(), Event: "present", Audience: arg(args, 0), Claims: []string{"given_name"}})
		return err
	})
	return e.Seq, err
}

func (h *harness) verifyHistory(ctx context.Context, _ []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	entries, _, err := w.History(ctx)
	if err != nil {
		return nil, err
	}
	return len(entries), w.VerifyHistory(ctx)
}

// genKey makes a holder key, saves it, and records its KeyRef.
func (h *harness) genKey(ctx context.Context, args []string) (any, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	s, err := browser.GenerateSigner(ctx)
	if err != nil {
		return nil, err
	}
	id := arg(args, 0)
	if err := h.idb().SaveSigner(ctx, id, s); err != nil {
		return nil, err
	}
	ref, err := s.KeyRef(time.Now().UTC())
	if err != nil {
		return nil, err
	}
	if err := w.Update(ctx, func(tx *store.RecordTx) error { return tx.Put(store.TypeKey, id, ref) }); err != nil {
		return nil, err
	}
	pub := s.Public().(*ecdsa.PublicKey)
	jwkDID, keyDID, err := browser.HolderDIDs(pub)
	if err != nil {
		return nil, err
	}
	raw, err := pub.Bytes()
	if err != nil {
		return nil, err
	}
	return map[string]any{"didJwk": jwkDID.String(), "didKey": keyDID.String(), "public": raw, "keyRefDid": ref.DID}, nil
}

func (h *harness) idb() *browser.IndexedDBKV { return h.kv.KV.(*browser.IndexedDBKV) }

// loadSigner loads the holder key args[0] after checking the wallet has
// a KeyRef for it (so it is unlocked).
func (h *harness) loadSigner(ctx context.Context, id string) (*browser.Signer, error) {
	w, err := h.wallet()
	if err != nil {
		return nil, err
	}
	var ref store.KeyRef
	if err := w.Get(ctx, store.TypeKey, id, &ref); err != nil {
		return nil, err
	}
	return h.idb().LoadSigner(ctx, ref.Handle)
}

// sign signs the base64 bytes args[1] with key args[0]: an ASN.1 DER
// signature, base64.
func (h *harness) sign(ctx context.Context, args []string) (any, error) {
	s, err := h.loadSigner(ctx, arg(args, 0))
	if err != nil {
		return nil, err
	}
	msg, err := base64.StdEncoding.DecodeString(arg(args, 1))
	if err != nil {
		return nil, err
	}
	return s.SignMessage(nil, msg, crypto.SHA256) // []byte → base64 in JSON
}

// jws makes a compact ES256 JWS over payload args[1] with key args[0]:
// the signing input signed in WebCrypto, whose r‖s is the JWS form.
func (h *harness) jws(ctx context.Context, args []string) (any, error) {
	s, err := h.loadSigner(ctx, arg(args, 0))
	if err != nil {
		return nil, err
	}
	jwkDID, _, err := browser.HolderDIDs(s.Public().(*ecdsa.PublicKey))
	if err != nil {
		return nil, err
	}
	hdr, _ := json.Marshal(map[string]string{"alg": "ES256", "typ": "JWT", "kid": jwkDID.String() + "#0"})
	b64 := base64.RawURLEncoding.EncodeToString
	input := b64(hdr) + "." + b64([]byte(arg(args, 1)))
	sig, err := s.SignP1363(ctx, []byte(input))
	if err != nil {
		return nil, err
	}
	return input + "." + b64(sig), nil
}

// joseSign signs with core/jose.Sign and the WebCrypto signer (a
// message-only signer) and reports the token or the error.
func (h *harness) joseSign(ctx context.Context, args []string) (any, error) {
	s, err := h.loadSigner(ctx, arg(args, 0))
	if err != nil {
		return nil, err
	}
	tok, err := jose.Sign([]byte(arg(args, 1)), "ES256", s, nil)
	if err != nil {
		return map[string]any{"error": err.Error()}, nil
	}
	return map[string]any{"token": tok}, nil
}
