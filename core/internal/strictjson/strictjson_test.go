package strictjson

import (
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want error // nil, a sentinel, or errAny
	}{
		{`{"a":1,"b":[1,{"c":2}]}`, nil},
		{`[]`, nil},
		{`"s"`, nil},
		{`{"a":1,"a":2}`, ErrDuplicateKey},
		{`{"x":{"a":1,"a":2}}`, ErrDuplicateKey},
		{`[{"a":1},{"a":1}]`, nil}, // same name in different objects is fine
		{`{"a":1} {"b":2}`, ErrTrailing},
		{`{"a":1}]`, errAny},
		{`{"a":`, errAny},
		{strings.Repeat("[", 65) + strings.Repeat("]", 65), ErrTooDeep},
		{strings.Repeat("[", 64) + strings.Repeat("]", 64), nil},
	} {
		err := Check([]byte(tt.in), 64)
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("Check(%.40q) = %v, want nil", tt.in, err)
		case tt.want == errAny && err == nil:
			t.Errorf("Check(%.40q) = nil, want an error", tt.in)
		case tt.want != nil && tt.want != errAny && !errors.Is(err, tt.want):
			t.Errorf("Check(%.40q) = %v, want %v", tt.in, err, tt.want)
		}
	}
}

var errAny = errors.New("any error")
