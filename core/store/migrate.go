package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// SchemaVersion is the schema this package writes. Records of older
// wallets are migrated forward by [Wallet.Migrate]; a newer wallet is
// refused with [ErrNewerSchema].
//
//	1  first release
//	2  Settings.LockAfterSeconds (default DefaultLockAfterSeconds)
const SchemaVersion = 2

// migration moves every record from schema from to from+1. record gets a
// record's type, id and JSON body at schema from and returns its body at
// from+1 (the same bytes if the type is unaffected). It must be pure: no
// clock, no randomness, no I/O, so that it is tested with fixtures alone.
type migration struct {
	from   int
	name   string
	record func(typ Type, id string, body []byte) ([]byte, error)
}

// migrations, in order; migrations[i].from == i+1.
var migrations = []migration{
	{from: 1, name: "settings: lockAfterSeconds", record: migrateV1toV2},
}

// migrateV1toV2 adds lockAfterSeconds to the settings record, with the
// default when absent. Other members are kept as they are.
func migrateV1toV2(typ Type, id string, body []byte) ([]byte, error) {
	if typ != TypeSettings {
		return body, nil
	}
	var m map[string]json.RawMessage
	if err := strictjson.Unmarshal(body, &m, maxJSONDepth); err != nil {
		return nil, fmt.Errorf("%w: settings: %w", ErrMalformed, err)
	}
	if _, ok := m["lockAfterSeconds"]; !ok {
		m["lockAfterSeconds"] = json.RawMessage(fmt.Sprint(DefaultLockAfterSeconds))
	}
	return json.Marshal(m)
}

// Migrate brings the wallet's records to [SchemaVersion]: it decrypts
// every record, runs each migration from the wallet's schema up in order,
// re-encrypts each record under a fresh nonce at the new version, and
// writes them with the new header, all in one atomic batch. An error
// leaves the wallet as it was (at its old schema). [Unlock] calls it; it
// does nothing on a current wallet. A record that does not authenticate
// stops the migration with [ErrTampered].
func (w *Wallet) Migrate(ctx context.Context) error {
	c, _, err := w.state("migrate")
	if err != nil {
		return err
	}
	var hdr Header
	err = w.kv.Update(ctx, func(tx Tx) error {
		var err error
		if hdr, err = parseHeaderValue(tx.Get(headerKey)); err != nil {
			return err
		}
		if hdr.Schema == SchemaVersion {
			return nil
		}
		return migrate(ctx, tx, c, &hdr, migrations)
	})
	if err != nil {
		return wrap("migrate", "", err)
	}
	w.mu.Lock()
	w.hdr = hdr
	w.mu.Unlock()
	return nil
}

// migrate applies ms to every record in tx and sets hdr.Schema to the
// version after the last of ms.
func migrate(ctx context.Context, tx Tx, c Cipher, hdr *Header, ms []migration) error {
	from := hdr.Schema
	to := from
	var steps []migration
	for _, m := range ms {
		if m.from == to {
			steps = append(steps, m)
			to++
		}
	}
	if to != SchemaVersion {
		return errorf("migrate", "", "%w: no migration path from schema %d", ErrMalformed, from)
	}
	keys, err := tx.List(recordPrefix)
	if err != nil {
		return err
	}
	for _, k := range keys {
		typ, id, ok := splitRecordKey(k)
		if !ok {
			return errorf("migrate", k, "%w: bad record key", ErrTampered)
		}
		raw, err := tx.Get(k)
		if err != nil {
			return err
		}
		body, err := openRecord(ctx, c, *hdr, typ, id, raw)
		if err != nil {
			return err
		}
		for _, m := range steps {
			if body, err = m.record(typ, id, body); err != nil {
				return &Error{Op: "migrate", Key: id, Err: fmt.Errorf("%s (v%d→v%d): %w", m.name, m.from, m.from+1, err)}
			}
		}
		b, err := sealRecord(ctx, c, hdr.WalletID, to, typ, id, body)
		if err != nil {
			return err
		}
		if err := tx.Put(k, b); err != nil {
			return err
		}
	}
	hdr.Schema = to
	hb, err := json.Marshal(hdr)
	if err != nil {
		return err
	}
	return tx.Put(headerKey, hb)
}
