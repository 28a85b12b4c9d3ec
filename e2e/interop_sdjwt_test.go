package e2e

import (
	"crypto/ecdsa"
	"encoding/base64"
	"encoding/json"
	"slices"
	"testing"

	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/status"
	"github.com/gxwallet/gxwallet/core/verify"
)

const (
	sdNonce = "n-0S6_WzA2Mj"
	sdAud   = "https://verifier.example"
	sdVct   = "https://credentials.example/identity_credential"
	tslURI  = "https://status.example/statuslists/1"
)

// ecPrivateJWK writes a P-256 private key as a JWK for Node.
func ecPrivateJWK(t *testing.T, k *ecdsa.PrivateKey) map[string]any {
	t.Helper()
	b, err := k.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var pub map[string]any
	if err := json.Unmarshal(publicJWK(t, k.Public()), &pub); err != nil {
		t.Fatal(err)
	}
	pub["d"] = base64.RawURLEncoding.EncodeToString(b)
	return pub
}

// sdClaims are the claims of the SD-JWT VCs both sides issue; given_name,
// family_name, email and address.locality are disclosable.
func sdClaims(iss string, extra map[string]any) map[string]any {
	c := map[string]any{
		"iss": iss, "iat": interopNow.Unix() - 3600, "vct": sdVct, "sub": "did:example:alice",
		"given_name": "Erika", "family_name": "Mustermann", "email": "erika@example.com",
		"address": map[string]any{"locality": "Köln", "country": "DE"},
	}
	for k, v := range extra {
		c[k] = v
	}
	return c
}

var sdFrame = map[string]any{"_sd": []string{"given_name", "family_name", "email"}, "address": map[string]any{"_sd": []string{"locality"}}}

// sdPresent is what the holder discloses: given_name and address.locality.
var sdPresent = map[string]any{"given_name": true, "address": map[string]any{"locality": true}}

func sdWithNonce(nonce, aud string) func(*verify.Request) {
	return func(r *verify.Request) { r.Nonce, r.Aud = nonce, aud }
}

// wantDisclosed checks the claims a verifier reports: given_name and
// address.locality disclosed, family_name and email not.
func wantDisclosed(t *testing.T, what string, claims map[string]any) {
	t.Helper()
	addr, _ := claims["address"].(map[string]any)
	if claims["given_name"] != "Erika" || addr["locality"] != "Köln" || addr["country"] != "DE" {
		t.Errorf("%s: disclosed claims missing: %v", what, claims)
	}
	if _, ok := claims["family_name"]; ok {
		t.Errorf("%s: family_name was not disclosed but is in %v", what, claims)
	}
	if _, ok := claims["email"]; ok {
		t.Errorf("%s: email was not disclosed but is in %v", what, claims)
	}
}

// TestInteropSDJWT: SD-JWT VCs (dc+sd-jwt, ES256, cnf.jwk) issued and
// presented with key binding by @sd-jwt/sd-jwt-vc 0.19.0 verify with ours
// (core/verify), and ours (core/sdjwt Issue + Present) with theirs.
func TestInteropSDJWT(t *testing.T) {
	const did = "did:web:sd-issuer.example"
	kid := did + "#k"
	issuer := newKey(t, "ES256").(*ecdsa.PrivateKey)
	docs := []json.RawMessage{issuerDoc(t, did, map[string]json.RawMessage{"k": publicJWK(t, issuer.Public())})}
	issuerJWK := json.RawMessage(publicJWK(t, issuer.Public()))

	t.Run("they issue and present, we verify", func(t *testing.T) {
		res := runNode(t, nodeOp{"op": "sdjwt.issue", "payload": sdClaims(did, nil), "disclosureFrame": sdFrame,
			"issuerPrivateJwk": ecPrivateJWK(t, issuer), "header": map[string]any{"kid": kid}})
		var iss struct {
			SDJWT            string         `json:"sdjwt"`
			HolderPrivateJWK map[string]any `json:"holderPrivateJwk"`
		}
		res[0].must(t, "sdjwt.issue").decode(t, &iss)
		res = runNode(t,
			nodeOp{"op": "sdjwt.present", "sdjwt": iss.SDJWT, "frame": sdPresent, "holderPrivateJwk": iss.HolderPrivateJWK,
				"nonce": sdNonce, "aud": sdAud, "iat": interopNow.Unix()})
		var pres struct {
			Presentation string `json:"presentation"`
		}
		res[0].must(t, "sdjwt.present").decode(t, &pres)

		r := verifyOurs(t, []byte(pres.Presentation), did, docs, nil, sdWithNonce(sdNonce, sdAud))
		wantStatus(t, "their presentation", r, verify.StatusActive, "")
		if r.Format != verify.FormatDCSDJWT {
			t.Errorf("format %s", r.Format)
		}
		if c := r.Check(verify.CheckBinding); c == nil || !c.OK() {
			t.Errorf("no passed key binding check: %s", checksText(r))
		}
		wantDisclosed(t, "ours on their presentation", r.Claims)

		r = verifyOurs(t, []byte(iss.SDJWT), did, docs, nil)
		wantStatus(t, "their issued SD-JWT VC (no KB required)", r, verify.StatusActive, "")
		r = verifyOurs(t, []byte(iss.SDJWT), did, docs, nil, sdWithNonce(sdNonce, sdAud))
		wantStatus(t, "their issued SD-JWT VC, KB required", r, verify.StatusInvalid, "")
		r = verifyOurs(t, []byte(pres.Presentation), did, docs, nil, sdWithNonce("another nonce", sdAud))
		wantStatus(t, "their presentation, wrong nonce", r, verify.StatusInvalid, verify.CodeNonceMismatch)
		r = verifyOurs(t, []byte(pres.Presentation), did, docs, nil, sdWithNonce(sdNonce, "https://other.example"))
		wantStatus(t, "their presentation, wrong aud", r, verify.StatusInvalid, verify.CodeAudMismatch)

		// core/sdjwt directly, with the issuer key given.
		sr, err := sdjwt.Verify(t.Context(), pres.Presentation, sdjwt.Options{Now: interopNow, IssuerKey: issuer.Public(), Nonce: sdNonce, Aud: sdAud})
		if err != nil {
			t.Fatalf("core/sdjwt on their presentation: %v", err)
		}
		if sr.Profile != sdjwt.ProfileSDJWTVC || sr.KeyBinding == nil || len(sr.Disclosed) != 2 {
			t.Errorf("core/sdjwt: profile %s, key binding %v, %d disclosed", sr.Profile, sr.KeyBinding, len(sr.Disclosed))
		}
	})

	t.Run("we issue and present, they verify", func(t *testing.T) {
		holder := newKey(t, "ES256")
		policy := sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"email"}, {"address", "locality"}}, Decoys: 2}
		issued, err := sdjwt.Issue(sdClaims(did, nil), policy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": kid}, holder.Public())
		if err != nil {
			t.Fatal(err)
		}
		s, err := sdjwt.Parse(issued)
		if err != nil {
			t.Fatal(err)
		}
		paths := [][]any{{"given_name"}, {"address", "locality"}}
		pres, err := s.Present(paths, &sdjwt.KBOptions{Signer: holder, Nonce: sdNonce, Aud: sdAud, IAT: interopNow})
		if err != nil {
			t.Fatal(err)
		}
		verifyOp := func(in, nonce, aud string) nodeOp {
			op := nodeOp{"op": "sdjwt.verify", "sdjwt": in, "issuerJwk": issuerJWK, "currentDate": interopNow.Unix()}
			if nonce != "" {
				op["nonce"], op["aud"] = nonce, aud
			}
			return op
		}
		res := runNode(t,
			verifyOp(pres, sdNonce, sdAud),
			verifyOp(issued, "", ""),
			verifyOp(pres, "another nonce", sdAud),
			verifyOp(pres[:len(pres)-3]+"AAA", sdNonce, sdAud))
		var out struct {
			Header map[string]any `json:"header"`
			Claims map[string]any `json:"claims"`
			KB     *struct {
				Payload map[string]any `json:"payload"`
			} `json:"kb"`
		}
		res[0].must(t, "sdjwt.verify (our presentation)").decode(t, &out)
		if out.Header["typ"] != "dc+sd-jwt" || out.KB == nil || out.KB.Payload["nonce"] != sdNonce {
			t.Errorf("theirs on our presentation: header %v, kb %v", out.Header, out.KB)
		}
		wantDisclosed(t, "theirs on our presentation", out.Claims)
		res[1].must(t, "sdjwt.verify (our issued SD-JWT VC)")
		if res[2].OK {
			t.Error("theirs accepted our presentation with another nonce")
		}
		if res[3].OK {
			t.Error("theirs accepted our presentation with a corrupted KB-JWT signature")
		}
	})

	t.Run("we issue, they present, we verify", func(t *testing.T) {
		holder := newKey(t, "ES256").(*ecdsa.PrivateKey)
		policy := sdjwt.Policy{Disclosable: [][]any{{"given_name"}, {"family_name"}, {"email"}, {"address", "locality"}}}
		issued, err := sdjwt.Issue(sdClaims(did, nil), policy, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": kid}, holder.Public())
		if err != nil {
			t.Fatal(err)
		}
		res := runNode(t, nodeOp{"op": "sdjwt.present", "sdjwt": issued, "frame": sdPresent, "holderPrivateJwk": ecPrivateJWK(t, holder),
			"nonce": sdNonce, "aud": sdAud, "iat": interopNow.Unix()})
		var pres struct {
			Presentation string `json:"presentation"`
		}
		res[0].must(t, "sdjwt.present").decode(t, &pres)
		r := verifyOurs(t, []byte(pres.Presentation), did, docs, nil, sdWithNonce(sdNonce, sdAud))
		wantStatus(t, "their presentation of our SD-JWT VC", r, verify.StatusActive, "")
		wantDisclosed(t, "ours", r.Claims)
	})
}

// TestInteropTokenStatusList: a statuslist+jwt made with
// @sd-jwt/jwt-status-list 0.19.0 (2 bits) revokes and suspends their SD-JWT
// VCs in our verifier; our list (core/status) decodes in theirs and
// revokes our SD-JWT VC in their verifier.
func TestInteropTokenStatusList(t *testing.T) {
	const did = "did:web:tsl-issuer.example"
	kid := did + "#k"
	issuer := newKey(t, "ES256").(*ecdsa.PrivateKey)
	docs := []json.RawMessage{issuerDoc(t, did, map[string]json.RawMessage{"k": publicJWK(t, issuer.Public())})}
	statuses := make([]int, 1024)
	statuses[1], statuses[2], statuses[1023] = 1, 2, 3 // INVALID, SUSPENDED, application specific
	cases := []struct {
		idx  int
		want verify.Status
		code verify.Code
	}{{1, verify.StatusRevoked, verify.CodeRevoked}, {2, verify.StatusSuspended, verify.CodeSuspended}, {0, verify.StatusActive, ""}, {1023, verify.StatusActive, ""}}

	t.Run("their list, their credentials, we verify", func(t *testing.T) {
		priv := ecPrivateJWK(t, issuer)
		ops := []nodeOp{{"op": "tsl.create", "statuses": statuses, "bits": 2, "uri": tslURI, "iat": interopNow.Unix() - 60, "kid": kid, "privateJwk": priv}}
		for _, c := range cases {
			ops = append(ops, nodeOp{"op": "sdjwt.issue", "payload": sdClaims(did, map[string]any{"status": map[string]any{"status_list": map[string]any{"idx": c.idx, "uri": tslURI}}}),
				"disclosureFrame": sdFrame, "issuerPrivateJwk": priv, "header": map[string]any{"kid": kid}})
		}
		res := runNode(t, ops...)
		var list struct {
			Token string `json:"token"`
		}
		res[0].must(t, "tsl.create").decode(t, &list)
		resources := map[string]string{tslURI: list.Token}
		for i, c := range cases {
			var iss struct {
				SDJWT string `json:"sdjwt"`
			}
			res[i+1].must(t, "sdjwt.issue").decode(t, &iss)
			r := verifyOurs(t, []byte(iss.SDJWT), did, docs, resources)
			wantStatus(t, "their SD-JWT VC at index "+itoa(c.idx), r, c.want, c.code)
		}
	})

	t.Run("our list, they decode and verify", func(t *testing.T) {
		raw := make([]byte, len(statuses))
		for i, s := range statuses {
			raw[i] = byte(s)
		}
		lst, err := status.EncodeTokenList(2, raw)
		if err != nil {
			t.Fatal(err)
		}
		payload, _ := json.Marshal(map[string]any{"sub": tslURI, "iat": interopNow.Unix() - 60, "ttl": 3600,
			"status_list": map[string]any{"bits": 2, "lst": lst}})
		token, err := jose.Sign(payload, "ES256", issuer, map[string]any{"typ": "statuslist+jwt", "kid": kid})
		if err != nil {
			t.Fatal(err)
		}
		ops := []nodeOp{{"op": "tsl.decode", "lst": lst, "bits": 2, "count": len(statuses)}}
		for _, c := range cases {
			cred, err := sdjwt.Issue(sdClaims(did, map[string]any{"status": map[string]any{"status_list": map[string]any{"idx": c.idx, "uri": tslURI}}}),
				sdjwt.Policy{Disclosable: [][]any{{"given_name"}}}, issuer, "ES256", map[string]any{"typ": "dc+sd-jwt", "kid": kid}, nil)
			if err != nil {
				t.Fatal(err)
			}
			ops = append(ops, nodeOp{"op": "sdjwt.verify", "sdjwt": cred, "issuerJwk": json.RawMessage(publicJWK(t, issuer.Public())),
				"currentDate": interopNow.Unix(), "statusLists": map[string]string{tslURI: token}})
			// And ours on the same credential and list.
			r := verifyOurs(t, []byte(cred), did, docs, map[string]string{tslURI: token})
			wantStatus(t, "our SD-JWT VC at index "+itoa(c.idx), r, c.want, c.code)
		}
		res := runNode(t, ops...)
		var dec struct {
			Statuses []int `json:"statuses"`
		}
		res[0].must(t, "tsl.decode").decode(t, &dec)
		if !slices.Equal(dec.Statuses, statuses) {
			t.Errorf("their decoding of our list differs")
		}
		for i, c := range cases {
			// Their statusValidator refuses any status but 0.
			if got, want := res[i+1].OK, statuses[c.idx] == 0; got != want {
				t.Errorf("theirs on our SD-JWT VC at index %d (status %d): ok %v, want %v (%s)", c.idx, statuses[c.idx], got, want, res[i+1].Error)
			}
		}
	})
}
