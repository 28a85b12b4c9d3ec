package trust

import (
	"context"
	"testing"
)

func TestList(t *testing.T) {
	l := List{"did:web:a.example", "did:web:b.example#key-1"}
	for _, tc := range []struct {
		issuer, method string
		want           bool
	}{
		{"did:web:a.example", "did:web:a.example#any", true},
		{"did:web:b.example", "did:web:b.example#key-1", true},
		{"did:web:b.example", "did:web:b.example#key-2", false},
		{"did:web:c.example", "", false},
		{"", "", false},
	} {
		if got, _ := l.Trusted(context.Background(), tc.issuer, tc.method); got != tc.want {
			t.Errorf("Trusted(%q, %q) = %v, want %v", tc.issuer, tc.method, got, tc.want)
		}
	}
}
