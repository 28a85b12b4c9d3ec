//go:build !js

package app

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

func TestLoadingLabels(t *testing.T) {
	h := Handler("v")
	if h.LoadingLabel != loadingLabels[langEN] {
		t.Errorf("Handler.LoadingLabel = %q, want the English label", h.LoadingLabel)
	}
	if len(h.RawHeaders) != 1 || h.RawHeaders[0] != loadingScript() {
		t.Errorf("Handler.RawHeaders = %q, want the loading script", h.RawHeaders)
	}
	seen := map[string]bool{}
	for l, s := range loadingLabels {
		if strings.Count(s, "{progress}") != 1 {
			t.Errorf("%s label %q: want one {progress}", lang(l), s)
		}
		if strings.ContainsAny(s, `"\<`) { // go-app puts the label in a JS string and the HTML
			t.Errorf("%s label %q has a character go-app does not escape", lang(l), s)
		}
		if seen[s] {
			t.Errorf("%s label %q is another language's", lang(l), s)
		}
		seen[s] = true
	}
	js := loadingScript()
	if !strings.HasPrefix(js, "<script>") || strings.Index(js, "</") != len(js)-len("</script>") {
		t.Errorf("the script is not one inline script element: %s", js)
	}
	for _, ph := range []string{"$EN", "$LABELS", "$KEY"} {
		if strings.Contains(js, ph) {
			t.Errorf("placeholder %s is left in the script: %s", ph, js)
		}
	}
}

// TestLoadingScript runs the loading script under Node with a stand-in
// for the few DOM parts it uses, and checks which label the loader shows
// for a stored choice and the browser's languages, as initLang would pick.
func TestLoadingScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	body := strings.TrimSuffix(strings.TrimPrefix(loadingScript(), "<script>"), "</script>")
	for _, tc := range []struct {
		name, stored string
		languages    []string
		language     string
		want         lang
	}{
		{name: "German browser", languages: []string{"de-DE", "de", "en-US"}, language: "de-DE", want: langDE},
		{name: "Swiss French browser", languages: []string{"fr-CH"}, language: "fr-CH", want: langFR},
		{name: "English first", languages: []string{"en-GB", "de"}, language: "en-GB", want: langEN},
		{name: "first known language", languages: []string{"it", "fr", "de"}, language: "it", want: langFR},
		{name: "none known", languages: []string{"it", "es"}, language: "it", want: langEN},
		{name: "no languages list", language: "de-AT", want: langDE},
		{name: "stored choice first", stored: "fr", languages: []string{"de"}, language: "de", want: langFR},
		{name: "stored English", stored: "en", languages: []string{"de"}, language: "de", want: langEN},
		{name: "stored nonsense ignored", stored: "xx", languages: []string{"de"}, language: "de", want: langDE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := json.Marshal(map[string]any{
				"stored": tc.stored, "languages": tc.languages, "language": tc.language,
				"en": loadingLabels[langEN],
			})
			out, err := exec.Command(node, "-e", loadingHarness(string(env), body)).CombinedOutput()
			if err != nil {
				t.Fatalf("node: %v\n%s", err, out)
			}
			var got struct {
				Texts []string
				Lang  string
			}
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("%s: %v", out, err)
			}
			want := []string{
				strings.Replace(loadingLabels[tc.want], "{progress}", "0", 1),
				strings.Replace(loadingLabels[tc.want], "{progress}", "42", 1),
				strings.Replace(loadingLabels[tc.want], "{progress}", "100", 1),
				"Error: wasm failed", // go-app's failure text stays as it is
			}
			if strings.Join(got.Texts, "|") != strings.Join(want, "|") {
				t.Errorf("the loader showed %q, want %q", got.Texts, want)
			}
			if wantLang := tc.want.String(); tc.want == langEN && got.Lang != "" || tc.want != langEN && got.Lang != wantLang {
				t.Errorf("label lang %q", got.Lang)
			}
		})
	}
}

// loadingHarness is a Node program: a stand-in document, navigator and
// localStorage from env, then the script, then the label's life as
// go-app's page and app.js make it (parsed with 0%, 42%, 100%, an error);
// it prints what the label held after each step.
func loadingHarness(env, script string) string {
	return `const env = ` + env + `;
let present = false;
const label = {textContent: "", lang: ""};
const observers = [];
globalThis.MutationObserver = class {
  constructor(cb) { this.cb = cb; this.target = null; observers.push(this); }
  observe(t) { this.target = t; }
  disconnect() { this.target = null; }
};
const notify = () => { for (const o of observers.slice()) if (o.target) o.cb([], o); };
globalThis.document = {documentElement: {}, getElementById: id => present && id === "app-wasm-loader-label" ? label : null};
Object.defineProperty(globalThis, "navigator", {value: {languages: env.languages, language: env.language}, configurable: true});
globalThis.localStorage = {getItem: k => k === "gxwallet.lang" && env.stored ? env.stored : null};
` + script + `
const texts = [];
notify(); // the head parsed, no loader yet
present = true;
for (const s of [env.en.replace("{progress}", "0"), env.en.replace("{progress}", "42"), env.en.replace("{progress}", "100"), "Error: wasm failed"]) {
  label.textContent = s;
  notify();
  texts.push(label.textContent);
}
process.stdout.write(JSON.stringify({texts, lang: label.lang}));
`
}
