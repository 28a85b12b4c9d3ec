package fetch

import (
	"context"
	"errors"
	"testing"
)

func TestMap(t *testing.T) {
	ctx := context.Background()
	m := Map{Entries: map[string][]byte{"https://a.example/x": []byte("x"), "https://a.example/big": make([]byte, MaxBytes+1)}}
	if b, err := m.Fetch(ctx, "https://a.example/x"); err != nil || string(b) != "x" {
		t.Errorf("held URL: %q, %v", b, err)
	}
	if _, err := m.Fetch(ctx, "https://a.example/y"); !errors.Is(err, ErrOffline) {
		t.Errorf("missing URL without Next: %v, want ErrOffline", err)
	}
	if _, err := m.Fetch(ctx, "https://a.example/big"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized entry: %v, want ErrTooLarge", err)
	}
	chained := Map{Next: Map{Entries: map[string][]byte{"https://b.example": []byte("b")}}}
	if b, err := chained.Fetch(ctx, "https://b.example"); err != nil || string(b) != "b" {
		t.Errorf("Next: %q, %v", b, err)
	}
	var fe *Error
	if _, err := (Offline{}).Fetch(ctx, "https://c.example"); !errors.As(err, &fe) || fe.URL != "https://c.example" {
		t.Errorf("Offline: %v", err)
	}
}
