package app

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// A trust bundle is what a holder loads in Settings so that the wallet can
// check credentials offline against issuers it was told to trust: either
// a verification request's trust part (the JSON the demo portal serves at
// /portal/trust.json and the CLI, library and worker take as options:
// trustedIssuers, didDocs, resources, contexts, trustAnchors, …) or an
// offline bundle (core/bundle, `gxwallet bundle create`). It is kept in the
// settings record, encrypted like every record, as a verify.Request
// without nonce, aud or time.

// maxTrustBundle bounds a loaded trust bundle.
const maxTrustBundle = 4 << 20

var errTrustBundle = uiErr("err.trustBundle")

// parseTrustBundle reads a trust bundle file into the request form the
// wallet keeps. An offline bundle becomes didDocs, resources and contexts.
func parseTrustBundle(text []byte) (verify.Request, error) {
	text = bytes.TrimSpace(text)
	if len(text) == 0 || len(text) > maxTrustBundle {
		return verify.Request{}, errTrustBundle
	}
	var head struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(text, &head)
	var req verify.Request
	if head.Type == bundle.Type {
		b, err := bundle.Parse(text)
		if err != nil {
			return verify.Request{}, errTrustBundle
		}
		req.DIDDocs = b.DIDDocuments
		req.Resources = map[string]json.RawMessage{}
		for _, r := range b.Resources {
			content, err := r.Bytes()
			if err != nil {
				return verify.Request{}, errTrustBundle
			}
			if r.Kind == bundle.KindContext {
				if req.Contexts == nil {
					req.Contexts = map[string]json.RawMessage{}
				}
				req.Contexts[r.URL] = content
				continue
			}
			s, _ := json.Marshal(string(content))
			req.Resources[r.URL] = s
		}
	} else {
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil || dec.More() {
			return verify.Request{}, errTrustBundle
		}
	}
	// What a trust bundle must not carry: a request's own inputs.
	req.Now, req.Nonce, req.Aud, req.Known, req.Offline = "", "", "", nil, false
	if len(req.Bundle) > 0 {
		return verify.Request{}, errTrustBundle // nested: load the offline bundle itself
	}
	if _, err := req.Apply(verify.Options{}); err != nil {
		return verify.Request{}, errTrustBundle
	}
	if len(req.TrustedIssuers) == 0 && len(req.DIDDocs) == 0 && len(req.Resources) == 0 && len(req.TrustAnchors) == 0 && len(req.TrustedScopes) == 0 {
		return verify.Request{}, errTrustBundle
	}
	return req, nil
}

// trustRequest is the base of every check the wallet makes: the trusted
// issuers of the settings and the loaded trust bundle (if any).
func trustRequest(st appSettings) verify.Request {
	var req verify.Request
	if st.TrustBundle != "" {
		_ = json.Unmarshal([]byte(st.TrustBundle), &req) // checked when loaded
	}
	req.TrustedIssuers = append(append([]string(nil), st.TrustedIssuers...), req.TrustedIssuers...)
	return req
}

// loadTrustBundle stores a trust bundle (nil text removes it) and checks
// every credential again under it, in one write. It returns how many
// issuers the bundle trusts.
func (s *session) loadTrustBundle(ctx context.Context, text []byte, now time.Time) (int, error) {
	var req verify.Request
	var kept string
	if text != nil {
		var err error
		if req, err = parseTrustBundle(text); err != nil {
			return 0, err
		}
		b, err := json.Marshal(req)
		if err != nil {
			return 0, err
		}
		kept = string(b)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return 0, err
	}
	st := s.settings
	st.TrustBundle = kept
	if _, err := s.applySettings(ctx, st, func(credEntry) bool { return true }, now); err != nil {
		return 0, err
	}
	return len(req.TrustedIssuers), nil
}

// trustBundleSection is the Settings card that loads, shows and removes
// the trust bundle.
type trustBundleSection struct {
	app.Compo

	IState walletState
	hint   string
}

func newTrustBundleSection() *trustBundleSection { return &trustBundleSection{} }

// State sets the wallet state to render from.
func (c *trustBundleSection) State(st walletState) *trustBundleSection {
	c.IState = st
	return c
}

func (c *trustBundleSection) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > maxTrustBundle {
		c.hint = tr("err.trustBundle")
		return
	}
	c.hint = ""
	var onText app.Func
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) { ctx.NewActionWithValue(actionTrustBundle, []byte(text)) })
		onText.Release()
		return nil
	})
	f.Call("text").Call("then", onText)
}

func (c *trustBundleSection) onRemove(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionTrustBundle, []byte(nil))
}

func (c *trustBundleSection) Render() app.UI {
	st := c.IState
	var req verify.Request
	loaded := st.Settings.TrustBundle != ""
	if loaded {
		_ = json.Unmarshal([]byte(st.Settings.TrustBundle), &req)
	}
	return app.Section().ID("settings-bundle").Class("card").Body(
		app.H2().Text(tr("bundle.title")),
		app.P().Class("muted").Text(tr("bundle.note")),
		opMessages(st, "bundle"),
		app.If(loaded, func() app.UI {
			return app.P().ID("settings-bundle-info").Text(tr("bundle.loaded", len(req.TrustedIssuers), len(req.DIDDocs), len(req.Resources)))
		}),
		app.Label().For("settings-bundle-file").Text(tr("bundle.file")),
		app.Input().ID("settings-bundle-file").Type("file").Accept(".json,application/json").OnChange(c.onFile),
		app.Div().Class("actions").Body(
			app.If(loaded, func() app.UI {
				return actionButton("settings-bundle-remove", tr("bundle.remove"), tr("settings.saving"), st.Busy == "bundle", c.onRemove)
			}),
			app.If(c.hint != "", func() app.UI { return app.Span().ID("settings-bundle-hint").Class("hint").Text(c.hint) }),
		),
	)
}

func handleTrustBundle(ctx app.Context, a app.Action) {
	text, _ := a.Value.([]byte)
	begin(ctx, "bundle")
	c, cancel := opContext(ctx)
	defer cancel()
	n, err := theSession.loadTrustBundle(c, text, time.Now())
	notice := tr("bundle.removed")
	if text != nil {
		notice = tr("bundle.done", n)
	}
	finish(ctx, "bundle", err, notice)
}
