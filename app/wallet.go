package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// walletPage lists the credentials kept on this device. Storage is not
// built yet, so it says so instead of showing made-up credentials.
type walletPage struct {
	app.Compo
}

func newWalletPage() *walletPage { return &walletPage{} }

func (p *walletPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle("Wallet · gxwallet")
}

func (p *walletPage) Render() app.UI {
	return newShell().Active(PathWallet).Content(
		app.H1().Text("Wallet"),
		app.Section().ID("wallet-empty").Class("card empty").Body(
			app.Img().Class("empty-icon").Src("/web/icon.svg").Alt("").Width(64).Height(64),
			app.H2().Text("No credentials yet"),
			app.P().Text("Credentials issued to you, such as the Gaia-X natural person "+
				"party credential your employer gives you, will be kept here, on this "+
				"device. When a relying party asks for a presentation, you will choose "+
				"which claims to show."),
			app.P().Class("muted").Text("Receiving credentials (OpenID4VCI) and presenting "+
				"them (OpenID4VP) are not available yet. You can already check a "+
				"credential someone gave you."),
			app.A().ID("wallet-go-verify").Class("button primary").Href(PathVerify).Text("Verify a credential"),
		),
	)
}
