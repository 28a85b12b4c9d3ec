package verify

import (
	"os"
	"regexp"
	"testing"

	"github.com/gxwallet/gxwallet/core/sdjwt"
)

// TestCodesDocumented keeps the code table in doc.go and AllCodes in step:
// every code is documented exactly once, and every documented code exists.
func TestCodesDocumented(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`(?m)^//\t([a-z_]+)\s+(active|expired|revoked|suspended|deprecated|invalid|untrusted)\s`).FindAllStringSubmatch(string(src), -1)
	documented := map[Code]Status{}
	for _, row := range rows {
		c := Code(row[1])
		if _, dup := documented[c]; dup {
			t.Errorf("code %s documented twice", c)
		}
		documented[c] = Status(row[2])
	}
	seen := map[Code]bool{}
	for _, c := range AllCodes {
		if seen[c] {
			t.Errorf("code %s listed twice in AllCodes", c)
		}
		seen[c] = true
		if _, ok := documented[c]; !ok {
			t.Errorf("code %s is not in the doc.go table", c)
		}
	}
	for c := range documented {
		if !seen[c] {
			t.Errorf("doc.go documents %s, which AllCodes lacks", c)
		}
	}
}

// TestCodeStatus checks that the status the table gives each code is the
// one finish derives from a failed check with that code.
func TestCodeStatus(t *testing.T) {
	src, _ := os.ReadFile("doc.go")
	rows := regexp.MustCompile(`(?m)^//\t([a-z_]+)\s+(active|expired|revoked|suspended|deprecated|invalid|untrusted)\s`).FindAllStringSubmatch(string(src), -1)
	v := newVerifier(Options{})
	for _, row := range rows {
		var r Result
		r.fail("x", Code(row[1]), "")
		if got := v.finish(r).Status; got != Status(row[2]) {
			t.Errorf("code %s gives status %s, table says %s", row[1], got, row[2])
		}
	}
}

// TestSDJWTCodesDocumented: every failure core/sdjwt can report reaches
// the Result as a documented code.
func TestSDJWTCodesDocumented(t *testing.T) {
	known := map[Code]bool{}
	for _, c := range AllCodes {
		known[c] = true
	}
	for _, c := range sdjwt.AllCodes {
		_, code := sdCheck(c)
		if c == sdjwt.CodeExpired || c == sdjwt.CodeNotYetValid || c == sdjwt.CodeNoSuchClaim || c == sdjwt.CodeBadOptions {
			continue // lifecycle (mapped in sdJWT) or holder/issuer-side only
		}
		if !known[code] {
			t.Errorf("sdjwt code %s reaches the Result as %s, which is not in AllCodes", c, code)
		}
	}
}
