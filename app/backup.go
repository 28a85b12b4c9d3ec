package app

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/store"
)

// Backup and restore, as the app does them (see core/store's "Backups"):
//
// The backup file is core/store's: the header with its key slots and
// every record as stored (credentials, settings, history, the holder
// key's public description), sealed under the wallet key. It cannot hold
// the holder private key: in the browser that is a non-extractable
// CryptoKey, and this wallet never makes it extractable, not even to
// back it up. So restoring makes a NEW holder key on the new device.
// Every credential comes back identical; the ones bound to the old key
// (an SD-JWT whose cnf is the old key) are marked and refused for
// presentation with a message saying to have them issued again to the
// new key; credentials bound to the new key, and new presentations of
// them, work as before.

// errOtherKey refuses to present a credential bound to a key the wallet
// no longer holds.
var errOtherKey = uiErr("err.otherKey")

// restoreError is a refused restore, worded by userMessage.
type restoreError struct{ err error }

func (e *restoreError) Error() string { return "restore: " + e.err.Error() }
func (e *restoreError) Unwrap() error { return e.err }

// exportBackup returns the wallet as a backup file.
func (s *session) exportBackup(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return nil, err
	}
	return s.w.Export(ctx)
}

// restoreResult says what a restore brought back.
type restoreResult struct {
	Creds    int // credentials restored
	OtherKey int // of which bound to the old holder key
}

// restore writes the wallet in the backup file into this device's empty
// storage, with a new holder key, in one batch, and opens it. A wrong
// passphrase, an altered or foreign file and an existing wallet are
// refused (a *restoreError) and change nothing.
func (s *session) restore(ctx context.Context, file []byte, passphrase string, now time.Time) (restoreResult, error) {
	if len(file) == 0 {
		return restoreResult{}, &restoreError{fmt.Errorf("%w: empty file", store.ErrMalformed)}
	}
	if utf8.RuneCountInString(passphrase) == 0 {
		return restoreResult{}, &restoreError{store.ErrWrongPassphrase}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ks, err := s.kv(ctx)
	if err != nil {
		return restoreResult{}, err
	}
	var newHandle string
	w, err := store.Restore(ctx, ks, s.be.crypto(), []byte(passphrase), file, func(tx *store.RecordTx) error {
		// Made only once the passphrase opened the file and every record
		// authenticated; deleted again below if the write fails.
		_, ref, err := ks.newHolderKey(ctx, now.UTC())
		if err != nil {
			return fmt.Errorf("making the holder key: %w", err)
		}
		newHandle = ref.Handle
		st := appSettings{Settings: store.DefaultSettings()}
		if err := tx.Get(store.TypeSettings, store.SettingsID, &st); err != nil && !errors.Is(err, store.ErrNotExist) {
			return err
		}
		st.HolderKey = holderKeyID
		if err := tx.Put(store.TypeKey, holderKeyID, ref); err != nil {
			return err
		}
		if err := tx.Put(store.TypeSettings, store.SettingsID, st); err != nil {
			return err
		}
		_, err = tx.AppendHistory(store.HistoryEntry{Time: now, Event: "restore"})
		return err
	})
	if err != nil {
		if newHandle != "" {
			_ = ks.deleteHolderKey(ctx, newHandle)
		}
		return restoreResult{}, &restoreError{err}
	}
	if err := s.open(ctx, w, now); err != nil {
		return restoreResult{}, err
	}
	r := restoreResult{Creds: len(s.creds)}
	for _, c := range s.creds {
		if c.OtherKey {
			r.OtherKey++
		}
	}
	return r, nil
}

// restoreNotice words a successful restore.
func restoreNotice(r restoreResult) string {
	msg := tr("restore.doneMany", r.Creds)
	if r.Creds == 1 {
		msg = tr("restore.doneOne")
	}
	switch {
	case r.OtherKey == 1:
		msg += " " + tr("restore.otherKeyOne")
	case r.OtherKey > 1:
		msg += " " + tr("restore.otherKeyMany", r.OtherKey)
	}
	return msg
}

// restoreMessage words a refused restore.
func restoreMessage(err error) string {
	switch {
	case errors.Is(err, store.ErrWrongPassphrase):
		return tr("restore.errPassphrase")
	case errors.Is(err, store.ErrTampered):
		return tr("restore.errTampered")
	case errors.Is(err, store.ErrNewerSchema):
		return tr("restore.errNewer")
	case errors.Is(err, store.ErrExists):
		return tr("restore.errExists")
	case errors.Is(err, store.ErrQuota):
		return tr("restore.errQuota")
	case errors.Is(err, store.ErrMalformed):
		return tr("restore.errMalformed")
	}
	return tr("restore.errOther", err.Error())
}

// boundToOtherKey reports whether raw is an SD-JWT whose cnf names a
// public key other than holder (the wallet's holder key as a JWK). A
// credential without cnf, or not an SD-JWT, is bound to no key.
func boundToOtherKey(raw string, holder json.RawMessage) bool {
	sd, err := parseSDJWT(raw)
	if err != nil {
		return false
	}
	cnf, ok := sd.Payload["cnf"].(map[string]any)
	if !ok {
		return false
	}
	jwk, ok := cnf["jwk"]
	if !ok {
		return false // a kid: the wallet cannot tell; let the verifier decide
	}
	jb, err := json.Marshal(jwk)
	if err != nil {
		return true
	}
	bound, err := jose.ParsePublicJWK(jb)
	if err != nil {
		return true
	}
	mine, err := jose.ParsePublicJWK(holder)
	if err != nil {
		return true
	}
	eq, ok := bound.(interface{ Equal(crypto.PublicKey) bool })
	return !ok || !eq.Equal(mine)
}
