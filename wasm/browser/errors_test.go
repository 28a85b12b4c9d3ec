package browser

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/gxwallet/gxwallet/core/store"
)

func TestCode(t *testing.T) {
	for _, tc := range []struct {
		err  error
		code string
	}{
		{&store.Error{Op: "unlock", Err: store.ErrWrongPassphrase}, CodeWrongPassphrase},
		{&store.Error{Op: "update", Err: &DOMError{Name: "QuotaExceededError"}}, CodeQuota},
		{fmt.Errorf("x: %w", store.ErrTampered), CodeTampered},
		{&store.Error{Op: "get", Err: store.ErrNotExist}, CodeNotFound},
		{context.Canceled, CodeCanceled},
		{errors.New("other"), "internal"},
	} {
		if got := Code(tc.err); got != tc.code {
			t.Errorf("Code(%v) = %s, want %s", tc.err, got, tc.code)
		}
	}
	if JSError(nil) != nil {
		t.Error("JSError(nil) != nil")
	}
}

func TestDERNative(t *testing.T) {
	if _, err := P1363ToDER(make([]byte, 63)); err == nil {
		t.Error("63-byte signature accepted")
	}
	if _, err := DERToP1363([]byte{0x30, 0x00}); err == nil {
		t.Error("empty DER accepted")
	}
}
