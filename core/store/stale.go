package store

import (
	"bytes"
	"errors"
	"fmt"
)

// An unlocked Wallet keeps its header and key in memory, but the storage
// is shared: another tab (or process) on the same KV may wipe the wallet,
// create or restore another one, or migrate it while this Wallet is open.
// Records this Wallet then sealed would carry its wallet id and schema
// under its key; in another wallet they fail to open, and that wallet
// reads as tampered and no longer unlocks. So every [Wallet.Update]
// first checks, inside its batch (under the KV's lock), that the storage
// still holds the wallet this Wallet opened; if not, it writes nothing
// and the Wallet locks itself ([errStale]).

// stale reports why get's header is not the wallet of hdr any more, or
// nil if it is. Errors of get other than a missing header are returned
// as they are.
func stale(get func(key string) ([]byte, error), hdr Header) error {
	cur, err := parseHeaderValue(get(headerKey))
	switch {
	case errors.Is(err, ErrNoWallet):
		return fmt.Errorf("%w: the wallet was wiped since it was unlocked (%w)", ErrLocked, ErrNoWallet)
	case errors.Is(err, ErrNewerSchema):
		return fmt.Errorf("%w: the wallet was migrated since it was unlocked (%w)", ErrLocked, ErrNewerSchema)
	case err != nil:
		return err
	case !bytes.Equal(cur.WalletID, hdr.WalletID):
		return fmt.Errorf("%w: the storage holds another wallet than the one unlocked", ErrLocked)
	case cur.Schema != hdr.Schema:
		return fmt.Errorf("%w: the wallet's schema changed from %d to %d since it was unlocked", ErrLocked, hdr.Schema, cur.Schema)
	}
	return nil
}

// errStale marks a [stale] outcome through the KV's error wrapping.
type errStale struct{ err error }

func (e *errStale) Error() string { return e.err.Error() }
func (e *errStale) Unwrap() error { return e.err }
