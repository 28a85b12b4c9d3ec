// Package browser binds the wallet's storage and keys to the browser:
// [IndexedDBKV] is a store.KV in IndexedDB (W3C Indexed Database API 3.0,
// https://www.w3.org/TR/IndexedDB/), [WebCrypto] and [WebCryptoCipher] are
// the store.Crypto and store.Cipher in the Web Cryptography API
// (https://www.w3.org/TR/WebCryptoAPI/, PBKDF2, AES-GCM, ECDSA), and
// [Signer] is an ECDSA P-256 holder key that signs in WebCrypto; [HolderDIDs]
// names it as did:jwk and did:key. [CreatePasskey] and [PasskeyKEK] run
// Web Authentication Level 3 (https://www.w3.org/TR/webauthn-3/) with
// the PRF extension to unlock a wallet with a passkey ([PasskeySupport]
// says whether the browser can). Writes take a Web Lock
// (https://www.w3.org/TR/web-locks/). [Code] gives the stable code of an
// error for the UI.
//
// Everything goes through github.com/hack-pad/safejs, and every promise
// or IndexedDB event is awaited from a goroutine (then + a Go channel): a
// JS callback never blocks. Methods that await must therefore not be
// called from inside a JS callback (a js.FuncOf); call them from a
// goroutine (go-app's ctx.Async, jsutil.Promise). Natively the same API
// exists and every call fails, so that packages importing this one build
// and test natively.
//
// # Security considerations
//
// Encrypted: every wallet record (core/store encrypts before bytes reach
// IndexedDB). Not encrypted: the store header (KDF parameters, salt,
// wrapped wallet key), record ids, types and sizes, and the holder key
// pairs in the "keys" object store, which are CryptoKey objects and
// protected by being non-extractable rather than by encryption.
//
// Non-extractable keys: the key-encryption key (from PBKDF2 via
// deriveKey), the session wallet key (from unwrapKey) and the holder
// private keys are created with extractable false. Script on the page —
// ours, a dependency's or an injected one — can use them while it runs,
// but cannot read their bytes, so a cross-site-scripting bug cannot copy
// the keys off the device; it can still ask them to decrypt or sign while
// the page is open. The holder private keys are usable by page script
// whether or not the wallet is unlocked (the UI gates their use, not the
// browser); wrapping them under the wallet key would close that, at the
// cost of a key that is extractable for the moment of its creation.
// For the same reason no backup holds a holder key (core/store's Export
// copies the "kv" store only): a wallet restored from a backup gets a new
// holder key, and credentials bound to the old one must be issued again. The
// wallet key is extractable only between its generation and its first
// wrapping inside store.Create; the session never holds that copy. The
// passphrase crosses into a Uint8Array for importKey and is then left to
// the garbage collector.
//
// Passkeys: the PRF output of an assertion (or of the registration,
// where the authenticator gives one) is imported straight from the
// credential's extension results into WebCrypto as an HKDF key and
// derived into a non-extractable AES-GCM key for wrapKey and unwrapKey
// (the construction is core/store's, see SlotPasskey); the JS buffer is
// zeroed after, and no byte of it is copied into Go. User verification
// is required; the relying party id is the page's effective domain (so
// the wallet's origin owns the passkey, and an IP address cannot have
// one). No attestation or assertion signature is checked: nothing
// server-side trusts them; what opens the wallet is the PRF output, and
// a wrong one fails AES-GCM. To add a passkey slot the wallet key is
// unwrapped once as an extractable CryptoKey usable only to encrypt
// (WebCrypto wraps only extractable keys), wrapped under the passkey's
// KEK and dropped. A credential made without PRF support is useless and
// stays on the authenticator ([ErrPasskeyUnsupported]); so does one
// whose slot was removed: the browser cannot delete credentials.
//
// Signing: WebCrypto hashes before signing and cannot sign a digest, so
// [Signer.Sign] refuses with [ErrPrehashed] (crypto.MessageSigner's rule)
// rather than sign SHA-256 of the digest; callers use
// [Signer.SignMessage] or [Signer.SignP1363].
//
// The Web Lock: [IndexedDBKV.Update] holds an exclusive lock named after
// the database, so two tabs' read-modify-write batches never interleave
// (one waits). It does not protect reads outside Update (each is a
// consistent snapshot of its own), nor against a tab that writes the
// database without the lock, nor against a second browser profile or
// another device. Where navigator.locks is missing there is no cross-tab
// lock: each batch is still atomic, but two tabs' read-modify-writes may
// interleave (last writer wins per key).
//
// Atomicity: a batch is one readwrite IndexedDB transaction with strict
// durability; a closed tab, a crash, a QuotaExceededError (reported as
// store.ErrQuota) or a failing request aborts it whole.
package browser
