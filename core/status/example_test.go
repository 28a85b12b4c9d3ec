package status_test

import (
	"fmt"

	"github.com/gxwallet/gxwallet/core/status"
)

// The verifier's sequence for one BitstringStatusListEntry, after it has
// fetched and verified the status list credential.
func ExampleLookup() {
	// An issuer revokes index 94567 of a 131,072-entry list.
	bs, _ := status.NewBitstring(status.DefaultMinEntries, 1)
	_ = bs.Set(94567, 1)
	encoded, _ := bs.Encode()

	list, err := status.ParseListCredential(map[string]any{
		"@context": []any{"https://www.w3.org/ns/credentials/v2"},
		"type":     []any{"VerifiableCredential", "BitstringStatusListCredential"},
		"issuer":   "did:example:12345",
		"credentialSubject": map[string]any{
			"type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encoded,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	entries, _ := status.ParseEntries([]map[string]any{{
		"type":                 "BitstringStatusListEntry",
		"statusPurpose":        "revocation",
		"statusListIndex":      "94567",
		"statusListCredential": "https://example.com/credentials/status/3",
	}})
	res, err := status.Lookup(entries[0], list)
	fmt.Println(res.Purpose, res.Status, res.Valid, err)
	// Output: revocation 1 false <nil>
}

// Reading a Referenced Token's status and its Status List Token claims.
func ExampleLookupToken() {
	ref, _ := status.ParseReferencedStatus(map[string]any{
		"status": map[string]any{"status_list": map[string]any{"idx": float64(0), "uri": "https://example.com/statuslists/1"}},
	})
	list, _ := status.ParseTokenStatusList([]byte(`{"sub":"https://example.com/statuslists/1","iat":1686920170,` +
		`"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}`))
	s, err := status.LookupToken(ref, list)
	fmt.Println(s, err)
	// Output: INVALID <nil>
}
