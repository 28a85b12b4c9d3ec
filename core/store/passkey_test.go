package store

import (
	"bytes"
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// authenticator stands in for a WebAuthn authenticator with the PRF
// extension in native tests: a PRF output per credential, as the
// browser would hand it to WebCrypto.
type authenticator struct{ secret []byte }

func newAuthenticator() authenticator { return authenticator{secret: random(32)} }

// prf is HMAC-like evaluation: distinct per credential and salt.
func (a authenticator) prf(credID, salt []byte) []byte {
	k, _ := hkdf.Key(sha256.New, a.secret, credID, string(salt), PRFOutputSize)
	return k
}

// passkey makes a credential id and salt, and the KEK the browser would
// derive for them in wallet w.
func (a authenticator) passkey(t *testing.T, walletID []byte) (PasskeyParams, KEK) {
	t.Helper()
	p := PasskeyParams{CredentialID: random(16), Salt: random(PasskeySaltSize), Created: t0}
	kek, err := StdCrypto{}.PasskeyKEK(context.Background(), a.prf(p.CredentialID, p.Salt), walletID)
	if err != nil {
		t.Fatal(err)
	}
	return p, kek
}

func (a authenticator) kek(t *testing.T, s KeySlot, walletID []byte) KEK {
	t.Helper()
	kek, err := StdCrypto{}.PasskeyKEK(context.Background(), a.prf(s.Passkey.CredentialID, s.Passkey.Salt), walletID)
	if err != nil {
		t.Fatal(err)
	}
	return kek
}

func TestPasskeySlot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	putCredential(t, w, "c1", "raw:"+claim)
	id := w.Header().WalletID
	auth := newAuthenticator()
	p, kek := auth.passkey(t, id)

	before := dump(t, kv)
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte("wrong passphrase"), p, kek); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("AddPasskeySlot with a wrong passphrase = %v, want ErrWrongPassphrase", err)
	}
	if err := w.VerifyPassphrase(ctx, StdCrypto{}, []byte("wrong passphrase")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("VerifyPassphrase(wrong) = %v", err)
	}
	if err := w.VerifyPassphrase(ctx, StdCrypto{}, []byte(testPass)); err != nil {
		t.Errorf("VerifyPassphrase(right) = %v", err)
	}
	if diff := cmp.Diff(before, dump(t, kv)); diff != "" {
		t.Fatalf("a refused AddPasskeySlot wrote:\n%s", diff)
	}

	slot, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	if slot.Kind != SlotPasskey || !strings.HasPrefix(slot.ID, "passkey-") || slot.KDF != nil || !slot.Passkey.Created.Equal(t0) {
		t.Errorf("slot = %+v", slot)
	}
	// Only the header changed: no record was re-encrypted.
	after := dump(t, kv)
	for k, v := range before {
		if k != headerKey && !bytes.Equal(v, after[k]) {
			t.Errorf("record %s changed", k)
		}
	}
	h, err := ReadHeader(ctx, kv)
	if err != nil || len(h.Slots) != 2 || len(h.Passkeys()) != 1 || h.Passkeys()[0].ID != slot.ID {
		t.Fatalf("header after add = %+v, %v", h, err)
	}
	if got := w.Header().Passkeys(); len(got) != 1 {
		t.Errorf("the wallet's header has %d passkeys", len(got))
	}
	// The same credential twice is refused.
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); !errors.Is(err, ErrMalformed) {
		t.Errorf("second slot for one credential = %v", err)
	}

	// The passkey opens the wallet; the passphrase still does.
	w2, err := UnlockPasskey(ctx, kv, slot.ID, auth.kek(t, h.Passkeys()[0], id))
	if err != nil {
		t.Fatal(err)
	}
	var c Credential
	if err := w2.Get(ctx, TypeCredential, "c1", &c); err != nil || c.Raw != "raw:"+claim {
		t.Errorf("credential via passkey = %+v, %v", c, err)
	}
	if _, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass)); err != nil {
		t.Errorf("passphrase after adding a passkey: %v", err)
	}
	// Another authenticator's PRF (or another wallet id in HKDF) does not.
	_, other := newAuthenticator().passkey(t, id)
	if _, err := UnlockPasskey(ctx, kv, slot.ID, other); !errors.Is(err, ErrWrongPasskey) {
		t.Errorf("UnlockPasskey with another PRF = %v, want ErrWrongPasskey", err)
	}
	wrongID, _ := StdCrypto{}.PasskeyKEK(ctx, auth.prf(p.CredentialID, p.Salt), random(walletIDSize))
	if _, err := UnlockPasskey(ctx, kv, slot.ID, wrongID); !errors.Is(err, ErrWrongPasskey) {
		t.Errorf("UnlockPasskey with another HKDF salt = %v, want ErrWrongPasskey", err)
	}
	if _, err := UnlockPasskey(ctx, kv, "passphrase", kek); !errors.Is(err, ErrNotExist) {
		t.Errorf("UnlockPasskey on the passphrase slot = %v, want ErrNotExist", err)
	}

	// Removal: a passphrase slot cannot go; the passkey's can, once.
	if err := w.RemovePasskeySlot(ctx, SlotPassphrase); !errors.Is(err, ErrNotExist) {
		t.Errorf("removing the passphrase slot = %v", err)
	}
	if err := w.RemovePasskeySlot(ctx, slot.ID); err != nil {
		t.Fatal(err)
	}
	if err := w.RemovePasskeySlot(ctx, slot.ID); !errors.Is(err, ErrNotExist) {
		t.Errorf("second removal = %v", err)
	}
	if _, err := UnlockPasskey(ctx, kv, slot.ID, kek); !errors.Is(err, ErrNotExist) {
		t.Errorf("UnlockPasskey after removal = %v, want ErrNotExist", err)
	}
	if h, _ := ReadHeader(ctx, kv); len(h.Slots) != 1 || h.Slots[0].Kind != SlotPassphrase {
		t.Errorf("header after removal: %+v", h.Slots)
	}
	if _, err := Unlock(ctx, kv, StdCrypto{}, []byte(testPass)); err != nil {
		t.Errorf("passphrase after removing the passkey: %v", err)
	}
	// Locked: refused.
	w.Lock()
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); !errors.Is(err, ErrLocked) {
		t.Errorf("AddPasskeySlot on a locked wallet = %v", err)
	}
	if err := w.RemovePasskeySlot(ctx, slot.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("RemovePasskeySlot on a locked wallet = %v", err)
	}
}

// TestPasskeyLimits: parameters out of bounds are refused before
// anything is written, and a header holds at most maxSlots slots.
func TestPasskeyLimits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	auth := newAuthenticator()
	good, kek := auth.passkey(t, w.Header().WalletID)
	before := dump(t, kv)
	for _, tc := range []struct {
		name string
		edit func(p *PasskeyParams)
	}{
		{"credential id too short", func(p *PasskeyParams) { p.CredentialID = random(MinCredentialIDBytes - 1) }},
		{"credential id too long", func(p *PasskeyParams) { p.CredentialID = random(MaxCredentialIDBytes + 1) }},
		{"no salt", func(p *PasskeyParams) { p.Salt = nil }},
		{"short salt", func(p *PasskeyParams) { p.Salt = random(PasskeySaltSize - 1) }},
		{"long salt", func(p *PasskeyParams) { p.Salt = random(PasskeySaltSize + 1) }},
	} {
		p := good
		tc.edit(&p)
		if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", tc.name, err)
		}
	}
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), good, nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("nil KEK: %v", err)
	}
	if diff := cmp.Diff(before, dump(t, kv)); diff != "" {
		t.Fatalf("refused adds wrote:\n%s", diff)
	}
	if _, err := (StdCrypto{}).PasskeyKEK(ctx, random(PRFOutputSize-1), w.Header().WalletID); !errors.Is(err, ErrMalformed) {
		t.Errorf("short PRF output: %v", err)
	}
	for i := 1; i < maxSlots; i++ {
		p, kek := auth.passkey(t, w.Header().WalletID)
		if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); err != nil {
			t.Fatalf("slot %d: %v", i+1, err)
		}
	}
	p, kek := auth.passkey(t, w.Header().WalletID)
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); !errors.Is(err, ErrMalformed) {
		t.Errorf("slot %d: %v, want ErrMalformed", maxSlots+1, err)
	}
	if h, err := ReadHeader(ctx, kv); err != nil || len(h.Slots) != maxSlots {
		t.Errorf("header: %d slots, %v", len(h.Slots), err)
	}
}

// TestPasskeyHeaderStrict: a stored header whose slots break the rules
// for their kind does not parse.
func TestPasskeyHeaderStrict(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	p, kek := newAuthenticator().passkey(t, w.Header().WalletID)
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); err != nil {
		t.Fatal(err)
	}
	m := dump(t, kv)
	for _, tc := range []struct {
		name string
		edit func(slots []map[string]any)
	}{
		{"passkey slot with a kdf", func(s []map[string]any) { s[1]["kdf"] = s[0]["kdf"] }},
		{"passkey slot without params", func(s []map[string]any) { delete(s[1], "passkey") }},
		{"passphrase slot with passkey params", func(s []map[string]any) { s[0]["passkey"] = s[1]["passkey"] }},
		{"passphrase slot without kdf", func(s []map[string]any) { delete(s[0], "kdf") }},
		{"unknown kind", func(s []map[string]any) { s[1]["kind"] = "webauthn-largeblob" }},
		{"long slot id", func(s []map[string]any) { s[1]["id"] = strings.Repeat("p", maxSlotIDBytes+1) }},
		{"duplicate slot id", func(s []map[string]any) { s[1]["id"] = s[0]["id"] }},
		{"short salt", func(s []map[string]any) { s[1]["passkey"].(map[string]any)["salt"] = "AAAA" }},
		{"empty credential id", func(s []map[string]any) { s[1]["passkey"].(map[string]any)["credentialId"] = "" }},
		{"unknown passkey member", func(s []map[string]any) { s[1]["passkey"].(map[string]any)["rpId"] = "example.com" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h map[string]any
			if err := json.Unmarshal(m[headerKey], &h); err != nil {
				t.Fatal(err)
			}
			var slots []map[string]any
			for _, s := range h["slots"].([]any) {
				slots = append(slots, s.(map[string]any))
			}
			tc.edit(slots)
			m2 := dump(t, kv)
			m2[headerKey], _ = json.Marshal(h)
			if _, err := ReadHeader(ctx, load(t, m2)); !errors.Is(err, ErrMalformed) {
				t.Errorf("ReadHeader = %v, want ErrMalformed", err)
			}
		})
	}
}

// TestPasskeySlotAD: a passkey slot's wrapped key is bound to its id and
// kind, as a passphrase slot's is.
func TestPasskeySlotAD(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv := newWallet(t)
	auth := newAuthenticator()
	p, kek := auth.passkey(t, w.Header().WalletID)
	slot, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	m := dump(t, kv)
	h, _ := parseHeader(m[headerKey])
	h.Slots[1].ID = "passkey-renamed"
	m[headerKey], _ = json.Marshal(h)
	if _, err := UnlockPasskey(ctx, load(t, m), "passkey-renamed", kek); !errors.Is(err, ErrWrongPasskey) {
		t.Errorf("renamed slot = %v, want ErrWrongPasskey", err)
	}
	// A passkey slot's wrapping moved into the passphrase slot does not
	// open with the passphrase either.
	h, _ = parseHeader(dump(t, kv)[headerKey])
	h.Slots[0].Nonce, h.Slots[0].Wrapped = slot.Nonce, slot.Wrapped
	m[headerKey], _ = json.Marshal(h)
	if _, err := Unlock(ctx, load(t, m), StdCrypto{}, []byte(testPass)); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("moved wrapping = %v, want ErrWrongPassphrase", err)
	}
}

// TestPasskeyAtomic: a storage failing at commit keeps the old header,
// and another tab's wipe makes the add refuse and lock.
func TestPasskeyAtomic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mem := new(MemKV)
	fk := &faultKV{KV: mem}
	w, err := Create(ctx, fk, StdCrypto{}, []byte(testPass), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	p, kek := newAuthenticator().passkey(t, w.Header().WalletID)
	before := dump(t, mem)
	fk.commitErr = ErrQuota
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek); !errors.Is(err, ErrQuota) {
		t.Fatalf("AddPasskeySlot on a full disk = %v", err)
	}
	if diff := cmp.Diff(before, dump(t, mem)); diff != "" {
		t.Errorf("failed add changed storage:\n%s", diff)
	}
	if len(w.Header().Passkeys()) != 0 {
		t.Errorf("failed add changed the wallet's header")
	}
	fk.commitErr = nil
	slot, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	fk.commitErr = ErrQuota
	if err := w.RemovePasskeySlot(ctx, slot.ID); !errors.Is(err, ErrQuota) {
		t.Fatalf("RemovePasskeySlot on a full disk = %v", err)
	}
	if _, err := UnlockPasskey(ctx, mem, slot.ID, kek); err != nil {
		t.Errorf("the passkey after a failed removal: %v", err)
	}
	fk.commitErr = nil

	// Another tab wipes the wallet: the add writes nothing and locks.
	if err := mem.Update(ctx, func(tx Tx) error { return tx.Delete(headerKey) }); err != nil {
		t.Fatal(err)
	}
	p2, kek2 := newAuthenticator().passkey(t, w.Header().WalletID)
	if _, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p2, kek2); !errors.Is(err, ErrLocked) || !errors.Is(err, ErrNoWallet) {
		t.Errorf("AddPasskeySlot after a wipe = %v, want ErrLocked and ErrNoWallet", err)
	}
	if ok, _ := Exists(ctx, mem); ok {
		t.Errorf("the add after a wipe wrote a header")
	}
}

// TestBackupWithoutPasskeys: a backup leaves passkey slots out and a
// restore drops any a file carries; the passphrase opens the restored
// wallet, the old passkey does not.
func TestBackupWithoutPasskeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w, kv, _ := backupWallet(t)
	auth := newAuthenticator()
	p, kek := auth.passkey(t, w.Header().WalletID)
	slot, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(testPass), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	b, err := w.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, hdr, err := parseBackup(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(hdr.Passkeys()) != 0 || len(hdr.Slots) != 1 {
		t.Errorf("exported header slots: %+v", hdr.Slots)
	}
	dst := new(MemKV)
	if _, err := Restore(ctx, dst, StdCrypto{}, []byte(testPass), b, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockPasskey(ctx, dst, slot.ID, kek); !errors.Is(err, ErrNotExist) {
		t.Errorf("old passkey on the restored wallet = %v, want ErrNotExist", err)
	}

	// A file whose sealed header still holds the passkey slot (made by
	// another build): restored without it.
	full, err := kv.Get(ctx, headerKey)
	if err != nil {
		t.Fatal(err)
	}
	f.Header = full
	f.Nonce = random(NonceSize)
	d := f.manifest()
	c, _, _ := w.state("test")
	if f.Seal, err = c.Seal(ctx, f.Nonce, d[:], backupAD(hdr.WalletID)); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(f)
	dst2 := new(MemKV)
	w2, err := Restore(ctx, dst2, StdCrypto{}, []byte(testPass), b2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(w2.Header().Passkeys()); n != 0 {
		t.Errorf("restored wallet keeps %d passkey slots", n)
	}
	if h, _ := ReadHeader(ctx, dst2); len(h.Passkeys()) != 0 {
		t.Errorf("restored storage keeps passkey slots: %+v", h.Slots)
	}
	if _, err := UnlockPasskey(ctx, dst2, slot.ID, kek); !errors.Is(err, ErrNotExist) {
		t.Errorf("old passkey on the restored wallet = %v, want ErrNotExist", err)
	}
	if _, err := Unlock(ctx, dst2, StdCrypto{}, []byte(testPass)); err != nil {
		t.Errorf("passphrase on the restored wallet: %v", err)
	}
}

// TestUnlockPasskeyMigrates: a schema-1 wallet given a passkey migrates
// when the passkey unlocks it, as with the passphrase.
func TestUnlockPasskeyMigrates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := readFixture(t, v1Fixture)
	kv := load(t, f.KV)
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	old := &Wallet{kv: kv, c: unlockCipher(t, kv, f.Passphrase), hdr: h}
	p, kek := newAuthenticator().passkey(t, h.WalletID)
	slot, err := old.AddPasskeySlot(ctx, StdCrypto{}, []byte(f.Passphrase), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := ReadHeader(ctx, kv); h.Schema != 1 {
		t.Fatalf("adding a slot changed the schema to %d", h.Schema)
	}
	w, err := UnlockPasskey(ctx, kv, slot.ID, kek)
	if err != nil {
		t.Fatal(err)
	}
	if h, _ := ReadHeader(ctx, kv); h.Schema != SchemaVersion || len(h.Passkeys()) != 1 {
		t.Errorf("after unlock: schema %d, %d passkeys", h.Schema, len(h.Passkeys()))
	}
	if s, err := w.Settings(ctx); err != nil || s.LockAfterSeconds != DefaultLockAfterSeconds {
		t.Errorf("settings = %+v, %v", s, err)
	}
}

const passkeyFixture = "wallet-v2-passkey.json"

// TestWritePasskeyFixture regenerates testdata/wallet-v2-passkey.json
// with -update: a schema-2 wallet with a passphrase slot and a passkey
// slot whose KEK came from the recorded PRF output.
func TestWritePasskeyFixture(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite the fixture")
	}
	ctx := context.Background()
	kv := new(MemKV)
	const pass = "fixture passphrase v2"
	w, err := Create(ctx, kv, StdCrypto{}, []byte(pass), testOpts)
	if err != nil {
		t.Fatal(err)
	}
	putCredential(t, w, "cred-1", "eyJ.v2.credential")
	prf := bytes.Repeat([]byte{0x5a}, PRFOutputSize)
	kek, err := StdCrypto{}.PasskeyKEK(ctx, prf, w.Header().WalletID)
	if err != nil {
		t.Fatal(err)
	}
	p := PasskeyParams{CredentialID: bytes.Repeat([]byte{0xc1}, 16), Salt: bytes.Repeat([]byte{0x5e}, PasskeySaltSize), Created: t0}
	slot, err := w.AddPasskeySlot(ctx, StdCrypto{}, []byte(pass), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	writeFixture(t, passkeyFixture, fixture{
		Comment:     "a schema-2 wallet with a passkey slot; its KEK is HKDF-SHA-256(prf, wallet id, PasskeyKEKInfo); regenerate with go test -run TestWritePasskeyFixture -update",
		Passphrase:  pass,
		PRF:         prf,
		PasskeySlot: slot.ID,
		KV:          dump(t, kv),
	})
}

// TestPasskeyFixture pins the passkey slot format and the KEK
// construction: the stored wallet opens with the recorded PRF output
// through HKDF-SHA-256 (wallet id as salt, PasskeyKEKInfo as info), and
// with its passphrase.
func TestPasskeyFixture(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := readFixture(t, passkeyFixture)
	kv := load(t, f.KV)
	h, err := ReadHeader(ctx, kv)
	if err != nil {
		t.Fatal(err)
	}
	ps := h.Passkeys()
	if len(ps) != 1 || ps[0].ID != f.PasskeySlot || !ps[0].Passkey.Created.Equal(t0) {
		t.Fatalf("passkey slots: %+v", ps)
	}
	// The construction spelled out, not through PasskeyKEK.
	raw, err := hkdf.Key(sha256.New, f.PRF, h.WalletID, "gxwallet-store/1 webauthn-prf key-encryption key", 32)
	if err != nil {
		t.Fatal(err)
	}
	c, err := stdKEK{stdKey(raw)}.Unwrap(ctx, ps[0].Nonce, ps[0].Wrapped, slotAD(h.WalletID, ps[0]))
	if err != nil {
		t.Fatalf("the spelled-out KEK does not open the slot: %v", err)
	}
	if err := sameKey(ctx, c, unlockCipher(t, kv, f.Passphrase)); err != nil {
		t.Error(err)
	}
	kek, err := StdCrypto{}.PasskeyKEK(ctx, f.PRF, h.WalletID)
	if err != nil {
		t.Fatal(err)
	}
	w, err := UnlockPasskey(ctx, kv, f.PasskeySlot, kek)
	if err != nil {
		t.Fatal(err)
	}
	var cred Credential
	if err := w.Get(ctx, TypeCredential, "cred-1", &cred); err != nil || cred.Raw != "eyJ.v2.credential" {
		t.Errorf("credential = %+v, %v", cred, err)
	}
	if _, err := Unlock(ctx, kv, StdCrypto{}, []byte(f.Passphrase)); err != nil {
		t.Errorf("passphrase: %v", err)
	}
}
