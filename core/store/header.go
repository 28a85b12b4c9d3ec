package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// headerKey is the KV key of the wallet header.
const headerKey = "header"

// HeaderFormat names the header layout.
const HeaderFormat = "gxwallet-store/1"

// Header is the wallet's only plaintext record: what unlock needs before
// any key exists. It is not authenticated as a whole; each part that
// matters is bound elsewhere: a slot's wrapping binds the wallet id and
// the slot's id and kind (AES-GCM associated data), and every record
// binds the schema version, so an edited version makes the records fail
// to open rather than be misread.
type Header struct {
	Format   string    `json:"format"`   // HeaderFormat
	Schema   int       `json:"schema"`   // the records' schema version, ≤ SchemaVersion
	WalletID []byte    `json:"walletId"` // 16 random bytes, bound into every record
	Slots    []KeySlot `json:"slots"`    // ways to unwrap the one wallet key
}

// KeySlot is one wrapping of the wallet key. A wallet has one slot per
// way to unlock it: one [SlotPassphrase] slot, and a [SlotPasskey] slot
// per passkey added with [Wallet.AddPasskeySlot], each wrapping the same
// key, so adding or removing one re-encrypts no record.
type KeySlot struct {
	ID      string         `json:"id"`                // unique in the header, e.g. "passphrase", "passkey-<hex>"
	Kind    string         `json:"kind"`              // SlotPassphrase or SlotPasskey
	KDF     *KDFParams     `json:"kdf,omitempty"`     // for SlotPassphrase only
	Passkey *PasskeyParams `json:"passkey,omitempty"` // for SlotPasskey only
	Nonce   []byte         `json:"nonce"`             // AES-GCM nonce of the wrapping
	Wrapped []byte         `json:"wrapped"`           // the wallet key sealed under the KEK
}

// SlotPassphrase is the kind of a slot whose KEK comes from a passphrase.
const SlotPassphrase = "passphrase"

// ReadHeader returns the wallet header in kv: an [*Error] wrapping
// [ErrNoWallet] if there is none, [ErrMalformed] if it does not decode or
// breaks a limit, [ErrNewerSchema] if a newer version wrote it. It needs no
// passphrase and says nothing about whether the wallet opens.
func ReadHeader(ctx context.Context, kv KV) (Header, error) {
	b, err := kv.Get(ctx, headerKey)
	return parseHeaderValue(b, err)
}

// Exists reports whether kv holds a wallet header (of any version).
func Exists(ctx context.Context, kv KV) (bool, error) {
	_, err := kv.Get(ctx, headerKey)
	if errors.Is(err, ErrNotExist) {
		return false, nil
	}
	return err == nil, wrap("exists", headerKey, err)
}

func parseHeaderValue(b []byte, err error) (Header, error) {
	if errors.Is(err, ErrNotExist) {
		return Header{}, &Error{Op: "header", Err: ErrNoWallet}
	}
	if err != nil {
		return Header{}, wrap("header", headerKey, err)
	}
	return parseHeader(b)
}

func parseHeader(b []byte) (Header, error) {
	var h Header
	if len(b) > MaxHeaderBytes {
		return h, errorf("header", "", "%w: %d bytes", ErrMalformed, len(b))
	}
	if err := strictjson.Check(b, maxJSONDepth); err != nil {
		return h, errorf("header", "", "%w: %w", ErrMalformed, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return h, errorf("header", "", "%w: %w", ErrMalformed, err)
	}
	if h.Format != HeaderFormat {
		return h, errorf("header", "", "%w: format %q", ErrMalformed, trunc(h.Format))
	}
	if h.Schema > SchemaVersion {
		return h, errorf("header", "", "%w: schema %d > %d", ErrNewerSchema, h.Schema, SchemaVersion)
	}
	if h.Schema < 1 || len(h.WalletID) != walletIDSize || len(h.Slots) == 0 || len(h.Slots) > maxSlots {
		return h, errorf("header", "", "%w: schema, wallet id or slots out of range", ErrMalformed)
	}
	seen := map[string]bool{}
	for _, s := range h.Slots {
		if err := checkSlot(s); err != nil {
			return h, err
		}
		if seen[s.ID] {
			return h, errorf("header", "", "%w: key slot %q twice", ErrMalformed, trunc(s.ID))
		}
		seen[s.ID] = true
	}
	return h, nil
}

const walletIDSize = 16
