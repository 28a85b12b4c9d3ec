package app

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// verbRE matches a fmt verb (and %%).
var verbRE = regexp.MustCompile(`%[-+# 0]*(\d+|\*)?(\.(\d+|\*))?[a-zA-Z%]`)

// TestCatalogue: every key has a text in every language, and the texts
// of a key take the same formatting verbs in the same order.
func TestCatalogue(t *testing.T) {
	if len(catalogue) == 0 {
		t.Fatal("empty catalogue")
	}
	for key, texts := range catalogue {
		want := verbRE.FindAllString(texts[langEN], -1)
		for l := range numLangs {
			if strings.TrimSpace(texts[l]) == "" {
				t.Errorf("%s: no %s text", key, l)
				continue
			}
			if got := verbRE.FindAllString(texts[l], -1); !slices.Equal(got, want) {
				t.Errorf("%s: %s has verbs %v, English %v", key, l, got, want)
			}
		}
	}
}

// keyUseRE finds the literal keys the code looks up.
var keyUseRE = regexp.MustCompile(`\b(?:tr|uiErr)\("([^"]+)"`)

// TestCatalogueKeys: every key the code uses (tr, uiErr, navItems,
// statusKeys) is in the catalogue, and every catalogue key is used.
func TestCatalogueKeys(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "messages.go" {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	code := src.String()
	used := map[string]bool{}
	for _, m := range keyUseRE.FindAllStringSubmatch(code, -1) {
		used[m[1]] = true
	}
	for _, it := range navItems {
		used[it.label] = true
	}
	for _, k := range statusKeys {
		used[k[0]], used[k[1]] = true, true
	}
	for key := range used {
		if _, ok := catalogue[key]; !ok {
			t.Errorf("key %q is used but not in the catalogue", key)
		}
	}
	for key := range catalogue {
		if !used[key] && !strings.Contains(code, `"`+key+`"`) {
			t.Errorf("key %q is in the catalogue but never used", key)
		}
	}
}

func TestParseLang(t *testing.T) {
	for _, tc := range []struct {
		tag  string
		want lang
		ok   bool
	}{
		{"en", langEN, true}, {"en-GB", langEN, true}, {"de", langDE, true}, {"de-CH", langDE, true},
		{"FR-ca", langFR, true}, {" fr ", langFR, true}, {"es", langEN, false}, {"", langEN, false}, {"d", langEN, false},
	} {
		if got, ok := parseLang(tc.tag); got != tc.want || ok != tc.ok {
			t.Errorf("parseLang(%q) = %v, %v; want %v, %v", tc.tag, got, ok, tc.want, tc.ok)
		}
	}
}

// TestUIErrorMessages: a *uiError reads in the current language, and its
// Error stays English.
func TestUIErrorMessages(t *testing.T) {
	defer setLang(langEN)
	setLang(langDE)
	if got := userMessage(errShortPassphrase); got != "Eine Passphrase braucht mindestens 10 Zeichen." {
		t.Errorf("German message: %q", got)
	}
	if got := errShortPassphrase.Error(); got != "A passphrase needs at least 10 characters." {
		t.Errorf("Error(): %q", got)
	}
	setLang(langFR)
	if got := userMessage(errOtherKey); !strings.Contains(got, "clé de titulaire") {
		t.Errorf("French message: %q", got)
	}
}
