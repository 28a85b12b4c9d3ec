package ld

// hasScheme reports whether s starts with ALPHA *( ALPHA / DIGIT / "+" /
// "-" / "." ) ":" (RFC 3986 §3.1): an absolute IRI, as opposed to a
// relative one such as an undefined term.
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return true
		default:
			return false
		}
	}
	return false
}
