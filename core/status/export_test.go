package status

// Test-only access to the decoded bytes, for hashes and round trips.

func ListBytes(l *BitstringList) []byte { return l.bits }
func TokenBytes(l *TokenList) []byte    { return l.lst }
