//go:build js && wasm

package jsutil

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hack-pad/safejs"
)

// settled is the outcome of a JS promise, awaited from Go with then.
type settled struct {
	ok bool
	v  safejs.Value
}

func await(t *testing.T, p safejs.Value) settled {
	t.Helper()
	ch := make(chan settled, 1)
	onOK, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any { ch <- settled{true, a[0]}; return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer onOK.Release()
	onErr, err := safejs.FuncOf(func(_ safejs.Value, a []safejs.Value) any { ch <- settled{false, a[0]}; return nil })
	if err != nil {
		t.Fatal(err)
	}
	defer onErr.Release()
	if _, err := p.Call("then", onOK, onErr); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-ch:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("promise still pending after 5s")
		return settled{}
	}
}

func prop(t *testing.T, v safejs.Value, name string) string {
	t.Helper()
	p, err := v.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := p.String()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestPromiseResolves(t *testing.T) {
	p, err := Promise(func() (safejs.Value, error) { return ParseJSON([]byte(`{"status":"active"}`)) })
	if err != nil {
		t.Fatal(err)
	}
	s := await(t, p)
	if !s.ok {
		t.Fatalf("rejected: %v", s.v)
	}
	if got := prop(t, s.v, "status"); got != "active" {
		t.Errorf("status = %q", got)
	}
}

func TestPromiseRejects(t *testing.T) {
	for _, tc := range []struct {
		name     string
		fn       Func
		code     string
		contains string
	}{
		{"coded", func() (safejs.Value, error) { return safejs.Value{}, Errorf("bad_options", "now: %q", "x") }, "bad_options", `now: "x"`},
		{"plain", func() (safejs.Value, error) { return safejs.Value{}, errors.New("boom") }, CodeInternal, "boom"},
		{"panic", func() (safejs.Value, error) { panic("oops") }, CodeInternal, "panic: oops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Promise(tc.fn)
			if err != nil {
				t.Fatal(err)
			}
			s := await(t, p)
			if s.ok {
				t.Fatal("resolved, want rejected")
			}
			errCtor, _ := safejs.Global().Get("Error")
			if ok, _ := s.v.InstanceOf(errCtor); !ok {
				t.Error("rejection is not an Error")
			}
			if got := prop(t, s.v, "code"); got != tc.code {
				t.Errorf("code = %q, want %q", got, tc.code)
			}
			if got := prop(t, s.v, "message"); !strings.Contains(got, tc.contains) {
				t.Errorf("message = %q, want it to contain %q", got, tc.contains)
			}
		})
	}
}

func TestStringifyAndPrefix(t *testing.T) {
	obj, err := ParseJSON([]byte(`{"a":"é€"}`))
	if err != nil {
		t.Fatal(err)
	}
	s, err := Stringify(obj)
	if err != nil {
		t.Fatal(err)
	}
	b, err := StringPrefix(s, 100)
	if err != nil || string(b) != `{"a":"é€"}` {
		t.Fatalf("StringPrefix = %q, %v", b, err)
	}
	if b, _ := StringPrefix(s, 3); string(b) != `{"a` {
		t.Errorf("StringPrefix(3) = %q", b)
	}
	if _, err := Stringify(safejs.Undefined()); err == nil {
		t.Error("Stringify(undefined) succeeded")
	}
	cyc, _ := ParseJSON([]byte(`{}`))
	_ = cyc.Set("self", cyc)
	if _, err := Stringify(cyc); err == nil {
		t.Error("Stringify(cycle) succeeded")
	}
	u8ctor, _ := safejs.Global().Get("Uint8Array")
	u8, _ := u8ctor.New(5)
	if !IsUint8Array(u8) || IsUint8Array(obj) {
		t.Error("IsUint8Array wrong")
	}
	if b, err := BytesPrefix(u8, 3); err != nil || len(b) != 3 {
		t.Errorf("BytesPrefix = %v, %v", b, err)
	}
}
