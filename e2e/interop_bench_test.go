package e2e

import (
	"crypto/ecdsa"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/status"
)

// TestExportBenchInputs writes the inputs of e2e/node/bench.mjs to the file
// named by GXWALLET_BENCH_INPUTS (scripts/bench-node.sh sets it), made the
// way the Go benchmarks make theirs so both stacks measure the same work:
//
//   - vcjwt: core/verify BenchmarkVerifyES256's credential (VC DM 2.0,
//     did:web issuer, ES256);
//   - jws2020: core/di BenchmarkVerifyJWS2020PS256's Tagus
//     LegalParticipant (PS256, Gaia-X construction) and its key;
//   - bitstring: core/status BenchmarkBitstringDecodeLookup's list
//     (131 072 entries, every 97th set) and index;
//   - sdjwt: core/sdjwt BenchmarkVerifyPresentationKB's SD-JWT VC (ten
//     Disclosures, two decoys) and a presentation of five with a KB-JWT,
//     plus the holder key for the presentations-per-second measurement.
func TestExportBenchInputs(t *testing.T) {
	out := os.Getenv("GXWALLET_BENCH_INPUTS")
	if out == "" {
		t.Skip("GXWALLET_BENCH_INPUTS not set (scripts/bench-node.sh)")
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	in := map[string]any{"now": now.Format(time.RFC3339)}

	// vc+jwt ES256.
	{
		const did, kid = "did:web:bench-ES256.example", "did:web:bench-ES256.example#key-1"
		key := newKey(t, "ES256")
		payload, _ := json.Marshal(map[string]any{
			"@context": []any{"https://www.w3.org/ns/credentials/v2"}, "id": "urn:uuid:7e1f3c1a-0000-4000-8000-000000000001",
			"type": []any{"VerifiableCredential", "gx:NaturalPersonPartyCredential"}, "issuer": did,
			"validFrom": "2026-01-01T00:00:00Z", "validUntil": "2027-01-01T00:00:00Z",
			"credentialSubject": map[string]any{"id": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", "gx:givenName": "Ada", "gx:surname": "Lovelace"},
		})
		tok, err := jose.Sign(payload, "ES256", key, map[string]any{"typ": "vc+jwt", "kid": kid})
		if err != nil {
			t.Fatal(err)
		}
		in["vcjwt"] = map[string]any{"token": tok, "issuer": did, "kid": kid,
			"didDoc": json.RawMessage(issuerDoc(t, did, map[string]json.RawMessage{"key-1": publicJWK(t, key.Public())}))}
	}

	// JsonWebSignature2020 PS256, Gaia-X construction.
	{
		vp := readJSON(t, "core/di/testdata/tagus-2210/fixtures/participant-vp.json")
		vc := vp["verifiableCredential"].([]any)[1].(map[string]any)
		didDoc := readJSON(t, "core/di/testdata/tagus-2210/derived-did/did-wizard-f41f7479c617.json")
		vm := vc["proof"].(map[string]any)["verificationMethod"].(string)
		var jwk any
		for _, m := range didDoc["verificationMethod"].([]any) {
			if m := m.(map[string]any); m["id"] == vm {
				jwk = m["publicKeyJwk"]
			}
		}
		if jwk == nil {
			t.Fatalf("no method %s in the wizard DID document", vm)
		}
		in["jws2020"] = map[string]any{"doc": vc, "jwk": jwk, "alg": "PS256"}
	}

	// Bitstring Status List, 131 072 entries.
	{
		bs, err := status.NewBitstring(status.DefaultMinEntries, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i := uint64(0); i < status.DefaultMinEntries; i += 97 {
			bs.Set(i, 1)
		}
		enc, err := bs.Encode()
		if err != nil {
			t.Fatal(err)
		}
		in["bitstring"] = map[string]any{"encodedList": enc, "index": 97 * 975, "entries": status.DefaultMinEntries}
	}

	// SD-JWT VC with KB.
	{
		issuer, holder := newKey(t, "ES256"), newKey(t, "ES256").(*ecdsa.PrivateKey)
		claims := map[string]any{
			"iss": "https://issuer.example", "vct": "https://credentials.example/person",
			"iat": now.Add(-time.Hour).Unix(), "exp": now.Add(24 * time.Hour).Unix(),
			"given_name": "Erika", "family_name": "Mustermann", "email": "erika@example.com", "birthdate": "1964-08-12",
			"address":       map[string]any{"street_address": "Heidestraße 17", "locality": "Köln", "country": "DE"},
			"nationalities": []any{"DE", "FR"}, "phone_number": "+49 221 123456",
		}
		policy := sdjwt.Policy{Disclosable: [][]any{
			{"given_name"}, {"family_name"}, {"email"}, {"birthdate"},
			{"address"}, {"address", "street_address"}, {"address", "locality"},
			{"nationalities", 0}, {"nationalities", 1}, {"phone_number"},
		}, Decoys: 2}
		issued, err := sdjwt.Issue(claims, policy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holder.Public())
		if err != nil {
			t.Fatal(err)
		}
		s, err := sdjwt.Parse(issued)
		if err != nil {
			t.Fatal(err)
		}
		const nonce, aud = "bench-nonce-1234", "https://verifier.example"
		pres, err := s.Present([][]any{{"given_name"}, {"family_name"}, {"address", "locality"}, {"nationalities", 0}},
			&sdjwt.KBOptions{Signer: holder, Nonce: nonce, Aud: aud, IAT: now})
		if err != nil {
			t.Fatal(err)
		}
		in["sdjwt"] = map[string]any{
			"issued": issued, "presentation": pres, "nonce": nonce, "aud": aud,
			"issuerJwk": json.RawMessage(publicJWK(t, issuer.Public())), "holderPrivateJwk": ecPrivateJWK(t, holder),
			"frame": map[string]any{"given_name": true, "family_name": true, "address": map[string]any{"locality": true}, "nationalities": map[string]any{"0": true}},
		}
	}

	b, err := json.MarshalIndent(in, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("bench inputs written to %s", out)
}
