package bitstring

import "testing"

func TestMSB(t *testing.T) {
	b := make([]byte, 2)
	if !SetMSB(b, 0, 1, 1) || b[0] != 0x80 {
		t.Fatalf("index 0 is the most significant bit: % x", b)
	}
	if !SetMSB(b, 15, 1, 1) || b[1] != 0x01 {
		t.Fatalf("index 15 is the least significant bit of byte 1: % x", b)
	}
	// statusSize 2: index 1 occupies bits 2..3, MSB-first.
	c := make([]byte, 1)
	SetMSB(c, 1, 2, 2)
	if c[0] != 0x20 {
		t.Fatalf("size 2 index 1 value 2: got %08b", c[0])
	}
	if v, ok := GetMSB(c, 1, 2); !ok || v != 2 {
		t.Fatalf("GetMSB = %d, %v", v, ok)
	}
	// statusSize 3 spans bytes.
	d := make([]byte, 2)
	SetMSB(d, 2, 3, 5) // bits 6..8
	if v, _ := GetMSB(d, 2, 3); v != 5 {
		t.Fatalf("size 3 across bytes: %d (% x)", v, d)
	}
	if _, ok := GetMSB(d, 5, 3); ok {
		t.Fatal("index 5 of size 3 in 16 bits is out of range")
	}
	if _, ok := GetMSB(d, ^uint64(0), 8); ok {
		t.Fatal("huge index must not overflow into range")
	}
}

func TestLSB(t *testing.T) {
	// draft-ietf-oauth-status-list §4.1: 1,0,0,1,1,1,0,1 | 1,1,0,0,0,1,0,1 → b9 a3.
	st := []uint64{1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1}
	b := make([]byte, 2)
	for i, v := range st {
		SetLSB(b, uint64(i), 1, v)
	}
	if b[0] != 0xb9 || b[1] != 0xa3 {
		t.Fatalf("got % x, want b9 a3", b)
	}
	for i, v := range st {
		if got, _ := GetLSB(b, uint64(i), 1); got != v {
			t.Errorf("index %d: %d, want %d", i, got, v)
		}
	}
	e := []byte{0xff}
	if v, _ := GetLSB(e, 0, 8); v != 0xff {
		t.Fatalf("8-bit read %d", v)
	}
	if _, ok := GetLSB(e, 1, 8); ok {
		t.Fatal("out of range")
	}
}
