package app

import (
	"encoding/json"
	"strings"

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
		LoadingLabel:    loadingLabels[langEN],
		RawHeaders:      []string{loadingScript()},
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

// loadingLabels are the words of go-app's loader (Handler.LoadingLabel),
// shown while the wasm downloads and compiles, before any Go runs; go-app
// replaces "{progress}" with the percentage. The page is served in
// English; loadingScript switches the label to the others.
var loadingLabels = [numLangs]string{
	langEN: "Loading gxwallet… {progress}%",
	langDE: "gxwallet wird geladen… {progress}\u00a0%",
	langFR: "Chargement de gxwallet… {progress}\u202f%",
}

// loadingScript is an inline script for the page's head that makes the
// loader speak the language the screens will speak (see initLang): the
// choice kept in localStorage, else the first of navigator.languages
// (then navigator.language) the catalogue has, else English. go-app's
// app.js writes the English label (a const of its own) at every progress
// step, so a MutationObserver on the label rewrites each English text it
// sees, keeping the percentage, before the browser paints it; the label
// also gets the lang attribute, for screen readers. The page sets no
// Content-Security-Policy; one would need this script's hash.
func loadingScript() string {
	others := map[string]string{}
	for l := langEN + 1; l < numLangs; l++ {
		others[langTags[l]] = loadingLabels[l]
	}
	js := func(v any) string {
		b, err := json.Marshal(v) // escapes <, > and &: no "</script>" inside
		if err != nil {
			panic(err) // strings and a map of strings always encode
		}
		return string(b)
	}
	return strings.NewReplacer(
		"$EN", js(loadingLabels[langEN]),
		"$LABELS", js(others),
		"$KEY", js(langStorageKey),
	).Replace(loadingJS)
}

const loadingJS = `<script>(function () {
  var en = $EN, labels = $LABELS, key = $KEY, want = [], lang = "";
  try { want.push(localStorage.getItem(key) || ""); } catch (e) {}
  want = want.concat(Array.prototype.slice.call(navigator.languages || []), [navigator.language || ""]);
  for (var i = 0; i < want.length && !lang; i++) {
    var base = String(want[i]).trim().toLowerCase().split("-")[0];
    if (base === "en") return;
    if (Object.prototype.hasOwnProperty.call(labels, base)) lang = base;
  }
  if (!lang) return;
  var at = en.indexOf("{progress}"), pre = en.slice(0, at), post = en.slice(at + 10), label = null;
  var mo = new MutationObserver(function () {
    if (!label) {
      label = document.getElementById("app-wasm-loader-label");
      if (!label) return;
      label.lang = lang;
      mo.disconnect();
      mo.observe(label, {childList: true, characterData: true, subtree: true});
    }
    var s = label.textContent, p = s.slice(pre.length, s.length - post.length);
    if (s.length > pre.length + post.length && s.slice(0, pre.length) === pre &&
        s.slice(s.length - post.length) === post && /^[0-9]{1,3}$/.test(p)) {
      label.textContent = labels[lang].replace("{progress}", p);
    }
  });
  mo.observe(document.documentElement, {childList: true, subtree: true});
})();</script>`

// Colours the manifest and the page use before the stylesheet loads; they
// match web/app.css.
const (
	colorTheme      = "#14206b"
	colorBackground = "#f5f6fa"
)
