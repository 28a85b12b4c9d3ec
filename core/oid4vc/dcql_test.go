package oid4vc

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func parseDCQL(t *testing.T, s string) *DCQLQuery {
	t.Helper()
	var q DCQLQuery
	if err := decode([]byte(s), MaxRequestBytes, &q, "dcql_query", CodeInvalidRequest); err != nil {
		t.Fatalf("dcql %s: %v", s, err)
	}
	return &q
}

func TestDCQLValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		q    string
		code Code
	}{
		{"minimal", `{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["x"]}}]}`, ""},
		{"claims and sets", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"id":"r","path":["role"]},{"id":"n","path":["name"]}],"claim_sets":[["r","n"],["r"]]}],
			"credential_sets":[{"options":[["a"]]}]}`, ""},
		{"no credentials", `{"credentials":[]}`, CodeInvalidRequest},
		{"bad id", `{"credentials":[{"id":"a b","format":"dc+sd-jwt","meta":{}}]}`, CodeInvalidRequest},
		{"repeated id", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}},{"id":"a","format":"dc+sd-jwt","meta":{}}]}`, CodeInvalidRequest},
		{"no format", `{"credentials":[{"id":"a","meta":{}}]}`, CodeInvalidRequest},
		{"no meta", `{"credentials":[{"id":"a","format":"dc+sd-jwt"}]}`, CodeInvalidRequest},
		{"empty claims", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[]}]}`, CodeInvalidRequest},
		{"empty path", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"path":[]}]}]}`, CodeInvalidRequest},
		{"claim sets without ids", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"path":["x"]}],"claim_sets":[["x"]]}]}`, CodeInvalidRequest},
		{"claim set of unknown id", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"id":"x","path":["x"]}],"claim_sets":[["y"]]}]}`, CodeInvalidRequest},
		{"object value", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"path":["x"],"values":[{"a":1}]}]}]}`, CodeInvalidRequest},
		{"credential set of unknown id", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{}}],"credential_sets":[{"options":[["b"]]}]}`, CodeInvalidRequest},
		{"trusted authorities", `{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"trusted_authorities":[{"type":"aki","values":["x"]}]}]}`, CodeUnsupported},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var q DCQLQuery
			err := decode([]byte(tt.q), MaxRequestBytes, &q, "dcql_query", CodeInvalidRequest)
			if err == nil {
				err = q.Validate()
			}
			wantCode(t, err, tt.code)
		})
	}
	var q DCQLQuery
	err := decode([]byte(`{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"path":["x",-1]}]}]}`), MaxRequestBytes, &q, "dcql_query", CodeInvalidRequest)
	wantCode(t, err, CodeInvalidRequest)
	err = decode([]byte(`{"credentials":[{"id":"a","format":"dc+sd-jwt","meta":{},"claims":[{"path":["x",1.5]}]}]}`), MaxRequestBytes, &q, "dcql_query", CodeInvalidRequest)
	wantCode(t, err, CodeInvalidRequest)
}

// wallet is the candidates of the matcher tests: a W3C party credential, an
// SD-JWT VC employee badge, and an unbound SD-JWT VC.
func wallet(t *testing.T) []Candidate {
	var party, badge, unbound map[string]any
	json.Unmarshal([]byte(`{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential","gx:NaturalPersonPartyCredential"],
		"credentialSubject":{"id":"did:jwk:x","gx:givenName":"Ada","gx:surname":"Lovelace","gx:identityRoles":["engineer","approver"],"gx:identityAttributes":["badge-7"]}}`), &party)
	json.Unmarshal([]byte(`{"vct":"https://acme.example/badge","given_name":"Ada","role":"engineer","address":{"country":"FR","locality":"Paris"},"age":36,"over_18":true}`), &badge)
	json.Unmarshal([]byte(`{"vct":"https://acme.example/badge","given_name":"Bob","role":"visitor"}`), &unbound)
	return []Candidate{
		{Format: FormatVCSDJWT, Types: []string{"VerifiableCredential", "gx:NaturalPersonPartyCredential"}, Claims: party, HolderBinding: true},
		{Format: FormatDCSDJWT, Vct: "https://acme.example/badge", Claims: badge, HolderBinding: true},
		{Format: FormatDCSDJWT, Vct: "https://acme.example/badge", Claims: unbound},
	}
}

func TestMatch(t *testing.T) {
	cands := wallet(t)
	for _, tt := range []struct {
		name     string
		q        string
		want     map[string][]CredentialMatch
		optional []string
		code     Code
	}{
		{
			name: "role only",
			q:    `{"credentials":[{"id":"party","format":"vc+sd-jwt","meta":{"type_values":[["gx:NaturalPersonPartyCredential"]]},"claims":[{"path":["credentialSubject","gx:identityRoles"]}]}]}`,
			want: map[string][]CredentialMatch{"party": {{Index: 0, ClaimSet: -1, Disclose: [][]any{{"credentialSubject", "gx:identityRoles"}}}}},
		},
		{
			name: "one role by value",
			q:    `{"credentials":[{"id":"party","format":"vc+sd-jwt","meta":{},"claims":[{"path":["credentialSubject","gx:identityRoles",null],"values":["approver"]}]}]}`,
			want: map[string][]CredentialMatch{"party": {{Index: 0, ClaimSet: -1, Disclose: [][]any{{"credentialSubject", "gx:identityRoles", 1}}}}},
		},
		{
			name: "every claim",
			q:    `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{"vct_values":["https://acme.example/badge"]}}]}`,
			want: map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: -1, All: true}}},
		},
		{
			name: "holder binding waived",
			q:    `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{"vct_values":["https://acme.example/badge"]},"require_cryptographic_holder_binding":false,"claims":[{"path":["given_name"]}]}]}`,
			want: map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: -1, Disclose: [][]any{{"given_name"}}}, {Index: 2, ClaimSet: -1, Disclose: [][]any{{"given_name"}}}}},
		},
		{
			name: "nested and integer value",
			q:    `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"path":["address","country"]},{"path":["age"],"values":[36]},{"path":["over_18"],"values":[true]}]}]}`,
			want: map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: -1, Disclose: [][]any{{"address", "country"}, {"age"}, {"over_18"}}}}},
		},
		{
			name: "optional claim present: first claim set",
			q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"id":"role","path":["role"]},{"id":"name","path":["given_name"]}],
				"claim_sets":[["role","name"],["role"]]}]}`,
			want: map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: 0, Disclose: [][]any{{"role"}, {"given_name"}}}}},
		},
		{
			name: "optional claim absent: second claim set",
			q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"id":"role","path":["role"]},{"id":"email","path":["email"]}],
				"claim_sets":[["role","email"],["role"]]}]}`,
			want: map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: 1, Disclose: [][]any{{"role"}}}}},
		},
		{
			name: "optional credential set",
			q: `{"credentials":[{"id":"party","format":"vc+sd-jwt","meta":{},"claims":[{"path":["credentialSubject","gx:surname"]}]},
				{"id":"mdl","format":"mso_mdoc","meta":{}}],
				"credential_sets":[{"options":[["party"]]},{"options":[["mdl"]],"required":false}]}`,
			want: map[string][]CredentialMatch{"party": {{Index: 0, ClaimSet: -1, Disclose: [][]any{{"credentialSubject", "gx:surname"}}}}},
		},
		{
			name:     "alternatives: the second option",
			q:        `{"credentials":[{"id":"mdl","format":"mso_mdoc","meta":{}},{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"path":["role"]}]}],"credential_sets":[{"options":[["mdl"],["b"]],"required":false}]}`,
			want:     map[string][]CredentialMatch{"b": {{Index: 1, ClaimSet: -1, Disclose: [][]any{{"role"}}}}},
			optional: []string{"b"},
		},
		{name: "wrong vct", q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{"vct_values":["https://other.example/pid"]}}]}`, code: CodeNoMatch},
		{name: "wrong type", q: `{"credentials":[{"id":"p","format":"vc+sd-jwt","meta":{"type_values":[["gx:LegalPersonPartyCredential"]]}}]}`, code: CodeNoMatch},
		{name: "missing claim", q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"path":["email"]}]}]}`, code: CodeNoMatch},
		{name: "value not held", q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"path":["role"],"values":["admin"]}]}]}`, code: CodeNoMatch},
		{name: "index on an object", q: `{"credentials":[{"id":"b","format":"dc+sd-jwt","meta":{},"claims":[{"path":["address",0]}]}]}`, code: CodeNoMatch},
		{name: "format held by none", q: `{"credentials":[{"id":"m","format":"mso_mdoc","meta":{}}]}`, code: CodeNoMatch},
		{name: "required set unmet", q: `{"credentials":[{"id":"m","format":"mso_mdoc","meta":{}},{"id":"b","format":"dc+sd-jwt","meta":{}}],"credential_sets":[{"options":[["m"]]}]}`, code: CodeNoMatch},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := parseDCQL(t, tt.q)
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			sel, err := Match(q, cands)
			wantCode(t, err, tt.code)
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, sel.Matches); diff != "" {
				t.Errorf("matches (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.optional, sel.Optional); diff != "" {
				t.Errorf("optional (-want +got):\n%s", diff)
			}
		})
	}
}
