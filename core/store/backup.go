package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// BackupFormat names the backup file layout.
const BackupFormat = "gxwallet-backup/1"

// backupFile is a backup as a file: the header and every record exactly
// as stored (the records are already AES-GCM envelopes; the header holds
// the wrapped wallet key), and a seal that authenticates the whole under
// the wallet key. JSON; []byte members are base64.
type backupFile struct {
	Format  string         `json:"format"`  // BackupFormat
	Header  []byte         `json:"header"`  // the stored header bytes
	Records []backupRecord `json:"records"` // in ascending key order
	// Nonce and Seal: AES-GCM under the wallet key of the SHA-256
	// manifest digest (see manifest) with associated data
	// BackupFormat‖wallet id. It binds the header and the set of records:
	// a record added, removed, replaced by an older copy or moved fails.
	Nonce []byte `json:"nonce"`
	Seal  []byte `json:"seal"`
}

type backupRecord struct {
	Key   string `json:"key"`   // the KV key, r/<type>/<id>
	Value []byte `json:"value"` // the stored envelope
}

// Export returns the wallet as one backup file: the header with its key
// slots and every record as stored, sealed under the wallet key. Nothing
// is decrypted or re-encrypted, so the file opens with the passphrase(s)
// the wallet had when it was exported, and only with them.
//
// It reads inside one [KV.Update] that writes nothing, so that the copy
// is consistent: another tab's write waits. It does not check that each
// record authenticates ([Restore] does).
//
// What a backup cannot hold: anything kept outside the KV, such as the
// browser's non-extractable holder keys (see the package doc), and the
// header's passkey slots ([SlotPasskey]), which it leaves out: a
// restored wallet opens with the passphrase, and a passkey is added
// again on the new device.
func (w *Wallet) Export(ctx context.Context) ([]byte, error) {
	c, hdr, err := w.state("export")
	if err != nil {
		return nil, err
	}
	var f backupFile
	err = w.kv.Update(ctx, func(tx Tx) error {
		hb, err := tx.Get(headerKey)
		if err != nil {
			return err
		}
		// A passkey opens this wallet on this device's authenticator
		// only; the backup leaves its slot out (see the package doc).
		if hb, err = withoutPasskeys(hb); err != nil {
			return err
		}
		keys, err := tx.List(recordPrefix)
		if err != nil {
			return err
		}
		f = backupFile{Format: BackupFormat, Header: hb, Records: make([]backupRecord, 0, len(keys))}
		for _, k := range keys {
			v, err := tx.Get(k)
			if err != nil {
				return err
			}
			f.Records = append(f.Records, backupRecord{Key: k, Value: v})
		}
		return nil
	})
	if err != nil {
		return nil, wrap("export", "", err)
	}
	if len(f.Records) > MaxBackupRecords {
		return nil, errorf("export", "", "%w: %d records", ErrMalformed, len(f.Records))
	}
	f.Nonce = random(NonceSize)
	d := f.manifest()
	if f.Seal, err = c.Seal(ctx, f.Nonce, d[:], backupAD(hdr.WalletID)); err != nil {
		return nil, wrap("export", "", err)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return nil, wrap("export", "", err)
	}
	if len(b) > MaxBackupBytes {
		return nil, errorf("export", "", "%w: backup of %d bytes", ErrMalformed, len(b))
	}
	return b, nil
}

// manifest is the SHA-256 of the format, the header and each record's
// key and value, each length-prefixed, in the file's order.
func (f *backupFile) manifest() [sha256.Size]byte {
	h := sha256.New()
	put := func(b []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	put([]byte(f.Format))
	put(f.Header)
	for _, r := range f.Records {
		put([]byte(r.Key))
		put(r.Value)
	}
	var d [sha256.Size]byte
	h.Sum(d[:0])
	return d
}

func backupAD(walletID []byte) []byte {
	return append([]byte(BackupFormat+"\x00"), walletID...)
}

// parseBackup decodes a backup file strictly and checks its shape: the
// header, record keys (valid, unique, ascending), sizes and envelopes. It
// authenticates nothing.
func parseBackup(b []byte) (*backupFile, Header, error) {
	var f backupFile
	if len(b) > MaxBackupBytes {
		return nil, Header{}, errorf("backup", "", "%w: file of %d bytes", ErrMalformed, len(b))
	}
	if err := strictjson.Check(b, maxJSONDepth); err != nil {
		return nil, Header{}, errorf("backup", "", "%w: not a backup file: %w", ErrMalformed, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, Header{}, errorf("backup", "", "%w: not a backup file: %w", ErrMalformed, err)
	}
	if f.Format != BackupFormat {
		return nil, Header{}, errorf("backup", "", "%w: format %q", ErrMalformed, trunc(f.Format))
	}
	hdr, err := parseHeader(f.Header)
	if err != nil {
		return nil, Header{}, err
	}
	if len(f.Records) > MaxBackupRecords || len(f.Nonce) != NonceSize || len(f.Seal) != sha256.Size+TagSize {
		return nil, Header{}, errorf("backup", "", "%w: records or seal out of range", ErrMalformed)
	}
	prev := ""
	for _, r := range f.Records {
		if _, _, ok := splitRecordKey(r.Key); !ok || r.Key <= prev {
			return nil, Header{}, errorf("backup", r.Key, "%w: record key out of place", ErrTampered)
		}
		prev = r.Key
		if len(r.Value) > MaxRecordBytes {
			return nil, Header{}, errorf("backup", r.Key, "%w: record of %d bytes", ErrMalformed, len(r.Value))
		}
	}
	return &f, hdr, nil
}

// Restore writes the wallet in the backup file b into kv, which must hold
// no wallet, and returns it unlocked. In order, and before kv is touched:
//
//  1. the file is decoded strictly ([ErrMalformed] if it is not a backup);
//  2. passphrase must open one of the header's key slots
//     ([ErrWrongPassphrase]; an altered salt or wrapped key looks the
//     same, since the header is not authenticated as a whole);
//  3. the seal must authenticate the header and the exact set of records
//     under the wallet key, and every record must authenticate as its
//     type and id ([ErrTampered]);
//  4. passkey slots, if any, are dropped (a passkey stays with the old
//     device's authenticator);
//  5. an older schema is migrated forward, as [Unlock] does;
//  6. fn, if not nil, runs in a batch over the restored records (the
//     caller replaces what the backup could not carry, such as the holder
//     key reference, and notes the restore in the history); its error
//     stops the restore.
//
// Then everything is written to kv in ONE [KV.Update], which fails with
// [ErrExists] (writing nothing) if kv holds a wallet header by then, and
// removes stray records of no wallet. Any error leaves kv as it was.
func Restore(ctx context.Context, kv KV, cr Crypto, passphrase []byte, b []byte, fn func(tx *RecordTx) error) (*Wallet, error) {
	f, hdr, err := parseBackup(b)
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	if ok, err := Exists(ctx, kv); err != nil {
		return nil, wrap("restore", "", err)
	} else if ok {
		return nil, &Error{Op: "restore", Err: ErrExists}
	}
	c, err := openSlots(ctx, cr, hdr, passphrase)
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	d := f.manifest()
	sealed, err := c.Open(ctx, f.Nonce, f.Seal, backupAD(hdr.WalletID))
	if errors.Is(err, ErrDecrypt) || (err == nil && !bytes.Equal(sealed, d[:])) {
		return nil, errorf("restore", "", "%w: the backup's seal does not match its contents", ErrTampered)
	}
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	for _, r := range f.Records {
		typ, id, _ := splitRecordKey(r.Key)
		if _, err := openRecord(ctx, c, hdr, typ, id, r.Value); err != nil {
			return nil, wrap("restore", r.Key, err)
		}
	}

	// A backup carries no passkey slot (Export leaves them out); one
	// that does, made by another build, has them dropped: the passkey
	// belongs to the old device.
	if hb, err := withoutPasskeys(f.Header); err != nil {
		return nil, wrap("restore", "", err)
	} else if !bytes.Equal(hb, f.Header) {
		f.Header = hb
		if hdr, err = parseHeader(hb); err != nil {
			return nil, wrap("restore", "", err)
		}
	}

	// Stage the restored wallet in memory: migration and fn run there, so
	// that kv sees one batch only.
	mem := new(MemKV)
	err = mem.Update(ctx, func(tx Tx) error {
		if err := tx.Put(headerKey, f.Header); err != nil {
			return err
		}
		for _, r := range f.Records {
			if err := tx.Put(r.Key, r.Value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	staged := &Wallet{kv: mem, c: c, hdr: hdr}
	if hdr.Schema != SchemaVersion {
		if err := staged.Migrate(ctx); err != nil {
			return nil, err
		}
	}
	if fn != nil {
		if err := staged.Update(ctx, fn); err != nil {
			return nil, wrap("restore", "", err)
		}
	}
	keys, err := mem.List(ctx, "")
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	vals := make([][]byte, len(keys))
	for i, k := range keys {
		if vals[i], err = mem.Get(ctx, k); err != nil {
			return nil, wrap("restore", "", err)
		}
	}
	err = kv.Update(ctx, func(tx Tx) error {
		if _, err := tx.Get(headerKey); err == nil {
			return &Error{Op: "restore", Err: ErrExists}
		} else if !errors.Is(err, ErrNotExist) {
			return err
		}
		stray, err := tx.List(recordPrefix)
		if err != nil {
			return err
		}
		for _, k := range stray {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		for i, k := range keys {
			if err := tx.Put(k, vals[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, wrap("restore", "", err)
	}
	return &Wallet{kv: kv, c: c, hdr: staged.Header()}, nil
}

// openSlots returns the Cipher of the first passphrase slot of hdr that
// passphrase opens, or ErrWrongPassphrase.
func openSlots(ctx context.Context, cr Crypto, hdr Header, passphrase []byte) (Cipher, error) {
	for _, s := range hdr.Slots {
		if s.Kind != SlotPassphrase || s.KDF == nil {
			continue
		}
		if err := s.KDF.check(minIterations); err != nil {
			return nil, wrap("unlock", s.ID, err)
		}
		kek, err := cr.DeriveKEK(ctx, passphrase, *s.KDF)
		if err != nil {
			return nil, wrap("unlock", s.ID, err)
		}
		c, err := kek.Unwrap(ctx, s.Nonce, s.Wrapped, slotAD(hdr.WalletID, s))
		if errors.Is(err, ErrDecrypt) {
			continue
		}
		if err != nil {
			return nil, wrap("unlock", s.ID, err)
		}
		return c, nil
	}
	return nil, &Error{Op: "unlock", Err: ErrWrongPassphrase}
}
