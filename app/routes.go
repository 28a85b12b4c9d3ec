package app

import (
	"github.com/gxwallet/gxwallet/sw"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Paths of the pages.
const (
	PathWallet     = "/"
	PathImport     = "/import"
	PathCredential = "/credential" // ?id=<record id>
	PathPresent    = "/present"    // ?id=<record id>
	PathHistory    = "/history"
	PathSettings   = "/settings"
	PathVerify     = "/verify"
)

// walletPaths are the pages of the wallet (besides "/"); the service
// worker precaches them so that each opens offline.
var walletPaths = []string{PathImport, PathCredential, PathPresent, PathHistory, PathSettings, PathReceive, PathAuthorize}

// Routes registers the pages and the action handlers. Call it once, before
// app.RunWhenOnBrowser in the client and before serving or generating pages
// on the server.
func Routes() {
	app.Route(PathWallet, func() app.Composer { return newWalletPage() })
	app.Route(PathImport, func() app.Composer { return newImportPage() })
	app.Route(PathCredential, func() app.Composer { return newCredentialPage() })
	app.Route(PathPresent, func() app.Composer { return newPresentPage() })
	app.Route(PathHistory, func() app.Composer { return newHistoryPage() })
	app.Route(PathSettings, func() app.Composer { return newSettingsPage() })
	app.Route(PathVerify, func() app.Composer { return newVerifyPage() })
	app.Route(PathReceive, func() app.Composer { return newReceivePage() })
	app.Route(PathAuthorize, func() app.Composer { return newAuthorizePage() })
	app.Handle(actionVerify, handleVerify)
	registerWalletActions()
	registerOID4VCActions()
	if app.IsClient {
		initLang()
	}
}

// Handler returns the PWA's description for go-app's HTTP handler and static
// site generator. Version identifies the build (a hash of the wasm and the
// assets): the service worker re-downloads the shell only when it changes.
//
// Handler leaves Resources unset (go-app's default, /web/ from the working
// directory); the server sets it to where the build put the assets.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:            "gxwallet",
		ShortName:       "gxwallet",
		Title:           "gxwallet",
		Description:     "A wallet and verifier for Gaia-X credentials. Runs on your device, works offline.",
		Lang:            "en",
		BackgroundColor: colorBackground,
		ThemeColor:      colorTheme,
		LoadingLabel:    "Loading gxwallet… {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles:                []string{"/web/app.css"},
		CacheableResources:    append([]string{"/web/icon.svg", jsQRPath, PathVerify}, walletPaths...),
		ServiceWorkerTemplate: sw.AppWorkerJS,
		Version:               version,
	}
}

// Colours the manifest and the page use before the stylesheet loads; they
// match web/app.css.
const (
	colorTheme      = "#14206b"
	colorBackground = "#f5f6fa"
)
