package store

import (
	"errors"
	"fmt"
)

// Conditions callers branch on. Each is documented at the functions that
// return it; test with errors.Is, since every error of this package is an
// [*Error] wrapping one of these or a cause from the [KV] or [Crypto].
var (
	// ErrNotExist: no value under a key, or no record with an id. A [KV]
	// returns it from Get; [Wallet.Get] passes it on.
	ErrNotExist = errors.New("not found")

	// ErrQuota: the storage is full (IndexedDB's QuotaExceededError, a
	// full disk). A [KV] wraps it; [Wallet.Update] passes it on after
	// writing nothing, so the UI can say "storage full" and lose nothing.
	ErrQuota = errors.New("storage quota exceeded")

	// ErrWrongPassphrase: no key slot of the wallet opens with the given
	// passphrase. [Unlock] returns it and changes nothing.
	ErrWrongPassphrase = errors.New("wrong passphrase")

	// ErrWrongPasskey: the KEK given to [UnlockPasskey] does not open the
	// passkey slot (another credential's, or a salt edited in storage).
	// Nothing is written.
	ErrWrongPasskey = errors.New("the passkey does not open this wallet")

	// ErrDecrypt: AES-GCM authentication failed. A [Cipher] or [KEK]
	// returns it (wrapped); the wallet turns it into [ErrWrongPassphrase]
	// for a key slot and into [ErrTampered] for a record.
	ErrDecrypt = errors.New("message authentication failed")

	// ErrTampered: a stored record or the history chain does not
	// authenticate: it was altered, swapped with another record, moved to
	// another type, removed, reordered, or comes from another wallet.
	ErrTampered = errors.New("tampered or corrupted")

	// ErrMalformed: stored bytes do not decode (envelope, header, record
	// body), or an argument is out of range.
	ErrMalformed = errors.New("malformed")

	// ErrNoWallet: the KV holds no wallet header. [Unlock] returns it.
	ErrNoWallet = errors.New("no wallet")

	// ErrExists: [Create] found a wallet header already and wrote nothing.
	ErrExists = errors.New("wallet already exists")

	// ErrNewerSchema: the wallet was written by a newer version of this
	// package (its schema is above [SchemaVersion]); it is never opened,
	// so an old build cannot damage it.
	ErrNewerSchema = errors.New("wallet written by a newer version")

	// ErrLocked: the [Wallet] was locked with [Wallet.Lock].
	ErrLocked = errors.New("wallet is locked")
)

// Error is every error this package returns: the operation, the record or
// KV key it concerned (if any), and the cause, which is one of the
// sentinels above or an error of the [KV] or [Crypto] wrapping one.
// Messages never contain key material, passphrases or record contents.
type Error struct {
	Op  string // "create", "unlock", "get", "update", "migrate", "history", "envelope", …
	Key string // the KV key or record id, if any; ids are not secret
	Err error
}

func (e *Error) Error() string {
	if e.Key != "" {
		return fmt.Sprintf("store: %s %q: %v", e.Op, trunc(e.Key), e.Err)
	}
	return fmt.Sprintf("store: %s: %v", e.Op, e.Err)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// errorf returns an *Error for op whose cause is fmt.Errorf(format, args...).
// Use %w to keep a sentinel visible to errors.Is.
func errorf(op, key, format string, args ...any) *Error {
	return &Error{Op: op, Key: key, Err: fmt.Errorf(format, args...)}
}

// wrap returns err as an *Error of op and key, unless it is one already.
func wrap(op, key string, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Op: op, Key: key, Err: err}
}

func trunc(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}
