package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// shell is the layout every page shares: a top bar with the name and the
// navigation, the page's content, a banner when a new version is ready, and
// a footer that says where verification happens.
type shell struct {
	app.Compo

	// IActive is the path of the current page; its link is marked current.
	IActive string
	// IContent is the page's content.
	IContent []app.UI

	updateAvailable bool
	wallet          walletState
}

func newShell() *shell { return &shell{} }

// Active marks the navigation link of path as the current page.
func (s *shell) Active(path string) *shell {
	s.IActive = path
	return s
}

// Content sets the page's content.
func (s *shell) Content(v ...app.UI) *shell {
	s.IContent = app.FilterUIElems(v...)
	return s
}

// OnMount reads whether an update was installed before this page mounted
// and follows the wallet's state (for the Lock button).
func (s *shell) OnMount(ctx app.Context) {
	s.updateAvailable = ctx.AppUpdateAvailable()
	ctx.ObserveState(stateWallet, &s.wallet)
}

func (s *shell) lock(ctx app.Context, e app.Event) {
	ctx.NewAction(actionLock)
}

// OnAppUpdate shows the update banner once the service worker has installed
// a new version.
func (s *shell) OnAppUpdate(ctx app.Context) {
	s.updateAvailable = ctx.AppUpdateAvailable()
}

func (s *shell) reload(ctx app.Context, e app.Event) {
	ctx.Reload()
}

// navItems lists the pages in the navigation, in order.
var navItems = []struct{ path, label string }{ // label: a catalogue key
	{PathWallet, "nav.wallet"},
	{PathPresent, "nav.present"},
	{PathHistory, "nav.history"},
	{PathSettings, "nav.settings"},
	{PathVerify, "nav.verify"},
}

func (s *shell) Render() app.UI {
	return app.Div().Class("shell").Body(
		app.Header().Class("topbar").Body(
			app.A().Class("brand").Href(PathWallet).Body(
				decorativeImg("brand-icon", "/web/icon.svg", 28),
				app.Span().Text("gxwallet"),
			),
			app.Nav().ID("nav").Class("nav").Aria("label", tr("nav.label")).Body(
				app.Range(navItems).Slice(func(i int) app.UI {
					it := navItems[i]
					a := app.A().ID("nav-" + slug(it.path)).Href(it.path).Text(tr(it.label))
					if it.path == s.IActive {
						a = a.Class("active").Aria("current", "page")
					}
					return a
				}),
				app.If(s.wallet.Phase == walletOpen, func() app.UI {
					return app.Button().ID("lock-button").Class("lock-button").Type("button").Text(tr("nav.lock")).OnClick(s.lock)
				}),
			),
		),
		app.If(s.updateAvailable, func() app.UI {
			return app.Div().ID("update-banner").Class("banner").Body(
				app.Span().Text(tr("shell.update")),
				app.Button().Class("link-button").Text(tr("shell.reload")).OnClick(s.reload),
			)
		}),
		app.Main().ID("main").Class("content").Body(s.IContent...),
		app.Footer().Class("footer").Body(
			app.Text(tr("shell.footer")),
		),
	)
}

// slug turns a page path into an id fragment: "/" is "wallet".
func slug(path string) string {
	if path == PathWallet {
		return "wallet"
	}
	return path[1:]
}

// decorativeImg is an image that says nothing the text next to it does
// not: hidden from assistive technology. (go-app drops an empty alt
// attribute, so role="presentation" is what marks it decorative.)
func decorativeImg(class, src string, size int) app.UI {
	return app.Img().Class(class).Src(src).Attr("role", "presentation").Aria("hidden", true).Width(size).Height(size)
}

// scrollable makes a box that may scroll (wide tables, long text)
// reachable and scrollable by keyboard, and names it for screen readers
// (WCAG 2.1.1; axe scrollable-region-focusable).
func scrollable[E interface {
	app.UI
	TabIndex(int) E
	Aria(string, any) E
	Attr(string, any) E
}](e E, label string) E {
	return e.TabIndex(0).Attr("role", "region").Aria("label", label)
}
