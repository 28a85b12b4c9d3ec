package sdjwt_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/gxwallet/gxwallet/core/sdjwt"
)

// Example issues an SD-JWT VC, lists what the holder may disclose,
// presents one claim with Key Binding and verifies the presentation.
func Example() {
	issuerKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	holderKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Date(2026, 11, 22, 4, 40, 0, 0, time.UTC)

	// Issuer.
	cred, err := sdjwt.Issue(map[string]any{
		"vct":         "https://credentials.example/employee",
		"given_name":  "Erika",
		"family_name": "Mustermann",
		"roles":       []any{"buyer", "approver"},
	}, sdjwt.Policy{
		Disclosable: [][]any{{"given_name"}, {"family_name"}, {"roles", 0}, {"roles", 1}},
		Decoys:      2,
	}, issuerKey, "ES256", map[string]any{"typ": "dc+sd-jwt"}, holderKey.Public())
	if err != nil {
		panic(err)
	}

	// Holder: the consent screen, then the presentation.
	s, err := sdjwt.Parse(cred)
	if err != nil {
		panic(err)
	}
	claims, _ := s.Disclosable()
	for _, c := range claims {
		fmt.Println("disclosable:", c.Path, c.Value)
	}
	pres, err := s.Present([][]any{{"roles", 1}}, &sdjwt.KBOptions{
		Signer: holderKey, Nonce: "n-0S6_WzA2Mj", Aud: "https://rp.example", IAT: now,
	})
	if err != nil {
		panic(err)
	}

	// Verifier.
	r, err := sdjwt.Verify(context.Background(), pres, sdjwt.Options{
		Now: now, IssuerKey: issuerKey.Public(),
		Nonce: "n-0S6_WzA2Mj", Aud: "https://rp.example",
	})
	if err != nil {
		fmt.Println(sdjwt.CodeOf(err))
		return
	}
	fmt.Println(r.Profile, r.Claims["vct"], r.Claims["roles"], r.Claims["given_name"])
	for _, c := range r.Disclosed {
		fmt.Println("disclosed:", c.Path)
	}

	// Replaying the presentation to another verifier fails.
	_, err = sdjwt.Verify(context.Background(), pres, sdjwt.Options{
		Now: now, IssuerKey: issuerKey.Public(),
		Nonce: "other-nonce", Aud: "https://rp.example",
	})
	fmt.Println(sdjwt.CodeOf(err))
	// Output:
	// disclosable: [family_name] Mustermann
	// disclosable: [given_name] Erika
	// disclosable: [roles 0] buyer
	// disclosable: [roles 1] approver
	// dc+sd-jwt https://credentials.example/employee [approver] <nil>
	// disclosed: [roles 0]
	// kb_nonce_mismatch
}
