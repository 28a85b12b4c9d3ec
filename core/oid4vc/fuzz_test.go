package oid4vc

import (
	"context"
	"net/url"
	"testing"
)

// seeds returns the URIs of the table tests, so the fuzzers start from
// every shape they know.
func offerSeeds(t testing.TB) []string {
	o := &CredentialOffer{CredentialIssuer: "https://issuer.example", CredentialConfigurationIDs: []string{"a"},
		Grants: &Grants{PreAuthorizedCode: &PreAuthorizedCodeGrant{PreAuthorizedCode: "c", TxCode: &TxCode{Length: 4}}}}
	u, _ := o.URI("")
	return []string{u, OfferRefURI("", "https://issuer.example/o/1"),
		offerURI(`{"credential_issuer":"https://a.example","credential_issuer":"https://b.example","credential_configuration_ids":["p"]}`),
		"openid-credential-offer://?credential_offer=%7B"}
}

func FuzzParseOfferURI(f *testing.F) {
	for _, s := range offerSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := ParseOfferURI(s)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		if ref.Offer == nil {
			return
		}
		// What parsed re-encodes and parses to the same offer.
		u, err := ref.Offer.URI("")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseOfferURI(u); err != nil && CodeOf(err) != CodeTooLarge {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzParseRequestURI(f *testing.F) {
	r := rpRequest()
	u, _ := r.URI("")
	f.Add(u)
	f.Add(RequestRefURI("", r.ClientID, "https://rp.example/r/1"))
	f.Add("openid4vp://?client_id=x&request_uri_method=post&request_uri=" + url.QueryEscape("https://rp.example/r"))
	f.Fuzz(func(t *testing.T, s string) {
		ref, err := ParseRequestURI(s)
		if err != nil {
			if CodeOf(err) == "" {
				t.Fatalf("error %v is not an *Error", err)
			}
			return
		}
		if ref.Request == nil {
			return
		}
		// A request that parsed can be matched without panicking.
		Match(ref.Request.DCQLQuery, wallet(t))
		u, err := ref.Request.URI("")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseRequestURI(u); err != nil && CodeOf(err) != CodeTooLarge {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzParseRequestObject(f *testing.F) {
	r := rpRequest()
	obj, _ := r.UnsecuredRequestObject()
	f.Add([]byte(obj), r.ClientID)
	f.Fuzz(func(t *testing.T, b []byte, clientID string) {
		if _, err := ParseRequestObject(b, clientID); err != nil && CodeOf(err) == "" {
			t.Fatalf("error %v is not an *Error", err)
		}
	})
}

func FuzzVerifyProofJWT(f *testing.F) {
	k := p256(f)
	tok, _ := NewProofJWT(k, "", ProofParams{Audience: testIssuer, Nonce: "n", IssuedAt: testNow})
	f.Add(tok)
	f.Fuzz(func(t *testing.T, s string) {
		_, err := VerifyProofJWT(context.Background(), s, ProofOptions{Audience: testIssuer, Now: testNow, Nonce: func(string) error { return nil }})
		if err != nil && CodeOf(err) == "" {
			t.Fatalf("error %v is not an *Error", err)
		}
	})
}
