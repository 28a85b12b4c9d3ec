package verify

import (
	"context"
	"slices"
	"testing"
)

// FuzzVerify: whatever the input, Verify returns a Result with one of the
// seven statuses and never panics; a failed check always has a code.
// Seeds come from the vector loader.
func FuzzVerify(f *testing.F) {
	for _, v := range loadVectors(f) {
		f.Add(readTestdata(f, v.Input))
	}
	f.Add([]byte(`{"type":"EnvelopedVerifiableCredential","id":"data:application/vc+jwt;eyJ.eyJ.x"}`))
	o := Options{Now: testNow}
	statuses := []Status{StatusActive, StatusExpired, StatusRevoked, StatusSuspended, StatusDeprecated, StatusInvalid, StatusUntrusted}
	f.Fuzz(func(t *testing.T, in []byte) {
		r, _ := Verify(context.Background(), in, o)
		if !slices.Contains(statuses, r.Status) {
			t.Fatalf("status %q", r.Status)
		}
		for _, c := range r.Checks {
			if (c.Status == Fail || c.Status == Indeterminate) && c.Code == "" {
				t.Fatalf("check %s failed without a code", c.ID)
			}
		}
	})
}
