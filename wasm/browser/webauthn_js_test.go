//go:build js && wasm

package browser

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"testing"

	"github.com/hack-pad/safejs"

	"github.com/gxwallet/gxwallet/core/store"
)

// TestPasskeyKEKInterop: the KEK that prfKEK derives in WebCrypto from a
// PRF output held in JS is store.StdCrypto's PasskeyKEK of the same
// bytes (HKDF-SHA-256, wallet id, PasskeyKEKInfo): each unwraps what the
// other wrapped. The derived key is not extractable and the PRF output
// is zeroed.
func TestPasskeyKEKInterop(t *testing.T) {
	ctx := context.Background()
	prf := bytes.Repeat([]byte{0x42}, store.PRFOutputSize)
	walletID := bytes.Repeat([]byte{9}, 16)
	js, err := u8(prf)
	if err != nil {
		t.Fatal(err)
	}
	web, err := prfKEK(ctx, js, walletID)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := goBytes(js, 64); !bytes.Equal(got, make([]byte, store.PRFOutputSize)) {
		t.Errorf("PRF output not zeroed: %x", got)
	}
	key := web.(webKEK).key
	if ext, _ := key.Get("extractable"); truthy(ext) {
		t.Error("the passkey KEK is extractable")
	}
	std, err := store.StdCrypto{}.PasskeyKEK(ctx, prf, walletID)
	if err != nil {
		t.Fatal(err)
	}
	nonce, ad := bytes.Repeat([]byte{3}, store.NonceSize), []byte("ad")
	k, _ := store.StdCrypto{}.NewWalletKey(ctx)
	wrapped, err := std.Wrap(ctx, k, nonce, ad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := web.Unwrap(ctx, nonce, wrapped, ad); err != nil {
		t.Fatalf("WebCrypto HKDF KEK does not open what crypto/hkdf's wrapped: %v", err)
	}
	wk, err := WebCrypto{}.NewWalletKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wrapped2, err := web.Wrap(ctx, wk, nonce, ad)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := std.Unwrap(ctx, nonce, wrapped2, ad); err != nil {
		t.Fatalf("crypto/hkdf KEK does not open what WebCrypto wrapped: %v", err)
	}
	// Another wallet id gives another KEK.
	js2, _ := u8(prf)
	other, err := prfKEK(ctx, js2, bytes.Repeat([]byte{8}, 16))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Unwrap(ctx, nonce, wrapped, ad); !errors.Is(err, store.ErrDecrypt) {
		t.Errorf("another wallet id's KEK: %v, want ErrDecrypt", err)
	}
	short, _ := u8(prf[:16])
	if _, err := prfKEK(ctx, short, walletID); !errors.Is(err, store.ErrMalformed) {
		t.Errorf("16-byte PRF output: %v", err)
	}
}

// TestPasskeySlotWebCrypto adds a passkey slot to a WebCrypto wallet:
// the wrappable key is extractable only for that wrapping, the session
// key stays non-extractable, and the slot opens with the WebCrypto KEK
// and with StdCrypto's.
func TestPasskeySlotWebCrypto(t *testing.T) {
	ctx := context.Background()
	kv := new(store.MemKV)
	w, err := store.Create(ctx, kv, WebCrypto{}, []byte("pass"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Update(ctx, func(tx *store.RecordTx) error {
		return tx.Put(store.TypeCredential, "c", store.Credential{Raw: "secret claim"})
	}); err != nil {
		t.Fatal(err)
	}
	id := w.Header().WalletID
	prf := bytes.Repeat([]byte{0x17}, store.PRFOutputSize)
	js, _ := u8(prf)
	kek, err := prfKEK(ctx, js, id)
	if err != nil {
		t.Fatal(err)
	}
	p := store.PasskeyParams{CredentialID: bytes.Repeat([]byte{1}, 16), Salt: bytes.Repeat([]byte{2}, store.PasskeySaltSize)}
	if _, err := w.AddPasskeySlot(ctx, WebCrypto{}, []byte("wrong"), p, kek); !errors.Is(err, store.ErrWrongPassphrase) || Code(err) != CodeWrongPassphrase {
		t.Errorf("wrong passphrase: %v", err)
	}
	slot, err := w.AddPasskeySlot(ctx, WebCrypto{}, []byte("pass"), p, kek)
	if err != nil {
		t.Fatal(err)
	}
	// The wrappable form is extractable; the session's is not.
	pass := w.Header().Slots[0]
	pk, err := WebCrypto{}.DeriveKEK(ctx, []byte("pass"), *pass.KDF)
	if err != nil {
		t.Fatal(err)
	}
	c, err := pk.Unwrap(ctx, pass.Nonce, pass.Wrapped, slotADForTest(id, pass))
	if err != nil {
		t.Fatal(err)
	}
	if ext, _ := c.(*WebCryptoCipher).key.Get("extractable"); truthy(ext) {
		t.Error("the session key is extractable")
	}
	wk, err := pk.UnwrapWalletKey(ctx, pass.Nonce, pass.Wrapped, slotADForTest(id, pass))
	if err != nil {
		t.Fatal(err)
	}
	if ext, _ := wk.(webWalletKey).key.Get("extractable"); !truthy(ext) {
		t.Error("the wrappable key is not extractable")
	}
	u, _ := wk.(webWalletKey).key.Get("usages")
	if n, _ := u.Length(); n != 1 {
		t.Errorf("the wrappable key has %d usages, want encrypt only", n)
	}
	std, _ := store.StdCrypto{}.PasskeyKEK(ctx, prf, id)
	for name, k := range map[string]store.KEK{"webcrypto": kek, "std": std} {
		w2, err := store.UnlockPasskey(ctx, kv, slot.ID, k)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var cr store.Credential
		if err := w2.Get(ctx, store.TypeCredential, "c", &cr); err != nil || cr.Raw != "secret claim" {
			t.Errorf("%s: %+v, %v", name, cr, err)
		}
	}
	wrong, _ := store.StdCrypto{}.PasskeyKEK(ctx, bytes.Repeat([]byte{0x18}, store.PRFOutputSize), id)
	if _, err := store.UnlockPasskey(ctx, kv, slot.ID, wrong); !errors.Is(err, store.ErrWrongPasskey) || Code(err) != CodeWrongPasskey {
		t.Errorf("wrong PRF: %v (%s)", err, Code(err))
	}
}

// TestPasskeyUnsupportedInNode: Node has no PublicKeyCredential, so
// passkeys are reported unsupported with the stable error and code.
func TestPasskeyUnsupportedInNode(t *testing.T) {
	ctx := context.Background()
	if ok, err := PasskeySupport(ctx); ok || err != nil {
		t.Errorf("PasskeySupport = %v, %v", ok, err)
	}
	_, _, err := CreatePasskey(ctx, make([]byte, 16), make([]byte, 32), "gxwallet")
	if !errors.Is(err, ErrPasskeyUnsupported) || Code(err) != CodePasskeyUnsupported {
		t.Errorf("CreatePasskey = %v (%s)", err, Code(err))
	}
	_, _, err = PasskeyKEK(ctx, make([]byte, 16), []PasskeyRef{{CredentialID: make([]byte, 16), Salt: make([]byte, 32)}})
	if !errors.Is(err, ErrPasskeyUnsupported) {
		t.Errorf("PasskeyKEK = %v", err)
	}
}

// slotADForTest is core/store's key slot associated data, spelled out.
func slotADForTest(walletID []byte, s store.KeySlot) []byte {
	ad := []byte("gxwallet/keyslot\x00")
	for _, f := range [][]byte{walletID, []byte(s.ID), []byte(s.Kind)} {
		ad = binary.AppendUvarint(ad, uint64(len(f)))
		ad = append(ad, f...)
	}
	return ad
}

func truthy(v safejs.Value) bool { b, _ := v.Truthy(); return b }
