// Package store keeps a wallet's records — credentials, holder key
// references, history and settings — encrypted in a byte [KV], so that the
// browser (IndexedDB, wasm/browser) and native code (memory, later a file)
// share one format and one set of rules.
//
// The cryptography is NIST SP 800-38D AES-256-GCM
// (https://doi.org/10.6028/NIST.SP.800-38D), RFC 8018 §5.2 PBKDF2 with
// HMAC-SHA-256 (https://www.rfc-editor.org/rfc/rfc8018#section-5.2) and,
// for passkeys, RFC 5869 HKDF-SHA-256 over the output of the WebAuthn
// PRF extension (https://www.w3.org/TR/webauthn-3/#prf-extension),
// behind interfaces ([Cipher], [KEK], [KDF], [Crypto]) so that the browser
// does it in WebCrypto with non-extractable keys and native code with the
// standard library ([StdCrypto]).
//
// Entry points: [Create] and [Unlock] give a [*Wallet]; [Wallet.Update]
// writes records atomically through a [*RecordTx]; [Wallet.Get] and
// [Wallet.List] read; [RecordTx.AppendHistory], [Wallet.History] and
// [VerifyHistory] keep a hash-chained history; [Wallet.AddPasskeySlot],
// [UnlockPasskey] and [Wallet.RemovePasskeySlot] manage passkey slots;
// [Wallet.Migrate] moves old
// wallets forward; [Wallet.Export] and [Restore] make and read a backup
// file; [MemKV] is the in-memory [KV]; [ParseEnvelope] decodes a stored
// record.
//
// # Layout in the KV
//
//	header                    JSON [Header], in clear: format, schema, wallet id, key slots
//	r/<type>/<id>             an [Envelope]: version, type, nonce, AES-GCM ciphertext
//	r/history/<seq, 20 digits> a [HistoryEntry]
//	r/meta/history-head       the [HistoryHead]
//
// One random 256-bit wallet key encrypts every record. It is stored only
// wrapped (AES-256-GCM) in the header's key slots; a passphrase slot's
// key-encryption key comes from PBKDF2-SHA-256 with a random 16-byte salt
// and [DefaultIterations] iterations.
//
// # Passkey slots
//
// A [SlotPasskey] slot wraps the same wallet key, so adding or removing
// one touches only the header. Its key-encryption key comes from a
// WebAuthn credential with the PRF extension: the browser asks the
// authenticator (user verification required) to evaluate its PRF on the
// slot's random 32-byte salt, and the 32-byte result goes through
// HKDF-SHA-256 (RFC 5869) with
//
//	IKM  = the PRF output ("results.first")
//	salt = the wallet id (Header.WalletID, 16 bytes)
//	info = "gxwallet-store/1 webauthn-prf key-encryption key" ([PasskeyKEKInfo])
//	L    = 32 bytes
//
// to an AES-256-GCM key that wraps the wallet key exactly as a passphrase
// slot's does (associated data binding the wallet id, the slot's id and
// its kind). In the browser this runs in WebCrypto (importKey "HKDF",
// deriveKey to a non-extractable key usable only to wrap and unwrap), so
// the PRF output never enters Go memory; [StdCrypto.PasskeyKEK] is the
// same construction natively. The slot stores the credential id, the
// salt and when it was added, in clear.
//
// Adding a slot asks for the passphrase again ([Wallet.AddPasskeySlot]):
// the wallet key is unwrapped from the passphrase slot as a wrappable key
// ([KEK.UnwrapWalletKey]; in the browser an extractable CryptoKey, the
// only time after creation that the key is extractable, dropped once
// wrapped), wrapped under the passkey's KEK, unwrapped again to prove the
// slot opens, and the header is written in one batch.
//
// # Backups
//
// A backup ([Wallet.Export]) is one JSON file ([BackupFormat]): the header
// with its passphrase key slot and every record exactly as stored — already
// encrypted envelopes — and a seal: AES-GCM under the wallet key of a
// SHA-256 digest over the header and every record's key and value. It
// opens with the passphrase the wallet had when it was exported, not
// with a passkey: Export leaves passkey slots out and [Restore] drops any
// it finds, because a passkey lives in the old device's authenticator;
// on a new device the holder unlocks with the passphrase and adds a
// passkey again.
// [Restore] checks, before writing anything, that the passphrase opens a
// slot, that the seal matches (a record altered, added, removed or
// swapped fails with [ErrTampered]) and that every record authenticates,
// migrates an old schema, lets the caller adjust the records, and writes
// the result in one batch into a KV without a wallet.
//
// A backup carries only what is in the KV. In the browser the holder
// private keys are non-extractable CryptoKeys outside it (wasm/browser),
// so no backup holds them and none can: the app makes a new holder key on
// restore. Credentials bound to the old key (an SD-JWT's cnf) come back
// intact but can no longer be presented with key binding; they must be
// issued again to the new key.
//
// # Security considerations
//
// What is encrypted: every record body (all claims, raw credentials,
// history contents, settings). What is not: the header (KDF parameters,
// salt, the wrapped key, the schema version, the wallet id), and for each
// record its id, type, schema version, size and existence. So someone
// reading the storage learns how many credentials, keys and history
// entries the wallet holds and roughly how big each is, and any id the
// caller chose: never put a claim value in a record id.
//
// Integrity: each record's associated data binds the wallet id, the schema
// version, its type and its id, so swapping two records, renaming one,
// changing its type, replaying it at another version or moving it from
// another wallet fails with [ErrTampered]. Deleting a whole record is not
// detected by AES-GCM; for the history the chain and the encrypted head
// detect it ([VerifyHistory]). Rolling the whole storage back to an older
// copy is not detected: nothing outside the storage remembers its state.
//
// The passphrase: PBKDF2 at 600 000 iterations (OWASP 2023) makes each
// guess cost about as much as one unlock (the e2e test logs the time in
// Chromium). A weak passphrase is still guessable offline by anyone who
// copies the storage; the UI should ask for a long one. The iteration
// count and salt are read from the header, so [Unlock] refuses counts
// below [MinIterations] (a downgrade) and above [MaxIterations] (a
// denial of service), and a wrong passphrase is told apart from damage
// only by AES-GCM failing on the wrapped key: [ErrWrongPassphrase] means
// "no slot opened", and nothing is written.
//
// Passkeys: whoever can make the authenticator evaluate the PRF on the
// slot's salt for this site (unlock the device and pass its user
// verification) can unlock the wallet, exactly as whoever knows the
// passphrase can. No assertion signature is verified (there is no
// server); the PRF output itself is the secret, and a wrong one fails
// AES-GCM ([ErrWrongPasskey]). The credential id and the salt are in
// clear: they are useless without the authenticator. Removing a slot
// does not delete the credential from the authenticator (the browser
// cannot); it only stops it opening the wallet — a copy of the storage
// taken before the removal still opens with it. An older build of this
// package refuses a header with a passkey slot as [ErrMalformed].
//
// Keys: natively ([StdCrypto]) the wallet key lives in Go memory while
// unlocked. In the browser it is a non-extractable CryptoKey: script in
// the page can use it while the wallet is unlocked, but no script — ours
// included, or an injected one — can read its bytes, so it cannot leave
// the device. [Wallet.Lock] drops it.
//
// Backup files: whoever holds one can try passphrases offline, exactly
// as against a copy of the storage (PBKDF2 at the header's work factor);
// the file says no more than the storage does (record ids, types, sizes).
//
// Atomicity: [KV.Update] applies a batch all or nothing; every wallet
// operation that writes (create, update, history, migration, restore) is one
// batch, so a crash, a full disk ([ErrQuota]) or an error in the middle
// leaves the previous state. Nonces are 96 random bits per write, safe for
// far more writes than a wallet makes (NIST's bound is 2^32 per key).
package store
