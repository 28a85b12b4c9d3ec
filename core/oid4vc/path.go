package oid4vc

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// ClaimPath is a claims path pointer (OpenID4VP §7): a non-empty list whose
// elements are a string (an object member), a non-negative int (an array
// index) or nil (every element of an array).
type ClaimPath []any

// UnmarshalJSON reads a path strictly: numbers must be non-negative
// integers, and nothing but strings, integers and null is allowed.
func (p *ClaimPath) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw []any
	if err := dec.Decode(&raw); err != nil {
		return errorf(CodeInvalidRequest, "claims path: not an array")
	}
	out := make(ClaimPath, len(raw))
	for i, v := range raw {
		switch v := v.(type) {
		case string, nil:
			out[i] = v
		case json.Number:
			n, err := v.Int64()
			if err != nil || n < 0 || n > 1<<31 {
				return errorf(CodeInvalidRequest, "claims path: %q is not a non-negative integer", trunc(v.String()))
			}
			out[i] = int(n)
		default:
			return errorf(CodeInvalidRequest, "claims path: element %d is neither a string, an integer nor null", i)
		}
	}
	*p = out
	return nil
}

// validate checks the path's length and element types.
func (p ClaimPath) validate() error {
	if len(p) == 0 {
		return errorf(CodeInvalidRequest, "claims path is empty")
	}
	if len(p) > MaxPathLength {
		return errorf(CodeInvalidRequest, "claims path longer than %d", MaxPathLength)
	}
	for i, v := range p {
		switch v := v.(type) {
		case string, nil:
		case int:
			if v < 0 {
				return errorf(CodeInvalidRequest, "claims path element %d is negative", i)
			}
		default:
			return errorf(CodeInvalidRequest, "claims path element %d is of type %T", i, v)
		}
	}
	return nil
}

// String renders the path for messages: credentialSubject.roles[*][0].
func (p ClaimPath) String() string {
	var b bytes.Buffer
	for i, v := range p {
		switch v := v.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		case int:
			fmt.Fprintf(&b, "[%d]", v)
		case nil:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// Select applies the path to claims (OpenID4VP §7.1 processing): it returns
// the concrete path (no nil elements) and value of every selected element.
// A string selects a member of the selected objects (elements without it
// drop out), an int an element of the selected arrays, nil every element;
// when a component meets the wrong kind of JSON value, or nothing is
// selected, ok is false.
func (p ClaimPath) Select(claims map[string]any) (paths [][]any, values []any, ok bool) {
	type node struct {
		path []any
		v    any
	}
	cur := []node{{nil, claims}}
	for _, c := range p {
		var next []node
		for _, n := range cur {
			switch c := c.(type) {
			case string:
				obj, isObj := n.v.(map[string]any)
				if !isObj {
					return nil, nil, false
				}
				if v, has := obj[c]; has {
					next = append(next, node{appendPath(n.path, c), v})
				}
			case int:
				arr, isArr := n.v.([]any)
				if !isArr {
					return nil, nil, false
				}
				if c < len(arr) {
					next = append(next, node{appendPath(n.path, c), arr[c]})
				}
			case nil:
				arr, isArr := n.v.([]any)
				if !isArr {
					return nil, nil, false
				}
				for i, v := range arr {
					next = append(next, node{appendPath(n.path, i), v})
				}
			default:
				return nil, nil, false
			}
		}
		if len(next) == 0 {
			return nil, nil, false
		}
		cur = next
	}
	for _, n := range cur {
		paths = append(paths, n.path)
		values = append(values, n.v)
	}
	return paths, values, true
}

func appendPath(p []any, v any) []any {
	out := make([]any, len(p), len(p)+1)
	copy(out, p)
	return append(out, v)
}
