package e2e

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestWalletLoadingLanguage: go-app's loader (shown while the wasm
// downloads and compiles) speaks the browser's language, as the screens
// do: German and French browsers (Chromium's --lang) see German and
// French words with the progress percentage, an English one English; a
// language chosen in Settings (kept in localStorage) wins over the
// browser's. The test records every text the label holds at each
// animation frame, that is, what could be painted, from the start of
// the page.
func TestWalletLoadingLanguage(t *testing.T) {
	dist := distDir(t)
	srv := startServe(t, dist)
	for _, tc := range []struct {
		browser    string // Chromium's --lang
		prefix     string // the label's words before the percentage
		suffix     string // and after
		stored     string // a choice made in Settings, then the second load
		storedPref string
	}{
		{browser: "de-DE", prefix: "gxwallet wird geladen… ", suffix: "\u00a0%", stored: "fr", storedPref: "Chargement de gxwallet… "},
		{browser: "fr-FR", prefix: "Chargement de gxwallet… ", suffix: "\u202f%"},
		{browser: "en-US", prefix: "Loading gxwallet… ", suffix: "%", stored: "de", storedPref: "gxwallet wird geladen… "},
	} {
		t.Run(tc.browser, func(t *testing.T) {
			ctx := langBrowser(t, tc.browser)
			var langs []string
			run(t, ctx, "blank", chromedp.Navigate("about:blank"))
			evalJSON(t, ctx, `navigator.languages`, &langs)
			t.Logf("navigator.languages: %q", langs)
			run(t, ctx, "record the label", chromedp.ActionFunc(func(c context.Context) error {
				_, err := page.AddScriptToEvaluateOnNewDocument(recordLabelJS).Do(c)
				return err
			}))

			check := func(what, prefix, suffix, lang string) {
				t.Helper()
				run(t, ctx, "open", chromedp.Navigate(srv.url+"/"))
				waitBoot(t, ctx)
				var rec struct {
					Texts []string `json:"texts"`
					Langs []string `json:"langs"`
				}
				evalJSON(t, ctx, `window.gxLoaderSeen`, &rec)
				t.Logf("%s: the loader showed %q", what, rec.Texts)
				if len(rec.Texts) == 0 {
					t.Fatalf("%s: no frame painted the loader", what)
				}
				for _, s := range rec.Texts {
					p, ok := strings.CutPrefix(s, prefix)
					if ok {
						p, ok = strings.CutSuffix(p, suffix)
					}
					if !ok || p == "" || strings.Trim(p, "0123456789") != "" {
						t.Errorf("%s: the loader showed %q, want %q<percent>%q", what, s, prefix, suffix)
					}
				}
				for _, l := range rec.Langs {
					if l != lang {
						t.Errorf("%s: label lang %q, want %q", what, l, lang)
					}
				}
			}
			lang := strings.Split(tc.browser, "-")[0]
			if lang == "en" {
				lang = "" // the page's own (<html lang="en">)
			}
			check("browser "+tc.browser, tc.prefix, tc.suffix, lang)
			if tc.stored == "" {
				return
			}
			evalJSON(t, ctx, `localStorage.setItem("gxwallet.lang", "`+tc.stored+`"), true`, new(bool))
			suffix := map[string]string{"de": "\u00a0%", "fr": "\u202f%"}[tc.stored]
			check("chosen "+tc.stored, tc.storedPref, suffix, tc.stored)
		})
	}
}

// langBrowser is newBrowser with Chromium's user interface language (and
// so navigator.languages) set to lang.
func langBrowser(t *testing.T, lang string) context.Context {
	t.Helper()
	opts := append(chromiumOptions(t, filepath.Join(t.TempDir(), "profile")),
		chromedp.Flag("lang", lang), chromedp.Flag("accept-lang", lang))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() {
		_ = chromedp.Cancel(ctx)
		cancelC()
		cancelB()
		cancelA()
	})
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// recordLabelJS runs before the page's own scripts: at every animation
// frame it notes the loader label's text (when it changed) and lang
// attribute, in window.gxLoaderSeen.
const recordLabelJS = `(() => {
  const seen = window.gxLoaderSeen = {texts: [], langs: []};
  const frame = () => {
    const el = document.getElementById("app-wasm-loader-label");
    if (el) {
      const s = el.textContent;
      if (seen.texts[seen.texts.length - 1] !== s) {
        seen.texts.push(s);
        seen.langs.push(el.getAttribute("lang") || "");
      }
    }
    if (!el || el.isConnected) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`
