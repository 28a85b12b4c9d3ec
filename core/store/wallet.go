package store

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"strings"
	"sync"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// Wallet is an unlocked wallet: the header and a [Cipher] holding the
// wallet key. It is safe for concurrent use; writes are serialised by the
// [KV]. A locked Wallet (see [Wallet.Lock]) refuses everything with
// [ErrLocked].
type Wallet struct {
	kv KV

	mu  sync.RWMutex
	c   Cipher // nil once locked
	hdr Header
}

// Options tune [Create]. The zero value is the default.
type Options struct {
	// Iterations is the PBKDF2 work factor; zero means
	// DefaultIterations, and fewer than MinIterations is refused.
	Iterations int
}

// Create makes a new wallet in kv: a random wallet key from cr, wrapped
// under a key derived from passphrase (PBKDF2-SHA-256, a random salt),
// in a header of schema [SchemaVersion]. It fails with [ErrExists] when kv
// already holds a wallet and writes nothing then. The passphrase is used
// as given (no Unicode normalisation); it must not be empty.
func Create(ctx context.Context, kv KV, cr Crypto, passphrase []byte, opts Options) (*Wallet, error) {
	return create(ctx, kv, cr, passphrase, opts, SchemaVersion)
}

// create is Create at a given schema; tests make old wallets with it.
func create(ctx context.Context, kv KV, cr Crypto, passphrase []byte, opts Options, schema int) (*Wallet, error) {
	iter := opts.Iterations
	if iter == 0 {
		iter = DefaultIterations
	}
	if len(passphrase) == 0 {
		return nil, errorf("create", "", "%w: empty passphrase", ErrMalformed)
	}
	p := KDFParams{Alg: KDFPBKDF2SHA256, Iterations: iter, Salt: random(SaltSize)}
	if err := p.check(minIterations); err != nil {
		return nil, wrap("create", "", err)
	}
	hdr := Header{Format: HeaderFormat, Schema: schema, WalletID: random(walletIDSize)}
	slot := KeySlot{ID: SlotPassphrase, Kind: SlotPassphrase, KDF: &p, Nonce: random(NonceSize)}

	k, err := cr.NewWalletKey(ctx)
	if err != nil {
		return nil, wrap("create", "", err)
	}
	kek, err := cr.DeriveKEK(ctx, passphrase, p)
	if err != nil {
		return nil, wrap("create", "", err)
	}
	ad := slotAD(hdr.WalletID, slot)
	if slot.Wrapped, err = kek.Wrap(ctx, k, slot.Nonce, ad); err != nil {
		return nil, wrap("create", "", err)
	}
	// Unwrap at once: this proves the slot opens before anything is
	// written, and gives the session a key that (in the browser) was
	// never extractable.
	c, err := kek.Unwrap(ctx, slot.Nonce, slot.Wrapped, ad)
	if err != nil {
		return nil, wrap("create", "", err)
	}
	hdr.Slots = []KeySlot{slot}
	hb, err := json.Marshal(hdr)
	if err != nil {
		return nil, wrap("create", "", err)
	}
	err = kv.Update(ctx, func(tx Tx) error {
		if _, err := tx.Get(headerKey); err == nil {
			return &Error{Op: "create", Err: ErrExists}
		} else if !errors.Is(err, ErrNotExist) {
			return err
		}
		return tx.Put(headerKey, hb)
	})
	if err != nil {
		return nil, wrap("create", "", err)
	}
	return &Wallet{kv: kv, c: c, hdr: hdr}, nil
}

// Unlock opens the wallet in kv with passphrase, trying each passphrase
// slot, and migrates its records forward to [SchemaVersion] if needed (in
// one atomic batch; see [Wallet.Migrate]). Errors, each an [*Error]:
// [ErrNoWallet] (none in kv), [ErrWrongPassphrase] (no slot opens; nothing
// is written), [ErrNewerSchema], [ErrMalformed] (the header or its KDF
// parameters are out of bounds), or a migration's error (nothing is
// written either).
func Unlock(ctx context.Context, kv KV, cr Crypto, passphrase []byte) (*Wallet, error) {
	hdr, err := ReadHeader(ctx, kv)
	if err != nil {
		return nil, wrap("unlock", "", err)
	}
	c, err := openSlots(ctx, cr, hdr, passphrase)
	if err != nil {
		return nil, err
	}
	w := &Wallet{kv: kv, c: c, hdr: hdr}
	if hdr.Schema != SchemaVersion {
		if err := w.Migrate(ctx); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// Lock forgets the wallet key. Every later call fails with [ErrLocked];
// unlock again with [Unlock]. In the browser the key is a CryptoKey that
// the garbage collector frees once unreferenced.
func (w *Wallet) Lock() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.c = nil
}

// Header returns the header the wallet was opened (or last migrated) with.
func (w *Wallet) Header() Header {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.hdr
}

// state returns the cipher and header, or ErrLocked.
func (w *Wallet) state(op string) (Cipher, Header, error) {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.c == nil {
		return nil, Header{}, &Error{Op: op, Err: ErrLocked}
	}
	return w.c, w.hdr, nil
}

// Get decrypts the record typ/id into v (a pointer, as for
// json.Unmarshal). Errors: [ErrNotExist], [ErrTampered] (the record does
// not authenticate as typ/id of this wallet at its schema), [ErrMalformed],
// [ErrLocked].
func (w *Wallet) Get(ctx context.Context, typ Type, id string, v any) error {
	return w.view(ctx, func(r reader) error { return r.record(typ, id, v) })
}

// List returns the ids of the records of type typ, in byte-wise order. It
// decrypts nothing, so it does not detect tampering.
func (w *Wallet) List(ctx context.Context, typ Type) ([]string, error) {
	if _, _, err := w.state("list"); err != nil {
		return nil, err
	}
	keys, err := w.kv.List(ctx, recordKey(typ, ""))
	if err != nil {
		return nil, wrap("list", string(typ), err)
	}
	return idsOf(keys, typ), nil
}

func idsOf(keys []string, typ Type) []string {
	ids := make([]string, 0, len(keys))
	for _, k := range keys {
		ids = append(ids, strings.TrimPrefix(k, recordKey(typ, "")))
	}
	return ids
}

// Settings returns the stored settings, or [DefaultSettings] if none.
func (w *Wallet) Settings(ctx context.Context) (Settings, error) {
	s := DefaultSettings()
	err := w.Get(ctx, TypeSettings, SettingsID, &s)
	if errors.Is(err, ErrNotExist) {
		return DefaultSettings(), nil
	}
	return s, err
}

// Update runs fn in one atomic batch (one [KV.Update]): every record fn
// puts or deletes is written, or, if fn or the KV fails, none is and the
// previous state stays intact. A full storage comes back as an error
// wrapping [ErrQuota]. fn may be called once only; it must not keep tx.
//
// If the storage no longer holds the wallet w opened (another tab wiped
// it, made or restored another, or migrated it since), fn is not called,
// nothing is written, w locks itself and the error wraps [ErrLocked]
// (and [ErrNoWallet] when the storage holds no wallet at all): unlocking
// again opens whatever wallet the storage holds now.
func (w *Wallet) Update(ctx context.Context, fn func(tx *RecordTx) error) error {
	c, hdr, err := w.state("update")
	if err != nil {
		return err
	}
	err = w.kv.Update(ctx, func(kt Tx) error {
		if err := stale(kt.Get, hdr); err != nil {
			if errors.Is(err, ErrLocked) {
				return &errStale{err}
			}
			return err
		}
		return fn(&RecordTx{reader: reader{ctx: ctx, c: c, hdr: hdr, kvGet: kt.Get}, tx: kt})
	})
	if se := (*errStale)(nil); errors.As(err, &se) {
		w.Lock()
		return &Error{Op: "update", Err: se.err}
	}
	return wrap("update", "", err)
}

// view runs fn with a reader over the KV's current state (no batch). A
// record that does not open because the storage holds another wallet now
// locks w, as in [Wallet.Update].
func (w *Wallet) view(ctx context.Context, fn func(r reader) error) error {
	c, hdr, err := w.state("get")
	if err != nil {
		return err
	}
	get := func(key string) ([]byte, error) { return w.kv.Get(ctx, key) }
	err = fn(reader{ctx: ctx, c: c, hdr: hdr, kvGet: get})
	if errors.Is(err, ErrTampered) {
		// A record of another wallet (this one was wiped and replaced
		// since it was unlocked) does not open either: say so, and lock.
		if why := stale(get, hdr); errors.Is(why, ErrLocked) {
			w.Lock()
			return &Error{Op: "get", Err: why}
		}
	}
	return wrap("get", "", err)
}

// reader opens records from some view of the KV.
type reader struct {
	ctx   context.Context
	c     Cipher
	hdr   Header
	kvGet func(key string) ([]byte, error)
}

func (r reader) record(typ Type, id string, v any) error {
	body, err := r.getBody(typ, id)
	if err != nil {
		return err
	}
	if err := strictjson.Unmarshal(body, v, maxJSONDepth); err != nil {
		return errorf("get", id, "%w: record body: %w", ErrMalformed, err)
	}
	return nil
}

func (r reader) getBody(typ Type, id string) ([]byte, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	key := recordKey(typ, id)
	raw, err := r.kvGet(key)
	if err != nil {
		return nil, wrap("get", id, err)
	}
	return openRecord(r.ctx, r.c, r.hdr, typ, id, raw)
}

// openRecord authenticates and decrypts a stored envelope as typ/id at
// the header's schema.
func openRecord(ctx context.Context, c Cipher, hdr Header, typ Type, id string, raw []byte) ([]byte, error) {
	e, err := ParseEnvelope(raw)
	if err != nil {
		return nil, &Error{Op: "open", Key: id, Err: errors.Join(ErrTampered, err)}
	}
	if e.Type != typ || e.Version != hdr.Schema {
		return nil, errorf("open", id, "%w: envelope says %q v%d, want %q v%d", ErrTampered, e.Type, e.Version, typ, hdr.Schema)
	}
	body, err := c.Open(ctx, e.Nonce, e.Ciphertext, recordAD(hdr.WalletID, e.Version, typ, id))
	if errors.Is(err, ErrDecrypt) {
		return nil, errorf("open", id, "%w: %w", ErrTampered, err)
	}
	if err != nil {
		return nil, wrap("open", id, err)
	}
	return body, nil
}

// sealRecord encrypts body as typ/id at schema version under a fresh nonce.
func sealRecord(ctx context.Context, c Cipher, walletID []byte, version int, typ Type, id string, body []byte) ([]byte, error) {
	nonce := random(NonceSize)
	ct, err := c.Seal(ctx, nonce, body, recordAD(walletID, version, typ, id))
	if err != nil {
		return nil, wrap("seal", id, err)
	}
	b, err := Envelope{Version: version, Type: typ, Nonce: nonce, Ciphertext: ct}.MarshalBinary()
	return b, wrap("seal", id, err)
}

// RecordTx reads and writes records inside [Wallet.Update].
type RecordTx struct {
	reader
	tx Tx
}

// Get decrypts the record typ/id, as fn's writes so far left it, into v.
func (t *RecordTx) Get(typ Type, id string, v any) error { return t.reader.record(typ, id, v) }

// List returns the ids of typ as fn's writes so far left them.
func (t *RecordTx) List(typ Type) ([]string, error) {
	keys, err := t.tx.List(recordKey(typ, ""))
	if err != nil {
		return nil, wrap("list", string(typ), err)
	}
	return idsOf(keys, typ), nil
}

// Put encrypts v's JSON as record typ/id. typ is TypeCredential, TypeKey
// or TypeSettings; history entries go through [RecordTx.AppendHistory].
func (t *RecordTx) Put(typ Type, id string, v any) error {
	if !typ.writable() {
		return errorf("put", id, "%w: type %q is not written directly", ErrMalformed, typ)
	}
	if err := checkID(id); err != nil {
		return err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return errorf("put", id, "%w: %w", ErrMalformed, err)
	}
	return t.putBody(typ, id, body)
}

func (t *RecordTx) putBody(typ Type, id string, body []byte) error {
	b, err := sealRecord(t.ctx, t.c, t.hdr.WalletID, t.hdr.Schema, typ, id, body)
	if err != nil {
		return err
	}
	return wrap("put", id, t.tx.Put(recordKey(typ, id), b))
}

// Delete removes record typ/id (not history). A missing record is not an
// error.
func (t *RecordTx) Delete(typ Type, id string) error {
	if !typ.writable() {
		return errorf("delete", id, "%w: type %q is not deleted directly", ErrMalformed, typ)
	}
	if err := checkID(id); err != nil {
		return err
	}
	return wrap("delete", id, t.tx.Delete(recordKey(typ, id)))
}

// random returns n bytes from crypto/rand, which never fails (Go ≥ 1.24).
func random(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
