package did

// Document is a DID document (DID Core §5). Filled in by the DID work.
type Document struct {
	ID string `json:"id"`
}

// ParseDocument decodes a DID document strictly.
func ParseDocument(b []byte) (*Document, error) { panic("todo: did work") }
