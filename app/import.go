package app

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// importPage adds a credential: pasted, read from a file, or given by a
// ?credential= link. It is verified on the device before it is kept.
type importPage struct {
	app.Compo

	ws       walletState
	st       importState
	input    string
	fileName string
	hint     string
	lastSeq  uint64
	scan     scanner
}

func newImportPage() *importPage { return &importPage{} }

func (p *importPage) OnMount(ctx app.Context) {
	ctx.ObserveState(stateWallet, &p.ws)
	ctx.ObserveState(stateImport, &p.st).OnChange(func() {
		// Clear the field once its credential is kept.
		if p.st.Done && p.st.Seq != p.lastSeq {
			p.lastSeq = p.st.Seq
			p.input, p.fileName = "", ""
		}
	})
	ctx.NewAction(actionWalletOpen)
}

// OnDismount turns the camera off when the holder leaves the page.
func (p *importPage) OnDismount() { p.scan.stop() }

func (p *importPage) onScan(ctx app.Context, e app.Event) {
	p.hint = ""
	if p.scan.scanning {
		p.scan.stop()
		return
	}
	p.scan.start(ctx, p.onScanned, func(ctx app.Context, key string) { p.hint = tr(key) })
}

func (p *importPage) onQRFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	p.hint = ""
	readPicture(ctx, files.Index(0), func(ctx app.Context, text string, ok bool) {
		if !ok {
			p.hint = tr("err.scan.none")
			return
		}
		p.onScanned(ctx, text)
	})
}

// onScanned handles a code's text: an offer or a request opens its page;
// anything else is imported as a credential.
func (p *importPage) onScanned(ctx app.Context, text string) {
	if to := scannedTarget(text); to != "" {
		ctx.Navigate(to)
		return
	}
	p.input, p.fileName = strings.TrimSpace(text), ""
	ctx.NewActionWithValue(actionImport, p.input)
}

func (p *importPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(tr("wallet.add") + " · gxwallet")
	takeCredentialLink(ctx)
}

func (p *importPage) onInput(ctx app.Context, e app.Event) {
	p.input = ctx.JSSrc().Get("value").String()
	p.hint = ""
}

// maxCredentialFile bounds a credential file read into the page (the
// verifier refuses more than 1 MiB anyway).
const maxCredentialFile = 2 << 20

// onFile reads the chosen file as text into the field.
func (p *importPage) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	if f.Get("size").Int() > maxCredentialFile {
		p.hint = tr("import.hintTooLarge")
		return
	}
	name := f.Get("name").String()
	var onText app.Func
	onText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) {
			p.input, p.fileName, p.hint = strings.TrimSpace(text), name, ""
		})
		onText.Release()
		return nil
	})
	f.Call("text").Call("then", onText)
}

func (p *importPage) onImport(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.st.Busy {
		return
	}
	if strings.TrimSpace(p.input) == "" {
		p.hint = tr("import.hintEmpty")
		return
	}
	// An offer or a request pasted here goes to the page that answers it.
	if to := scannedTarget(p.input); to != "" {
		ctx.Navigate(to)
		return
	}
	ctx.NewActionWithValue(actionImport, p.input)
}

func (p *importPage) Render() app.UI {
	return newShell().Active(PathWallet).Content(
		walletContent(p.ws, p.renderForm),
	)
}

func (p *importPage) renderForm() app.UI {
	st := p.st
	return app.Div().ID("import").Body(
		app.H1().Text(tr("wallet.add")),
		app.P().Class("lead").Text(tr("import.lead")),
		app.Form().ID("import-form").Class("card form").OnSubmit(p.onImport).Body(
			app.Label().For("import-input").Text(tr("import.label")),
			app.Textarea().ID("import-input").Class("mono").Rows(8).Spellcheck(false).
				Attr("autocomplete", "off").Placeholder("eyJhbGciOiJFUzI1NiIs…~WyJ…~").
				Text(p.input).OnInput(p.onInput),
			app.Label().For("import-file").Body(
				app.Text(tr("import.file")+" "),
				app.Span().Class("muted").Text("(.jwt, .txt, .json)"),
			),
			app.Input().ID("import-file").Type("file").Accept(".jwt,.txt,.json,.sd-jwt,text/plain,application/json").OnChange(p.onFile),
			app.Div().Class("scan").Body(
				app.Button().ID("import-scan").Type("button").OnClick(p.onScan).Text(tr(scanLabel(p.scan.scanning))),
				app.Label().For("import-qr-file").Class("inline").Text(tr("scan.picture")),
				app.Input().ID("import-qr-file").Type("file").Accept("image/*").Attr("capture", "environment").OnChange(p.onQRFile),
			),
			app.If(p.scan.scanning, func() app.UI {
				return app.Video().ID("scan-video").Class("scan-video").Muted(true).Attr("playsinline", true).
					Aria("label", tr("scan.video"))
			}),
			app.If(p.fileName != "", func() app.UI {
				return app.P().ID("import-file-name").Class("muted").Text(tr("import.readFrom", p.fileName))
			}),
			app.Div().Class("actions").Body(
				busyButton("import-button", tr("import.button"), tr("import.busy"), st.Busy),
				app.If(p.hint != "", func() app.UI {
					return app.Span().ID("import-hint").Class("hint").Text(p.hint)
				}),
			),
		),
		app.If(st.Done, func() app.UI {
			c := st.Imported
			return app.Div().ID("import-done").Class("notice").Aria("live", "polite").Body(
				app.Text(tr("import.done", credTitle(c.Type), statusLabel(c.Result.Status))+" "),
				app.A().ID("import-open").Href(PathCredential+"?id="+url.QueryEscape(c.ID)).Text(tr("import.open")),
				app.Text(" "+tr("import.or")+" "),
				app.A().Href(PathWallet).Text(tr("import.seeAll")),
				app.Text("."),
			)
		}),
		app.If(st.Err != "", func() app.UI {
			return app.P().ID("import-error").Class("error").Aria("live", "assertive").Text(st.Err)
		}),
		app.If(st.HasRejected, func() app.UI {
			return newResultView().Result(st.Rejected).Seq(st.Seq)
		}),
	)
}

func scanLabel(scanning bool) string {
	if scanning {
		return "scan.stop"
	}
	return "scan.start"
}
