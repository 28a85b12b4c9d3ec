package store

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"
)

// Type is a record type. It is stored in clear (in the KV key and the
// envelope) and bound into the record's associated data.
type Type string

// The record types.
const (
	TypeCredential Type = "credential" // a [Credential]
	TypeKey        Type = "key"        // a [KeyRef]
	TypeHistory    Type = "history"    // a [HistoryEntry]; written only by [RecordTx.AppendHistory]
	TypeSettings   Type = "settings"   // the [Settings], id [SettingsID]
	typeMeta       Type = "meta"       // internal: the history head
)

func (t Type) valid() bool {
	if len(t) == 0 || len(t) > 32 {
		return false
	}
	for _, c := range []byte(t) {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// writable reports whether callers may Put and Delete records of t
// directly; history and meta change only through AppendHistory, which
// keeps the chain.
func (t Type) writable() bool {
	return t == TypeCredential || t == TypeKey || t == TypeSettings
}

// recordPrefix is the KV key prefix of all records.
const recordPrefix = "r/"

func recordKey(t Type, id string) string { return recordPrefix + string(t) + "/" + id }

// splitRecordKey is the inverse of recordKey.
func splitRecordKey(k string) (Type, string, bool) {
	rest, ok := strings.CutPrefix(k, recordPrefix)
	if !ok {
		return "", "", false
	}
	t, id, ok := strings.Cut(rest, "/")
	return Type(t), id, ok && Type(t).valid() && checkID(id) == nil
}

// checkID refuses ids that are empty, too long, not UTF-8 or hold
// control characters. Ids are visible in storage: never put a claim in one.
func checkID(id string) error {
	if id == "" || len(id) > MaxIDBytes || !utf8.ValidString(id) {
		return errorf("id", "", "%w: record id of %d bytes", ErrMalformed, len(id))
	}
	for _, r := range id {
		if r < 0x20 || r == 0x7f {
			return errorf("id", "", "%w: control character in record id", ErrMalformed)
		}
	}
	return nil
}

// Credential is a credential as received (TypeCredential). Its id is
// chosen by the caller; use a random or hash id, not the credential's own
// id, which may be a claim.
type Credential struct {
	Format string    `json:"format"`          // "vc+sd-jwt", "dc+sd-jwt", "vc+jwt", "ldp_vc"
	Raw    string    `json:"raw"`             // the credential exactly as received
	Added  time.Time `json:"added"`           // when it was imported (an input, not read from a clock here)
	Label  string    `json:"label,omitempty"` // the holder's own name for it
}

// KeyRef is a holder key (TypeKey): where its private half lives and its
// public half. The private key itself is never in a record: in the
// browser it is a non-extractable CryptoKey in IndexedDB, named by Handle.
type KeyRef struct {
	Alg       string          `json:"alg"`       // "ES256"
	Handle    string          `json:"handle"`    // the key's id in its key store
	PublicJWK json.RawMessage `json:"publicJwk"` // public members only
	DID       string          `json:"did"`       // did:jwk or did:key of the public key
	Created   time.Time       `json:"created"`
}

// Settings are the holder's preferences (TypeSettings, id SettingsID).
type Settings struct {
	Language string `json:"language,omitempty"` // BCP 47; empty: the browser's
	// LockAfterSeconds is the idle time after which the UI locks the
	// wallet. Added in schema 2 (see migrateV1toV2Settings).
	LockAfterSeconds int `json:"lockAfterSeconds"`
}

// SettingsID is the id of the one Settings record.
const SettingsID = "settings"

// DefaultLockAfterSeconds is LockAfterSeconds when nothing was set.
const DefaultLockAfterSeconds = 300

// DefaultSettings are the settings of a wallet that stored none.
func DefaultSettings() Settings { return Settings{LockAfterSeconds: DefaultLockAfterSeconds} }
