package app

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// verifyPage lets the user paste a credential and verify it on the device.
type verifyPage struct {
	app.Compo

	input      string
	trusted    string
	bundle     string // an offline bundle's JSON, read from a file
	bundleName string
	hint       string
	state      verifyState
}

func newVerifyPage() *verifyPage { return &verifyPage{} }

func (p *verifyPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateVerify, &p.state)
}

func (p *verifyPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("nav.verify") + " · gxwallet")
}

func (p *verifyPage) onInput(ctx app.Context, e app.Event) {
	p.input = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

func (p *verifyPage) onTrusted(ctx app.Context, e app.Event) {
	p.trusted = ctx.JSSrc().Get("value").String()
}

// onBundle reads the chosen bundle file (gxwallet bundle create) as text.
// The file never leaves the device: it only answers the verifier's
// lookups of DID documents and status lists.
func (p *verifyPage) onBundle(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		p.bundle, p.bundleName = "", ""
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > maxBundleBytes {
		p.hint = tr("verify.bundleTooLarge")
		return
	}
	name := f.Get("name").String()
	var onText app.Func
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) {
			p.bundle, p.bundleName, p.hint = text, name, ""
		})
		onText.Release()
		return nil
	})
	f.Call("text").Call("then", onText)
}

// maxBundleBytes is the largest bundle file the page reads (the verifier
// refuses larger ones anyway).
const maxBundleBytes = 32 << 20

func (p *verifyPage) onVerify(ctx app.Context, e app.Event) {
	if p.state.Phase == phaseVerifying {
		return
	}
	if strings.TrimSpace(p.input) == "" {
		p.hint = tr("err.emptyImport")
		return
	}
	p.hint = ""
	ctx.NewActionWithValue(actionVerify, verifyRequest{
		Input:          p.input,
		TrustedIssuers: parseTrusted(p.trusted),
		Bundle:         p.bundle,
	})
}

func (p *verifyPage) Render() app.UI {
	busy := p.state.Phase == phaseVerifying
	label := tr("verify.button")
	if busy {
		label = tr("verify.busy")
	}
	return newShell().Active(PathVerify).Content(
		app.H1().Text(tr("verify.title")),
		app.P().Class("lead").Text(tr("verify.lead")),
		app.Div().Class("card form").Body(
			app.Label().For("verify-input").Text(tr("import.label")),
			app.Textarea().
				ID("verify-input").
				Class("mono").
				Rows(8).
				Spellcheck(false).
				Attr("autocomplete", "off").
				Placeholder("eyJhbGciOiJFUzI1NiIs…   or   {\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], …}").
				Text(p.input).
				OnInput(p.onInput),
			app.Label().For("verify-trusted").Body(
				app.Text(tr("settings.trusted")+" "),
				app.Span().Class("muted").Text(tr("verify.trustedNote")),
			),
			app.Textarea().
				ID("verify-trusted").
				Class("mono").
				Rows(3).
				Spellcheck(false).
				Attr("autocomplete", "off").
				Placeholder("did:web:issuer.example").
				Text(p.trusted).
				OnInput(p.onTrusted),
			app.Label().For("verify-bundle").Body(
				app.Text(tr("verify.bundle")+" "),
				app.Span().Class("muted").Text(tr("verify.bundleNote")),
			),
			app.Input().ID("verify-bundle").Type("file").Accept("application/json,.json").OnChange(p.onBundle),
			app.If(p.bundleName != "", func() app.UI {
				return app.P().ID("verify-bundle-name").Class("muted").Text(tr("verify.using", p.bundleName))
			}),
			app.Div().Class("actions").Body(
				p.button(busy, label),
				app.If(p.hint != "", func() app.UI {
					return app.Span().ID("verify-hint").Class("hint").Text(p.hint)
				}),
			),
		),
		app.If(p.state.Phase == phaseDone, func() app.UI {
			return newResultView().Result(p.state.Result).Error(p.state.Err).Seq(p.state.Seq)
		}),
	)
}

// button is the Verify button; disabled only while a verification runs
// (go-app writes Disabled(false) as disabled="false" in pre-rendered HTML,
// which browsers read as disabled).
func (p *verifyPage) button(busy bool, label string) app.UI {
	b := app.Button().ID("verify-button").Class("primary").Type("button").OnClick(p.onVerify)
	if busy {
		b = b.Disabled(true).Aria("busy", true).Body(
			app.Span().Class("spinner").Aria("hidden", true),
			app.Text(label),
		)
	} else {
		b = b.Text(label)
	}
	return b
}
