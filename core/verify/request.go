package verify

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/did"
	"github.com/gxwallet/gxwallet/core/fetch"
)

// Request is the JSON form of verification options shared by the JS
// library, the edge worker and (through its flags) the CLI. Field names are
// part of the public contract.
//
//	{"now":"2026-01-01T00:00:00Z", "trustedIssuers":["did:web:…"],
//	 "didDocs":[{…}], "resources":{"https://…":"…" or {…}},
//	 "known":["eyJ…" or {…}], "nonce":"…", "aud":"…", "offline":true,
//	 "bundle":{…offline bundle…}}
type Request struct {
	Now            string   `json:"now,omitempty"`
	TrustedIssuers []string `json:"trustedIssuers,omitempty"`
	// TrustAnchors, TrustedScopes and GovernanceAuthorities are added to
	// the policy's (see [Policy]).
	TrustAnchors          []string                   `json:"trustAnchors,omitempty"`
	TrustedScopes         []json.RawMessage          `json:"trustedScopes,omitempty"`
	GovernanceAuthorities []string                   `json:"governanceAuthorities,omitempty"`
	DIDDocs               []json.RawMessage          `json:"didDocs,omitempty"`
	Resources             map[string]json.RawMessage `json:"resources,omitempty"`
	Known                 []json.RawMessage          `json:"known,omitempty"`
	Nonce                 string                     `json:"nonce,omitempty"`
	Aud                   string                     `json:"aud,omitempty"`
	Offline               bool                       `json:"offline,omitempty"`
	// Contexts are JSON-LD contexts the caller allowlists (URL → the
	// context document), beyond the embedded ones. A build without
	// JSON-LD (-tags nojsonld) accepts and ignores them.
	Contexts map[string]json.RawMessage `json:"contexts,omitempty"`
	// Bundle is an offline bundle (core/bundle): its DID documents and
	// resources answer after didDocs and resources, before the network.
	Bundle json.RawMessage `json:"bundle,omitempty"`
}

// Apply returns base with the request's settings layered on top: DID
// documents are consulted before base.Resolver, resources before
// base.Fetcher (and instead of it when Offline), trusted issuers are
// appended. It returns an error (never a partial Options) when a field is
// malformed.
func (r Request) Apply(base Options) (Options, error) {
	o := base
	if r.Now != "" {
		t, err := time.Parse(time.RFC3339Nano, r.Now)
		if err != nil {
			return Options{}, fmt.Errorf("verify: options: now: %w", err)
		}
		o.Now = t
	}
	o.Policy.TrustedIssuers = append(append([]string(nil), base.Policy.TrustedIssuers...), r.TrustedIssuers...)
	o.Policy.TrustAnchors = append(append([]string(nil), base.Policy.TrustAnchors...), r.TrustAnchors...)
	o.Policy.TrustedScopes = append(append([]json.RawMessage(nil), base.Policy.TrustedScopes...), r.TrustedScopes...)
	o.Policy.GovernanceAuthorities = append(append([]string(nil), base.Policy.GovernanceAuthorities...), r.GovernanceAuthorities...)
	// A DID document answers resolution of its DID; a controller document
	// whose id is an https URL answers a fetch of that URL.
	resources := map[string][]byte{}
	var bu *bundle.Bundle
	if len(r.Bundle) > 0 && string(r.Bundle) != "null" {
		var err error
		if bu, err = bundle.Parse(unwrapString(r.Bundle)); err != nil {
			return Options{}, fmt.Errorf("verify: options: %w", err)
		}
		r.DIDDocs = append(append([]json.RawMessage(nil), r.DIDDocs...), bu.DIDDocuments...)
	}
	if len(r.DIDDocs) > 0 {
		docs := make(map[string]*did.Document, len(r.DIDDocs))
		for i, raw := range r.DIDDocs {
			var head struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(raw, &head)
			if strings.HasPrefix(head.ID, "https://") {
				if _, err := did.ParseControllerDocument(raw, head.ID); err != nil {
					return Options{}, fmt.Errorf("verify: options: didDocs[%d]: %w", i, err)
				}
				resources[head.ID] = raw
				continue
			}
			doc, err := did.ParseDocument(raw)
			if err != nil {
				return Options{}, fmt.Errorf("verify: options: didDocs[%d]: %w", i, err)
			}
			docs[doc.ID] = doc
		}
		if len(docs) > 0 {
			o.Resolver = did.Static{Docs: docs, Next: base.Resolver}
		}
	}
	next := base.Fetcher
	if r.Offline {
		next = fetch.Offline{}
	}
	if bu != nil {
		next = bu.Fetcher(next)
	}
	for url, raw := range r.Resources {
		resources[url] = unwrapString(raw)
	}
	contexts := map[string][]byte{}
	for url, raw := range base.Contexts {
		contexts[url] = raw
	}
	if bu != nil {
		for _, res := range bu.Resources {
			if res.Kind == bundle.KindContext {
				b, _ := res.Bytes()
				contexts[res.URL] = b
			}
		}
	}
	for url, raw := range r.Contexts {
		contexts[url] = unwrapString(raw)
	}
	if len(contexts) > 0 {
		o.Contexts = contexts
	}
	if len(resources) > 0 {
		o.Fetcher = fetch.Map{Entries: resources, Next: next}
	} else {
		o.Fetcher = next
	}
	for _, k := range r.Known {
		o.Known = append(o.Known, unwrapString(k))
	}
	if r.Nonce != "" {
		o.Nonce = r.Nonce
	}
	if r.Aud != "" {
		o.Audience = r.Aud
	}
	return o, nil
}

// unwrapString turns a JSON string into its bytes and leaves any other JSON
// value (an object) as its raw text: a resource or credential may be given
// either way.
func unwrapString(raw json.RawMessage) []byte {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return []byte(s)
		}
	}
	return raw
}
