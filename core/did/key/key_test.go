package key_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/did/internal/multikey"
	"github.com/gxwallet/gxwallet/core/did/key"
	"github.com/gxwallet/gxwallet/core/jose"
)

func bytesReader(b []byte) io.Reader { return bytes.NewReader(b) }

type equaler interface{ Equal(crypto.PublicKey) bool }

func TestVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector) {
		d, err := did.Parse(v.DID)
		if err != nil {
			t.Fatalf("did.Parse: %v", err)
		}
		pub, err := key.Decode(d)
		switch v.Expect {
		case "invalidDid", "invalidDid:unsupported":
			if err == nil {
				t.Fatalf("Decode succeeded, want %s", v.Expect)
			}
			var de *did.Error
			if !errors.As(err, &de) || de.Code != did.CodeInvalidDID {
				t.Fatalf("Decode error %v (%T), want code %s", err, err, did.CodeInvalidDID)
			}
			if unsup := errors.Is(err, did.ErrUnsupportedKeyType); unsup != (v.Expect == "invalidDid:unsupported") {
				t.Fatalf("errors.Is(err, ErrUnsupportedKeyType) = %v for expect %s: %v", unsup, v.Expect, err)
			}
			if _, err := (key.Resolver{}).Resolve(context.Background(), d); did.ErrorCode(err) != did.CodeInvalidDID {
				t.Fatalf("Resolve error %v, want %s", err, did.CodeInvalidDID)
			}
			return
		}
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		var want crypto.PublicKey
		switch {
		case v.PublicKeyBase58 != "":
			raw, err := multikey.DecodeBase58(v.PublicKeyBase58)
			if err != nil {
				t.Fatal(err)
			}
			want = ed25519.PublicKey(raw)
			seed, err := hex.DecodeString(v.Seed)
			if err != nil {
				t.Fatal(err)
			}
			if fromSeed := ed25519.NewKeyFromSeed(seed).Public(); !pub.(equaler).Equal(fromSeed) {
				t.Errorf("key is not the one derived from the seed")
			}
		case len(v.PublicKeyJwk) > 0:
			want, err = jose.ParsePublicJWK(v.PublicKeyJwk)
			if err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatal("vector has no key")
		}
		if !pub.(equaler).Equal(want) {
			t.Fatalf("Decode = %v, want %v", pub, want)
		}
		// Encoding the key gives back the same DID.
		again, err := key.Encode(pub)
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		if again.String() != v.DID {
			t.Fatalf("Encode = %s, want %s", again, v.DID)
		}
		checkDocument(t, d, want)
	})
}

// checkDocument resolves d and checks the document's shape and key.
func checkDocument(t *testing.T, d did.DID, want crypto.PublicKey) {
	t.Helper()
	doc, err := (key.Resolver{}).Resolve(context.Background(), d)
	if err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	vmID := d.String() + "#" + d.ID
	if doc.ID != d.String() || len(doc.VerificationMethod) != 1 {
		t.Fatalf("document id %q with %d methods", doc.ID, len(doc.VerificationMethod))
	}
	vm := doc.VerificationMethod[0]
	if diff := cmp.Diff([]string{vmID, "JsonWebKey2020", d.String()}, []string{vm.ID, vm.Type, vm.Controller}); diff != "" {
		t.Errorf("method (-want +got):\n%s", diff)
	}
	for _, rel := range []string{did.RelAuthentication, did.RelAssertionMethod, did.RelCapabilityInvocation, did.RelCapabilityDelegation} {
		got, err := doc.Method("#"+d.ID, rel)
		if err != nil {
			t.Fatalf("Method(%s): %v", rel, err)
		}
		pub, err := got.PublicKey()
		if err != nil {
			t.Fatalf("PublicKey: %v", err)
		}
		if !pub.(equaler).Equal(want) {
			t.Fatalf("document key differs from the DID's key")
		}
	}
	if _, err := doc.Method(vmID, did.RelKeyAgreement); !errors.Is(err, did.ErrNotInRelationship) {
		t.Errorf("Method(keyAgreement) error %v, want ErrNotInRelationship", err)
	}
	// The document survives a JSON round trip through ParseDocument.
	b, err := jsonMarshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	back, err := did.ParseDocument(b)
	if err != nil {
		t.Fatalf("ParseDocument(marshalled document): %v\n%s", err, b)
	}
	if diff := cmp.Diff(doc, back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestRoundTrip(t *testing.T) {
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	p256, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsa2048, _ := rsa.GenerateKey(rand.Reader, 2048)
	for _, tc := range []struct {
		name   string
		pub    crypto.PublicKey
		prefix string
	}{
		{"ed25519", edPub, "z6Mk"},
		{"p256", &p256.PublicKey, "zDn"},
		{"p384", &p384.PublicKey, "z82"},
		{"rsa2048", &rsa2048.PublicKey, "z4MX"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := key.Encode(tc.pub)
			if err != nil {
				t.Fatalf("Encode: %v", err)
			}
			if !strings.HasPrefix(d.ID, tc.prefix) {
				t.Errorf("did:key %s does not start with %s", d, tc.prefix)
			}
			parsed, err := did.Parse(d.String())
			if err != nil || parsed != d {
				t.Fatalf("did.Parse(%s) = %v, %v", d, parsed, err)
			}
			got, err := key.Decode(d)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if !got.(equaler).Equal(tc.pub) {
				t.Fatal("Decode(Encode(pub)) != pub")
			}
			checkDocument(t, d, tc.pub)
		})
	}
}

func TestEncodeRefuses(t *testing.T) {
	p521, _ := ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	rsa1024, _ := rsa.GenerateKey(rand.Reader, 1024)
	for name, pub := range map[string]crypto.PublicKey{
		"p521":       &p521.PublicKey,
		"rsa1024":    &rsa1024.PublicKey,
		"nil":        nil,
		"nil ecdsa":  (*ecdsa.PublicKey)(nil),
		"nil rsa":    (*rsa.PublicKey)(nil),
		"short ed":   ed25519.PublicKey{1, 2, 3},
		"wrong type": "key",
	} {
		if d, err := key.Encode(pub); did.ErrorCode(err) != did.CodeInvalidDID {
			t.Errorf("Encode(%s) = %v, %v; want %s", name, d, err, did.CodeInvalidDID)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	ed := "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
	for _, tc := range []struct {
		name string
		d    did.DID
		code string
	}{
		{"other method", did.DID{Method: "web", ID: "example.com"}, did.CodeMethodNotSupported},
		{"no multibase z", did.DID{Method: "key", ID: "u" + ed[1:]}, did.CodeInvalidDID},
		{"bad base58 char", did.DID{Method: "key", ID: ed[:10] + "0" + ed[11:]}, did.CodeInvalidDID},
		{"truncated", did.DID{Method: "key", ID: ed[:20]}, did.CodeInvalidDID},
		{"extra", did.DID{Method: "key", ID: ed + "1"}, did.CodeInvalidDID},
		{"empty", did.DID{Method: "key", ID: "z"}, did.CodeInvalidDID},
		{"too long", did.DID{Method: "key", ID: "z" + strings.Repeat("2", 5000)}, did.CodeInvalidDID},
		{"non-minimal varint", did.DID{Method: "key", ID: "z" + multikey.EncodeBase58(append([]byte{0xed, 0x81, 0x00}, make([]byte, 32)...))}, did.CodeInvalidDID},
		{"p256 uncompressed", did.DID{Method: "key", ID: "z" + multikey.EncodeBase58(append([]byte{0x80, 0x24, 0x04}, make([]byte, 64)...))}, did.CodeInvalidDID},
		{"p256 off curve", did.DID{Method: "key", ID: "z" + multikey.EncodeBase58(append([]byte{0x80, 0x24, 0x02}, bytes.Repeat([]byte{0xff}, 32)...))}, did.CodeInvalidDID},
		{"rsa garbage", did.DID{Method: "key", ID: "z" + multikey.EncodeBase58([]byte{0x85, 0x24, 0x30, 0x03, 0x02, 0x01, 0x01})}, did.CodeInvalidDID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := key.Decode(tc.d)
			var de *did.Error
			if !errors.As(err, &de) || de.Code != tc.code {
				t.Fatalf("Decode error %v, want code %s", err, tc.code)
			}
			if !strings.HasPrefix(err.Error(), "did: ") {
				t.Errorf("message %q lacks the did: prefix", err)
			}
		})
	}
}

func FuzzDecodeKey(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(v.DID)
	}
	f.Add("did:key:z")
	f.Add("did:key:z6Mk")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := did.Parse(s)
		if err != nil {
			d = did.DID{Method: "key", ID: s}
		}
		pub, err := key.Decode(d)
		if err != nil {
			var de *did.Error
			if !errors.As(err, &de) {
				t.Fatalf("error %v is %T, not *did.Error", err, err)
			}
			return
		}
		// A key that decodes re-encodes to the same identifier.
		again, err := key.Encode(pub)
		if err != nil {
			t.Fatalf("Encode of a decoded key: %v", err)
		}
		if again != d {
			t.Fatalf("Encode(Decode(%q)) = %q", d.ID, again.ID)
		}
	})
}

func ExampleEncode() {
	seed := make([]byte, ed25519.SeedSize) // all zero: did:key test vector
	pub := ed25519.NewKeyFromSeed(seed).Public()
	d, err := key.Encode(pub)
	if err != nil {
		panic(err)
	}
	fmt.Println(d)
	// Output: did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp
}
