package store

import (
	"bytes"
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"
)

// A passkey key slot wraps the same wallet key as the passphrase slot
// under a key-encryption key that only a WebAuthn authenticator can give
// back: the output of the PRF extension (W3C Web Authentication Level 3
// §10.1.4, https://www.w3.org/TR/webauthn-3/#prf-extension) for the
// slot's credential and salt, through HKDF-SHA-256 (RFC 5869,
// https://www.rfc-editor.org/rfc/rfc5869) to an AES-256-GCM key:
//
//	KEK = HKDF-SHA-256(IKM  = PRF output "first" (32 bytes),
//	                   salt = the wallet id (16 bytes, Header.WalletID),
//	                   info = PasskeyKEKInfo,
//	                   L    = 32)
//
// The browser runs the same steps in WebCrypto (importKey "HKDF",
// deriveKey) so that the PRF output never reaches Go memory there;
// [StdCrypto.PasskeyKEK] runs them natively, and a fixture test pins
// the construction.

// SlotPasskey is the kind of a slot whose KEK comes from a WebAuthn
// passkey's PRF output.
const SlotPasskey = "webauthn-prf"

// PasskeyKEKInfo is the HKDF info of a passkey slot's KEK: it names the
// purpose, so the same PRF output used elsewhere gives another key.
const PasskeyKEKInfo = "gxwallet-store/1 webauthn-prf key-encryption key"

// PasskeyParams are the parameters of a passkey slot, stored in clear in
// the wallet header: what the browser needs to ask the authenticator for
// the PRF output.
type PasskeyParams struct {
	// CredentialID is the WebAuthn credential id (rawId), between
	// MinCredentialIDBytes and MaxCredentialIDBytes.
	CredentialID []byte `json:"credentialId"`
	// Salt is the PRF input ("eval.first"), PasskeySaltSize random bytes.
	Salt []byte `json:"salt"`
	// Created is when the passkey was added (shown in the settings).
	Created time.Time `json:"created,omitzero"`
}

func (p *PasskeyParams) check() error {
	switch {
	case p == nil:
		return errorf("passkey", "", "%w: no passkey parameters", ErrMalformed)
	case len(p.CredentialID) < MinCredentialIDBytes || len(p.CredentialID) > MaxCredentialIDBytes:
		return errorf("passkey", "", "%w: credential id of %d bytes", ErrMalformed, len(p.CredentialID))
	case len(p.Salt) != PasskeySaltSize:
		return errorf("passkey", "", "%w: PRF salt of %d bytes", ErrMalformed, len(p.Salt))
	}
	return nil
}

// checkSlot enforces the shape of one key slot by kind.
func checkSlot(s KeySlot) error {
	switch {
	case s.ID == "" || len(s.ID) > maxSlotIDBytes:
		return errorf("header", "", "%w: key slot id of %d bytes", ErrMalformed, len(s.ID))
	case len(s.Nonce) != NonceSize || len(s.Wrapped) != KeySize+TagSize:
		return errorf("header", s.ID, "%w: key slot nonce or wrapped key", ErrMalformed)
	}
	switch s.Kind {
	case SlotPassphrase:
		if s.KDF == nil || s.Passkey != nil {
			return errorf("header", s.ID, "%w: passphrase slot without KDF or with passkey", ErrMalformed)
		}
	case SlotPasskey:
		if s.KDF != nil {
			return errorf("header", s.ID, "%w: passkey slot with a KDF", ErrMalformed)
		}
		if err := s.Passkey.check(); err != nil {
			return wrap("header", s.ID, err)
		}
	default:
		return errorf("header", s.ID, "%w: key slot kind %q", ErrMalformed, trunc(s.Kind))
	}
	return nil
}

// PasskeyKEK implements the passkey slot's KEK derivation (see
// [SlotPasskey]) with crypto/hkdf, from a PRF output held in Go memory:
// for native callers and tests. It does not check where prf came from.
func (StdCrypto) PasskeyKEK(ctx context.Context, prf, walletID []byte) (KEK, error) {
	if len(prf) != PRFOutputSize {
		return nil, errorf("passkey", "", "%w: PRF output of %d bytes", ErrMalformed, len(prf))
	}
	k, err := hkdf.Key(sha256.New, prf, walletID, PasskeyKEKInfo, KeySize)
	if err != nil {
		return nil, wrap("passkey", "", err)
	}
	return stdKEK{stdKey(k)}, nil
}

// Passkeys returns the header's passkey slots, in header order.
func (h Header) Passkeys() []KeySlot {
	var out []KeySlot
	for _, s := range h.Slots {
		if s.Kind == SlotPasskey {
			out = append(out, s)
		}
	}
	return out
}

// VerifyPassphrase reports whether passphrase opens a passphrase slot of
// the wallet, as [Unlock] would, without writing anything: nil, or an
// [*Error] wrapping [ErrWrongPassphrase] (or [ErrLocked]). A UI asks for
// the passphrase with it before it starts a WebAuthn ceremony for
// [Wallet.AddPasskeySlot], which checks the passphrase again.
func (w *Wallet) VerifyPassphrase(ctx context.Context, cr Crypto, passphrase []byte) error {
	_, err := w.wrappableKey(ctx, cr, passphrase)
	return err
}

// wrappableKey opens the wallet key with passphrase as a [WalletKey] that
// can be wrapped again, and checks that it is the key the wallet is open
// with.
func (w *Wallet) wrappableKey(ctx context.Context, cr Crypto, passphrase []byte) (WalletKey, error) {
	c, hdr, err := w.state("passphrase")
	if err != nil {
		return nil, err
	}
	for _, s := range hdr.Slots {
		if s.Kind != SlotPassphrase || s.KDF == nil {
			continue
		}
		if err := s.KDF.check(minIterations); err != nil {
			return nil, wrap("passphrase", s.ID, err)
		}
		kek, err := cr.DeriveKEK(ctx, passphrase, *s.KDF)
		if err != nil {
			return nil, wrap("passphrase", s.ID, err)
		}
		ad := slotAD(hdr.WalletID, s)
		k, err := kek.UnwrapWalletKey(ctx, s.Nonce, s.Wrapped, ad)
		if errors.Is(err, ErrDecrypt) {
			continue
		}
		if err != nil {
			return nil, wrap("passphrase", s.ID, err)
		}
		// The slot must hold the key the session uses: seal under the
		// session's key, open with the slot's.
		probe, err := kek.Unwrap(ctx, s.Nonce, s.Wrapped, ad)
		if err != nil {
			return nil, wrap("passphrase", s.ID, err)
		}
		if err := sameKey(ctx, c, probe); err != nil {
			return nil, err
		}
		return k, nil
	}
	return nil, &Error{Op: "passphrase", Err: ErrWrongPassphrase}
}

// sameKey checks that a and b hold the same AES-GCM key.
func sameKey(ctx context.Context, a, b Cipher) error {
	nonce, msg, ad := random(NonceSize), random(16), []byte("gxwallet/keycheck")
	ct, err := a.Seal(ctx, nonce, msg, ad)
	if err != nil {
		return wrap("keycheck", "", err)
	}
	pt, err := b.Open(ctx, nonce, ct, ad)
	if errors.Is(err, ErrDecrypt) || (err == nil && !bytes.Equal(pt, msg)) {
		return errorf("keycheck", "", "%w: a key slot does not hold the wallet's key", ErrTampered)
	}
	return wrap("keycheck", "", err)
}

// AddPasskeySlot adds a [SlotPasskey] key slot: the wallet key, opened
// again with passphrase (the holder proves it once more, as before any
// new way to unlock), wrapped under kek — the KEK from the passkey's PRF
// output for p.Salt (see the construction above), which the caller got
// from a WebAuthn ceremony that made the credential p.CredentialID. No
// record is re-encrypted. The new slot is unwrapped with kek before
// anything is written, and the header is written in one batch.
//
// Errors: [ErrWrongPassphrase] (nothing is written), [ErrMalformed] (p
// out of bounds, a slot for that credential exists, or the header is
// full: [maxSlots]), [ErrLocked]. It does not check that kek came from
// an authenticator, nor that the authenticator verified the user.
func (w *Wallet) AddPasskeySlot(ctx context.Context, cr Crypto, passphrase []byte, p PasskeyParams, kek KEK) (KeySlot, error) {
	p = PasskeyParams{CredentialID: bytes.Clone(p.CredentialID), Salt: bytes.Clone(p.Salt), Created: p.Created.UTC()}
	if err := p.check(); err != nil {
		return KeySlot{}, wrap("add passkey", "", err)
	}
	if kek == nil {
		return KeySlot{}, errorf("add passkey", "", "%w: no KEK", ErrMalformed)
	}
	k, err := w.wrappableKey(ctx, cr, passphrase)
	if err != nil {
		return KeySlot{}, wrap("add passkey", "", err)
	}
	_, hdr, err := w.state("add passkey")
	if err != nil {
		return KeySlot{}, err
	}
	slot := KeySlot{ID: "passkey-" + hex.EncodeToString(random(8)), Kind: SlotPasskey, Passkey: &p, Nonce: random(NonceSize)}
	ad := slotAD(hdr.WalletID, slot)
	if slot.Wrapped, err = kek.Wrap(ctx, k, slot.Nonce, ad); err != nil {
		return KeySlot{}, wrap("add passkey", "", err)
	}
	k = nil // in the browser: the extractable copy goes to the collector
	c, err := kek.Unwrap(ctx, slot.Nonce, slot.Wrapped, ad)
	if err != nil {
		return KeySlot{}, wrap("add passkey", "", err)
	}
	if err := w.sameAsSession(ctx, c); err != nil {
		return KeySlot{}, err
	}
	err = w.editHeader(ctx, "add passkey", func(h *Header) error {
		for _, s := range h.Passkeys() {
			if bytes.Equal(s.Passkey.CredentialID, p.CredentialID) {
				return errorf("add passkey", s.ID, "%w: a slot for this credential exists", ErrMalformed)
			}
		}
		if len(h.Slots) >= maxSlots {
			return errorf("add passkey", "", "%w: %d key slots already", ErrMalformed, len(h.Slots))
		}
		h.Slots = append(h.Slots, slot)
		return nil
	})
	if err != nil {
		return KeySlot{}, err
	}
	return slot, nil
}

func (w *Wallet) sameAsSession(ctx context.Context, c Cipher) error {
	cur, _, err := w.state("add passkey")
	if err != nil {
		return err
	}
	return sameKey(ctx, cur, c)
}

// RemovePasskeySlot removes the [SlotPasskey] slot id from the header,
// in one batch; the passkey no longer unlocks the wallet (the
// credential itself stays on the authenticator: the browser cannot
// delete it). Errors: [ErrNotExist] (no passkey slot id; a passphrase
// slot is never removed), [ErrLocked].
func (w *Wallet) RemovePasskeySlot(ctx context.Context, id string) error {
	return w.editHeader(ctx, "remove passkey", func(h *Header) error {
		for i, s := range h.Slots {
			if s.ID == id && s.Kind == SlotPasskey {
				h.Slots = append(h.Slots[:i:i], h.Slots[i+1:]...)
				return nil
			}
		}
		return errorf("remove passkey", id, "%w: no passkey slot", ErrNotExist)
	})
}

// editHeader applies edit to the stored header in one batch, after the
// same check as [Wallet.Update] that the storage still holds this
// wallet, and keeps the result as the wallet's header.
func (w *Wallet) editHeader(ctx context.Context, op string, edit func(h *Header) error) error {
	if _, _, err := w.state(op); err != nil {
		return err
	}
	var hdr Header
	err := w.kv.Update(ctx, func(tx Tx) error {
		w.mu.RLock()
		mine := w.hdr
		w.mu.RUnlock()
		if err := stale(tx.Get, mine); err != nil {
			if errors.Is(err, ErrLocked) {
				return &errStale{err}
			}
			return err
		}
		var err error
		if hdr, err = parseHeaderValue(tx.Get(headerKey)); err != nil {
			return err
		}
		if err := edit(&hdr); err != nil {
			return err
		}
		hb, err := json.Marshal(hdr)
		if err != nil {
			return err
		}
		if _, err := parseHeader(hb); err != nil {
			return err
		}
		return tx.Put(headerKey, hb)
	})
	if se := (*errStale)(nil); errors.As(err, &se) {
		w.Lock()
		return &Error{Op: op, Err: se.err}
	}
	if err != nil {
		return wrap(op, "", err)
	}
	w.mu.Lock()
	w.hdr = hdr
	w.mu.Unlock()
	return nil
}

// UnlockPasskey opens the wallet in kv with the passkey slot slotID and
// kek, the KEK from that passkey's PRF output (see [SlotPasskey]), and
// migrates it forward as [Unlock] does. Errors, each an [*Error]:
// [ErrNoWallet], [ErrNotExist] (no passkey slot slotID: removed
// meanwhile), [ErrWrongPasskey] (kek does not open the slot; nothing is
// written), [ErrNewerSchema], [ErrMalformed], or a migration's error.
func UnlockPasskey(ctx context.Context, kv KV, slotID string, kek KEK) (*Wallet, error) {
	hdr, err := ReadHeader(ctx, kv)
	if err != nil {
		return nil, wrap("unlock", "", err)
	}
	if kek == nil {
		return nil, errorf("unlock", slotID, "%w: no KEK", ErrMalformed)
	}
	var c Cipher
	for _, s := range hdr.Passkeys() {
		if s.ID != slotID {
			continue
		}
		c, err = kek.Unwrap(ctx, s.Nonce, s.Wrapped, slotAD(hdr.WalletID, s))
		if errors.Is(err, ErrDecrypt) {
			return nil, &Error{Op: "unlock", Key: slotID, Err: ErrWrongPasskey}
		}
		if err != nil {
			return nil, wrap("unlock", slotID, err)
		}
	}
	if c == nil {
		return nil, errorf("unlock", slotID, "%w: no passkey slot", ErrNotExist)
	}
	w := &Wallet{kv: kv, c: c, hdr: hdr}
	if hdr.Schema != SchemaVersion {
		if err := w.Migrate(ctx); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// withoutPasskeys returns the header bytes b without passkey slots (a
// backup's header), or b itself when it has none.
func withoutPasskeys(b []byte) ([]byte, error) {
	h, err := parseHeader(b)
	if err != nil {
		return nil, err
	}
	if len(h.Passkeys()) == 0 {
		return b, nil
	}
	var keep []KeySlot
	for _, s := range h.Slots {
		if s.Kind != SlotPasskey {
			keep = append(keep, s)
		}
	}
	if len(keep) == 0 {
		return nil, errorf("backup", "", "%w: no passphrase slot", ErrMalformed)
	}
	h.Slots = keep
	return json.Marshal(h)
}
