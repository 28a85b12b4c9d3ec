package store

// Named limits (the model is tailscale tka/limits.go). Each bounds either
// work an attacker who can edit storage could force on unlock, or bytes
// read back from storage.
const (
	// DefaultIterations is the PBKDF2-SHA-256 work factor of a new key
	// slot: OWASP's 2023 recommendation for PBKDF2-HMAC-SHA-256.
	DefaultIterations = 600_000

	// MinIterations is the least a slot may use; a header asking for
	// fewer is refused rather than accepted as a downgrade.
	MinIterations = 600_000

	// MaxIterations bounds the work a header can ask of unlock: about
	// 2 s in Chromium's WebCrypto, where 600 000 take 110–130 ms
	// (e2e/store_test.go logs it), and seconds natively.
	MaxIterations = 10_000_000

	// SaltSize is the size of a new KDF salt (RFC 8018 §4.1 asks for at
	// least 8 bytes; 16 is NIST SP 800-132's minimum).
	SaltSize    = 16
	maxSaltSize = 64

	// NonceSize is the AES-GCM nonce size; TagSize its tag.
	NonceSize = 12
	TagSize   = 16

	// KeySize is the wallet key size (AES-256).
	KeySize = 32

	// MaxRecordBytes bounds one stored envelope: credentials are at most
	// a few tens of KiB, and this leaves room for a large x5c chain.
	MaxRecordBytes = 1 << 20

	// MaxHeaderBytes bounds the wallet header (a few key slots).
	MaxHeaderBytes = 64 << 10

	// MaxIDBytes bounds a record id; ids are visible in storage.
	MaxIDBytes = 256

	// MaxBackupBytes bounds a backup file read by Restore: a wallet of
	// a few hundred credentials and a long history is a few MiB.
	MaxBackupBytes = 64 << 20

	// MaxBackupRecords bounds the records of one backup.
	MaxBackupRecords = 100_000

	// PasskeySaltSize is the size of a passkey slot's PRF input
	// (PasskeyParams.Salt): 32 random bytes, as the PRF extension's
	// examples use; the browser hashes it before the authenticator sees it.
	PasskeySaltSize = 32

	// PRFOutputSize is the size of a PRF output (hmac-secret's
	// HMAC-SHA-256).
	PRFOutputSize = 32

	// MinCredentialIDBytes and MaxCredentialIDBytes bound a passkey's
	// credential id: WebAuthn Level 3 §4 (Credential ID) asks for at
	// least 16 bytes of it and relying parties refuse more than 1023.
	MinCredentialIDBytes = 16
	MaxCredentialIDBytes = 1023

	// maxSlotIDBytes bounds a key slot's id.
	maxSlotIDBytes = 64

	// maxSlots bounds the key slots of a header (passphrase, passkeys).
	maxSlots = 16

	// maxJSONDepth bounds nesting in a header or record body.
	maxJSONDepth = 32
)

// minIterations is MinIterations; tests lower it (testOnly) so that
// creating a wallet per test stays fast. Production code never changes it.
var minIterations = MinIterations
