package vc

import "fmt"

// Presentation is a parsed verifiable presentation (VC DM 2.0 §4.13).
type Presentation struct {
	Version  int
	Contexts []string
	ID       string
	Types    []string
	// Holder is the holder URL (string form, or the object's id); "" when
	// absent.
	Holder string
	// Credentials holds the verifiableCredential entries, undecoded: each
	// is an object (an embedded credential or an
	// EnvelopedVerifiableCredential).
	Credentials []map[string]any
	Doc         map[string]any
}

// ParsePresentation checks doc against VC DM 2.0 §4.13. It does not
// verify proofs, nor check the credentials inside: the caller checks each
// (see [CheckEmbedded]) so that one bad credential is reported as such.
func ParsePresentation(doc map[string]any) (*Presentation, error) {
	p := &Presentation{Doc: doc}
	var err error
	if p.Contexts, p.Version, err = contexts(doc); err != nil {
		return nil, err
	}
	if p.ID, err = optionalURL(doc, "id"); err != nil {
		return nil, err
	}
	if p.Types, err = types(doc, "VerifiablePresentation"); err != nil {
		return nil, err
	}
	switch h := doc["holder"].(type) {
	case nil:
		if _, present := doc["holder"]; present {
			return nil, errorf(CodeBadIssuer, "holder is null")
		}
	case string:
		p.Holder = h
	case map[string]any:
		s, ok := firstOf(h, "id", "@id").(string)
		if !ok {
			return nil, errorf(CodeBadIssuer, "holder object has no string id")
		}
		p.Holder = s
	default:
		return nil, errorf(CodeBadIssuer, "holder must be a URL or an object with an id")
	}
	if p.Holder != "" && !IsURL(p.Holder) {
		return nil, errorf(CodeBadIssuer, "holder %q is not a URL", trunc(p.Holder))
	}
	if p.Credentials, err = objects(doc, "verifiableCredential", CodeBadEnvelope); err != nil {
		return nil, err
	}
	return p, nil
}

// Types of enveloped documents (VC DM 2.0 §4.13.1, VC-JOSE-COSE §3.2).
const (
	TypeEnvelopedCredential   = "EnvelopedVerifiableCredential"
	TypeEnvelopedPresentation = "EnvelopedVerifiablePresentation"
)

// IsEnveloped reports whether m is an enveloped credential or
// presentation, and returns its data: URL.
func IsEnveloped(m map[string]any) (url string, ok bool) {
	t, _ := firstOf(m, "type", "@type").(string)
	if t != TypeEnvelopedCredential && t != TypeEnvelopedPresentation {
		if list, isList := firstOf(m, "type", "@type").([]any); !isList || len(list) != 1 ||
			(list[0] != TypeEnvelopedCredential && list[0] != TypeEnvelopedPresentation) {
			return "", false
		}
	}
	url, _ = firstOf(m, "id", "@id").(string)
	return url, true
}

// CheckEmbedded checks the credentials a presentation holds (§4.13): each
// is an enveloped credential or a well-formed embedded one.
func CheckEmbedded(p *Presentation) error {
	for i, c := range p.Credentials {
		if _, ok := IsEnveloped(c); ok {
			continue
		}
		if _, err := ParseCredential(c); err != nil {
			return &Error{Code: CodeOf(err), Err: fmt.Errorf("verifiableCredential[%d]: %w", i, err)}
		}
	}
	return nil
}
