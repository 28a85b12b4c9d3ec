package sdjwt

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// jsonRoundTrip normalizes a value to what encoding/json decodes.
func jsonRoundTrip(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVectors(t *testing.T) {
	forEachVector(t, func(t *testing.T, v vector) {
		r, err := Verify(context.Background(), v.Presentation, v.Opts)
		if got := CodeOf(err); got != v.Expect {
			t.Fatalf("code %q, want %q (%s); err: %v", got, v.Expect, v.Reason, err)
		}
		if err != nil {
			if v.Expect != "" {
				t.Logf("refused as expected: %v", err)
			}
			return
		}
		if v.Want != nil {
			if diff := cmp.Diff(jsonRoundTrip(t, v.Want), jsonRoundTrip(t, r.Claims)); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		}
		if v.WantDisclosures >= 0 && len(r.Disclosed) != v.WantDisclosures {
			t.Errorf("%d disclosed claims, want %d", len(r.Disclosed), v.WantDisclosures)
		}
		if v.WantTyp != "" && r.Header.Typ != v.WantTyp {
			t.Errorf("typ %q, want %q", r.Header.Typ, v.WantTyp)
		}
		if v.WantSdAlg != "" && r.SdAlg != v.WantSdAlg {
			t.Errorf("_sd_alg %q, want %q", r.SdAlg, v.WantSdAlg)
		}
		if v.WantProfile != "" && r.Profile != v.WantProfile {
			t.Errorf("profile %q, want %q", r.Profile, v.WantProfile)
		}
		if (r.KeyBinding != nil) != v.WantKB {
			t.Errorf("key binding %v, want %v", r.KeyBinding != nil, v.WantKB)
		}
		if v.WantDisclosed != nil {
			got := make([][]any, len(r.Disclosed))
			for i, c := range r.Disclosed {
				got[i] = c.Path
			}
			if diff := cmp.Diff(sortedPaths(v.WantDisclosed), sortedPaths(got)); diff != "" {
				t.Errorf("disclosed paths (-want +got):\n%s", diff)
			}
		}
		// Every disclosed claim's path leads to its value in Claims.
		for _, c := range r.Disclosed {
			if !resolves(r.Claims, c.Path) {
				t.Errorf("disclosed path %s is not in the claims", pathString(c.Path))
			}
		}
	})
}
