package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// HistoryEntry is one event of the wallet's history (TypeHistory): a
// presentation, an import, a deletion. Entries form a hash chain: Prev is
// the [Digest] of the previous entry (zero for the first), so an entry
// altered, removed or moved shows in [VerifyHistory] even to someone who
// holds the wallet key.
type HistoryEntry struct {
	Seq        uint64    `json:"seq"`                  // 1, 2, 3, … set by AppendHistory
	Time       time.Time `json:"time"`                 // given by the caller (UTC, no monotonic part kept)
	Event      string    `json:"event"`                // "present", "import", "delete", …
	Audience   string    `json:"audience,omitempty"`   // to whom (a verifier's client_id or origin)
	Credential string    `json:"credential,omitempty"` // the credential record id
	Claims     []string  `json:"claims,omitempty"`     // the claim names disclosed
	Prev       Digest    `json:"prev"`                 // Digest of entry Seq-1; zero for Seq 1
}

// Digest is a SHA-256 digest, in JSON as lowercase hex.
type Digest [sha256.Size]byte

// MarshalText implements encoding.TextMarshaler.
func (d Digest) MarshalText() ([]byte, error) { return []byte(hex.EncodeToString(d[:])), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Digest) UnmarshalText(b []byte) error {
	if len(b) != 2*len(d) {
		return fmt.Errorf("%w: digest of %d hex digits", ErrMalformed, len(b))
	}
	_, err := hex.Decode(d[:], b)
	return err
}

// Canonical returns the bytes an entry's digest covers: its JSON encoding
// with the fields in declaration order and Time in UTC.
func (e HistoryEntry) Canonical() []byte {
	e.Time = e.Time.UTC()
	b, _ := json.Marshal(e) // cannot fail: no field has a failing encoding
	return b
}

// Digest is the SHA-256 of [HistoryEntry.Canonical].
func (e HistoryEntry) Digest() Digest { return sha256.Sum256(e.Canonical()) }

// HistoryHead is the chain's end: the last Seq and its entry's Digest,
// stored encrypted next to the entries (so removing the last entries
// shows too).
type HistoryHead struct {
	Seq    uint64 `json:"seq"`
	Digest Digest `json:"digest"`
}

const historyHeadID = "history-head"

func historyID(seq uint64) string { return fmt.Sprintf("%020d", seq) }

// AppendHistory adds e at the end of the chain: it sets e.Seq and e.Prev
// from the current head, stores the entry and the new head in this batch,
// and returns the entry as stored.
func (t *RecordTx) AppendHistory(e HistoryEntry) (HistoryEntry, error) {
	var head HistoryHead
	if err := t.reader.record(typeMeta, historyHeadID, &head); err != nil && !errors.Is(err, ErrNotExist) {
		return HistoryEntry{}, err
	}
	e.Seq, e.Prev = head.Seq+1, head.Digest
	e.Time = e.Time.UTC().Round(0)
	id := historyID(e.Seq)
	if err := t.putBody(TypeHistory, id, e.Canonical()); err != nil {
		return HistoryEntry{}, err
	}
	hb, _ := json.Marshal(HistoryHead{Seq: e.Seq, Digest: e.Digest()})
	if err := t.putBody(typeMeta, historyHeadID, hb); err != nil {
		return HistoryEntry{}, err
	}
	return e, nil
}

// History returns the history entries in order, and the head. A record
// that does not authenticate fails with [ErrTampered]; the chain itself is
// checked by [VerifyHistory].
func (w *Wallet) History(ctx context.Context) ([]HistoryEntry, HistoryHead, error) {
	var head HistoryHead
	var entries []HistoryEntry
	err := w.view(ctx, func(r reader) error {
		if err := r.record(typeMeta, historyHeadID, &head); err != nil && !errors.Is(err, ErrNotExist) {
			return err
		}
		keys, err := w.kv.List(ctx, recordKey(TypeHistory, ""))
		if err != nil {
			return err
		}
		for _, id := range idsOf(keys, TypeHistory) {
			var e HistoryEntry
			if err := r.record(TypeHistory, id, &e); err != nil {
				return err
			}
			if id != historyID(e.Seq) {
				return errorf("history", id, "%w: entry %d stored as %q", ErrTampered, e.Seq, id)
			}
			entries = append(entries, e)
		}
		return nil
	})
	return entries, head, wrap("history", "", err)
}

// VerifyHistory reads the history and checks its chain with
// [VerifyHistory].
func (w *Wallet) VerifyHistory(ctx context.Context) error {
	entries, head, err := w.History(ctx)
	if err != nil {
		return err
	}
	return VerifyHistory(entries, head)
}

// VerifyHistory checks that entries form an unbroken chain ending at
// head: Seq runs 1, 2, 3, …; each Prev is the Digest of the entry before
// (zero for the first); the last entry is head. An altered, removed,
// inserted or reordered entry fails with an [*Error] wrapping
// [ErrTampered] naming the first entry that does not fit. It checks
// nothing about what the entries say.
func VerifyHistory(entries []HistoryEntry, head HistoryHead) error {
	var prev Digest
	for i, e := range entries {
		seq := uint64(i) + 1
		key := strconv.FormatUint(seq, 10)
		if e.Seq != seq {
			return errorf("history", key, "%w: entry %d has seq %d", ErrTampered, seq, e.Seq)
		}
		if e.Prev != prev {
			return errorf("history", key, "%w: entry %d does not follow entry %d", ErrTampered, seq, seq-1)
		}
		prev = e.Digest()
	}
	if head.Seq != uint64(len(entries)) || head.Digest != prev {
		return errorf("history", "", "%w: chain of %d entries does not end at head %d", ErrTampered, len(entries), head.Seq)
	}
	return nil
}
