package did

import (
	"errors"
	"testing"
)

func TestParseControllerDocument(t *testing.T) {
	const id = "https://issuer.example/vc"
	good := `{"id":"https://issuer.example/vc",
	  "verificationMethod":[{"id":"#key-1","type":"JsonWebKey","controller":"https://issuer.example/vc",
	    "publicKeyJwk":{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}],
	  "assertionMethod":["https://issuer.example/vc#key-1"]}`
	d, err := ParseControllerDocument([]byte(good), id)
	if err != nil {
		t.Fatal(err)
	}
	vm, err := d.Method("#key-1", RelAssertionMethod)
	if err != nil || vm.ID != id+"#key-1" {
		t.Fatalf("Method = %+v, %v", vm, err)
	}
	if _, err := vm.PublicKey(); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Method("https://other.example/vc#key-1", RelAssertionMethod); !errors.Is(err, ErrMethodNotFound) {
		t.Errorf("a method of another URL: err = %v, want ErrMethodNotFound", err)
	}
	if _, err := d.Method("#key-1", RelAuthentication); !errors.Is(err, ErrNotInRelationship) {
		t.Errorf("not under authentication: err = %v", err)
	}

	for name, tc := range map[string]struct{ doc, id string }{
		"id differs":        {good, "https://issuer.example/other"},
		"http":              {`{"id":"http://issuer.example/vc"}`, "http://issuer.example/vc"},
		"fragment in id":    {`{"id":"https://issuer.example/vc#x"}`, "https://issuer.example/vc#x"},
		"no host":           {`{"id":"https:///vc"}`, "https:///vc"},
		"method id not URL": {`{"id":"https://a.example","verificationMethod":[{"id":"key 1","type":"JsonWebKey"}]}`, "https://a.example"},
		"duplicate members": {`{"id":"https://a.example","id":"https://a.example"}`, "https://a.example"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseControllerDocument([]byte(tc.doc), tc.id); ErrorCode(err) == "" {
				t.Errorf("err = %v, want a coded *Error", err)
			}
		})
	}
	// A DID document is not accepted as a URL controller document, nor
	// the reverse.
	if _, err := ParseDocument([]byte(good)); err == nil {
		t.Error("ParseDocument accepted an https id")
	}
}
