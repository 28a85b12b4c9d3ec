package jose

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/json"
	"sync"

	"github.com/lestrrat-go/jwx/v2/jwk"

	"github.com/gxwallet/gxwallet/core/internal/strictjson"
)

// MaxJWKBytes bounds one JWK: an RSA-8192 public key is about 1.5 KiB, and
// an x5c chain of three certificates fits in 16 KiB.
const MaxJWKBytes = 32 << 10

// ParsePublicJWK parses a public JSON Web Key (RFC 7517) into an
// *ecdsa.PublicKey (P-256, P-384, P-521), ed25519.PublicKey or
// *rsa.PublicKey. A JWK that carries private material ("d", "p", "q", "k")
// is refused: a public document must not hold private keys. It does not
// check the key's "use", "key_ops" or "alg" members; see [AlgAllowed].
func ParsePublicJWK(b []byte) (crypto.PublicKey, error) {
	if k, ok := publicKeys.get(b); ok {
		return k, nil
	}
	k, err := parsePublicJWK(b)
	if err == nil {
		publicKeys.put(b, k)
	}
	return k, err
}

func parsePublicJWK(b []byte) (crypto.PublicKey, error) {
	if len(b) > MaxJWKBytes {
		return nil, errorf(CodeBadKey, "jwk too large (%d bytes)", len(b))
	}
	var members map[string]json.RawMessage
	if err := strictjson.Unmarshal(b, &members, 8); err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	for _, priv := range []string{"d", "p", "q", "dp", "dq", "qi", "k"} {
		if _, ok := members[priv]; ok {
			return nil, errorf(CodeBadKey, "jwk holds private or symmetric key material (%q)", priv)
		}
	}
	k, err := jwk.ParseKey(b)
	if err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	var raw any
	if err := k.Raw(&raw); err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	switch pk := raw.(type) {
	case *ecdsa.PublicKey, ed25519.PublicKey:
		return pk, nil
	case *rsa.PublicKey:
		if pk.N.BitLen() < MinRSABits {
			return nil, errorf(CodeBadKey, "rsa key of %d bits is below %d", pk.N.BitLen(), MinRSABits)
		}
		return pk, nil
	default:
		return nil, errorf(CodeBadKey, "unsupported key type %T", raw)
	}
}

// PublicJWK encodes a public key as a JWK with only the public members.
func PublicJWK(pub crypto.PublicKey) ([]byte, error) {
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if k == nil {
			return nil, errorf(CodeBadKey, "nil key")
		}
	case *rsa.PublicKey:
		if k == nil {
			return nil, errorf(CodeBadKey, "nil key")
		}
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return nil, errorf(CodeBadKey, "ed25519 key of %d bytes", len(k))
		}
	default:
		return nil, errorf(CodeBadKey, "unsupported key type %T", pub)
	}
	k, err := jwk.FromRaw(pub)
	if err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	return json.Marshal(k)
}

// MinRSABits is the smallest RSA modulus accepted (RFC 7518 §3.3, §3.5).
const MinRSABits = 2048

// ParsePrivateJWK parses a private JWK (EC, OKP Ed25519 or RSA) into a
// crypto.Signer, for the issuing side of the CLI and tests. Symmetric keys
// are refused. The caller must keep the bytes secret.
func ParsePrivateJWK(b []byte) (crypto.Signer, error) {
	if len(b) > MaxJWKBytes {
		return nil, errorf(CodeBadKey, "jwk too large (%d bytes)", len(b))
	}
	if err := strictjson.Check(b, 8); err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	k, err := jwk.ParseKey(b)
	if err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	var raw any
	if err := k.Raw(&raw); err != nil {
		return nil, errorf(CodeBadKey, "jwk: %w", err)
	}
	switch pk := raw.(type) {
	case *ecdsa.PrivateKey:
		return pk, nil
	case ed25519.PrivateKey:
		return pk, nil
	case *rsa.PrivateKey:
		if pk.N.BitLen() < MinRSABits {
			return nil, errorf(CodeBadKey, "rsa key of %d bits is below %d", pk.N.BitLen(), MinRSABits)
		}
		return pk, nil
	}
	return nil, errorf(CodeBadKey, "jwk is not a private signing key (%T)", raw)
}

// publicKeys remembers parsed public JWKs: a verifier sees the same issuer
// keys over and over, and parsing one costs more than a hash lookup.
// Public keys are immutable values, so sharing them is safe.
var publicKeys = &keyCache{m: map[string]crypto.PublicKey{}}

// keyCacheSize bounds the cache; when full it starts over.
const keyCacheSize = 512

type keyCache struct {
	mu sync.Mutex
	m  map[string]crypto.PublicKey
}

func (c *keyCache) get(b []byte) (crypto.PublicKey, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.m[string(b)]
	return k, ok
}

func (c *keyCache) put(b []byte, k crypto.PublicKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= keyCacheSize {
		clear(c.m)
	}
	c.m[string(b)] = k
}
