package e2e

import (
	"encoding/json"
	"slices"
	"strconv"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/status"
	"github.com/gxwallet/gxwallet/core/verify"
)

// bslEntry is a BitstringStatusListEntry (W3C Bitstring Status List v1.0
// §2.1) for index of the list at url.
func bslEntry(purpose, url string, index int) map[string]any {
	i := strconv.Itoa(index)
	return map[string]any{
		"id": url + "#" + i, "type": "BitstringStatusListEntry", "statusPurpose": purpose,
		"statusListIndex": i, "statusListCredential": url,
	}
}

// TestInteropBitstringStatusList: lists made by
// @digitalbazaar/vc-bitstring-status-list (131 072 entries), in status list
// credentials the issuer signs (vc+jwt, ours), give revoked, suspended and
// active with our verifier and the same answers with their checkStatus;
// a list we encode (core/status) decodes in their library with the same
// bits.
func TestInteropBitstringStatusList(t *testing.T) {
	const (
		did    = "did:web:gxwallet.example"
		kid    = did + "#k"
		revURL = "https://status.gxwallet.example/lists/revocation"
		susURL = "https://status.gxwallet.example/lists/suspension"
		length = 131072
	)
	revokedIdx, suspendedIdx := []int{0, 7, 1000, length - 1}, []int{42}
	key := newKey(t, "ES256")
	docs := []json.RawMessage{issuerDoc(t, did, map[string]json.RawMessage{"k": publicJWK(t, key.Public())})}
	sign := func(doc map[string]any) string {
		b, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := jose.Sign(b, "ES256", key, map[string]any{"typ": "vc+jwt", "kid": kid})
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}

	res := runNode(t,
		nodeOp{"op": "bsl.create", "id": revURL, "length": length, "set": revokedIdx, "statusPurpose": "revocation"},
		nodeOp{"op": "bsl.create", "id": susURL, "length": length, "set": suspendedIdx, "statusPurpose": "suspension"})
	lists := map[string]map[string]any{}
	resources := map[string]string{}
	for i, url := range []string{revURL, susURL} {
		var out struct {
			Credential map[string]any `json:"credential"`
		}
		res[i].must(t, "bsl.create").decode(t, &out)
		// Their library makes the shape; the issuer adds itself and signs.
		out.Credential["issuer"], out.Credential["validFrom"] = did, "2026-01-01T00:00:00Z"
		lists[url], resources[url] = out.Credential, sign(out.Credential)
	}

	cases := []struct {
		name    string
		entries []any
		want    verify.Status
		code    verify.Code
	}{
		{"revoked, index 1000", []any{bslEntry("revocation", revURL, 1000)}, verify.StatusRevoked, verify.CodeRevoked},
		{"revoked, first index", []any{bslEntry("revocation", revURL, 0)}, verify.StatusRevoked, verify.CodeRevoked},
		{"revoked, last index", []any{bslEntry("revocation", revURL, length-1)}, verify.StatusRevoked, verify.CodeRevoked},
		{"not revoked, index 1001", []any{bslEntry("revocation", revURL, 1001)}, verify.StatusActive, ""},
		{"suspended, index 42", []any{bslEntry("suspension", susURL, 42)}, verify.StatusSuspended, verify.CodeSuspended},
		{"neither, two entries", []any{bslEntry("revocation", revURL, 8), bslEntry("suspension", susURL, 43)}, verify.StatusActive, ""},
	}
	var ops []nodeOp
	for _, c := range cases {
		var cred map[string]any
		if err := json.Unmarshal([]byte(vcPayload(t, did, map[string]any{"credentialStatus": c.entries})), &cred); err != nil {
			t.Fatal(err)
		}
		r := verifyOurs(t, []byte(sign(cred)), did, docs, resources)
		wantStatus(t, c.name, r, c.want, c.code)
		ops = append(ops, nodeOp{"op": "bsl.check", "credential": cred, "lists": lists})
	}

	// Theirs on the same credentials and lists.
	bits := map[string]bool{}
	for _, i := range revokedIdx {
		bits["revocation/"+strconv.Itoa(i)] = true
	}
	for _, i := range suspendedIdx {
		bits["suspension/"+strconv.Itoa(i)] = true
	}
	res = runNode(t, ops...)
	for i, c := range cases {
		var out struct {
			Verified bool `json:"verified"`
			Statuses []struct {
				Purpose, Index string
				Status         bool
			} `json:"statuses"`
		}
		res[i].must(t, "bsl.check "+c.name).decode(t, &out)
		if !out.Verified || len(out.Statuses) != len(c.entries) {
			t.Errorf("%s: checkStatus verified %v with %d statuses for %d entries", c.name, out.Verified, len(out.Statuses), len(c.entries))
		}
		for _, s := range out.Statuses {
			if want := bits[s.Purpose+"/"+s.Index]; s.Status != want {
				t.Errorf("%s: checkStatus says %s index %s is %v, want %v", c.name, s.Purpose, s.Index, s.Status, want)
			}
		}
	}

	t.Run("we encode, they decode", func(t *testing.T) {
		set := []int{3, 64, 99999, length - 1}
		bs, err := status.NewBitstring(length, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, i := range set {
			if err := bs.Set(uint64(i), 1); err != nil {
				t.Fatal(err)
			}
		}
		enc, err := bs.Encode()
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Length int   `json:"length"`
			Set    []int `json:"set"`
		}
		runNode(t, nodeOp{"op": "bsl.decode", "encodedList": enc})[0].must(t, "bsl.decode").decode(t, &out)
		if out.Length != length || !slices.Equal(out.Set, set) {
			t.Errorf("their decoding: %d entries, set %v; want %d, %v", out.Length, out.Set, length, set)
		}
	})
}
