package app

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The wallet speaks English, German and French. Every user-visible string
// of the screens is a key in the message catalogue (messages.go), with
// one text per language; tr looks a key up in the current language.
//
// The language is the one chosen in Settings (stored in the encrypted
// settings record, so a backup carries it), else the browser's
// (navigator.languages), else English. The choice is also kept in
// localStorage (langStorageKey), in clear, so that the screens shown
// before the wallet is unlocked — first run and unlock — speak it too:
// that reveals the chosen language to whoever reads the browser's
// storage, nothing else.

// lang is a language of the catalogue.
type lang int

const (
	langEN lang = iota
	langDE
	langFR
	numLangs
)

// langTags are the BCP 47 tags of the languages, in lang order.
var langTags = [numLangs]string{"en", "de", "fr"}

// langNames name each language in itself (for the Settings menu).
var langNames = [numLangs]string{"English", "Deutsch", "Français"}

// String returns the language's BCP 47 tag.
func (l lang) String() string { return langTags[l] }

// parseLang returns the language a BCP 47 tag (or a browser language
// such as "de-CH") falls in, if the catalogue has it.
func parseLang(tag string) (lang, bool) {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	for l, t := range langTags {
		if base == t {
			return lang(l), true
		}
	}
	return langEN, false
}

// curLang is the language the screens render in.
var curLang atomic.Int32

func currentLang() lang { return lang(curLang.Load()) }

// setLang switches the screens to l and tells the page (the lang
// attribute of <html>, read by screen readers and hyphenation).
func setLang(l lang) {
	if l < 0 || l >= numLangs {
		l = langEN
	}
	curLang.Store(int32(l))
	if !app.IsClient {
		return
	}
	// Guarded: Node (GOOS=js tests) has no document.
	if doc := app.Window().Get("document"); doc.Truthy() {
		if root := doc.Get("documentElement"); root.Truthy() {
			root.Set("lang", l.String())
		}
	}
}

// langStorageKey is the localStorage key of the chosen language.
const langStorageKey = "gxwallet.lang"

// initLang picks the language at start: the choice stored by
// applyLangChoice, else the browser's.
func initLang() {
	if l, ok := storedLang(); ok {
		setLang(l)
		return
	}
	setLang(browserLang())
}

// storedLang is the language stored by applyLangChoice, if any.
func storedLang() (lang, bool) {
	if !app.IsClient {
		return langEN, false
	}
	if s := localStorage(); s.Truthy() {
		if v := s.Call("getItem", langStorageKey); v.Truthy() {
			return parseLang(v.String())
		}
	}
	return langEN, false
}

// browserLang is the first of navigator.languages the catalogue has.
func browserLang() lang {
	if !app.IsClient {
		return langEN
	}
	nav := app.Window().Get("navigator")
	if !nav.Truthy() {
		return langEN // Node 20 (GOOS=js tests) has no navigator
	}
	if langs := nav.Get("languages"); langs.Truthy() {
		for i := range langs.Length() {
			if l, ok := parseLang(langs.Index(i).String()); ok {
				return l
			}
		}
	}
	if v := nav.Get("language"); v.Truthy() {
		if l, ok := parseLang(v.String()); ok {
			return l
		}
	}
	return langEN
}

// applyLangChoice switches to the Settings choice (a tag, or "" for the
// browser's language) and remembers it for the locked screens.
func applyLangChoice(choice string) {
	l, ok := parseLang(choice)
	if !ok || choice == "" {
		l = browserLang()
	}
	setLang(l)
	if !app.IsClient {
		return
	}
	if s := localStorage(); s.Truthy() {
		if choice == "" || !ok {
			s.Call("removeItem", langStorageKey)
		} else {
			s.Call("setItem", langStorageKey, l.String())
		}
	}
}

// localStorage returns window.localStorage, or undefined where it is
// missing or refused (some private modes throw on access).
func localStorage() (v app.Value) {
	defer func() {
		if recover() != nil {
			v = app.Undefined()
		}
	}()
	return app.Window().Get("localStorage")
}

// tr returns the message key in the current language, formatted with
// args (fmt.Sprintf) when there are any. A key missing from the catalogue
// (TestCatalogueKeys makes that a test failure) shows as itself.
func tr(key string, args ...any) string {
	return trIn(currentLang(), key, args...)
}

// trIn is tr in language l.
func trIn(l lang, key string, args ...any) string {
	m, ok := catalogue[key]
	if !ok {
		return key
	}
	s := m[l]
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// uiError is an error the holder reads: a catalogue key and its
// arguments, worded in the current language by userMessage. Its Error
// is the English text (logs, tests).
type uiError struct {
	key  string
	args []any
}

func (e *uiError) Error() string { return trIn(langEN, e.key, e.args...) }

// message words the error in the current language.
func (e *uiError) message() string { return tr(e.key, e.args...) }

// uiErr returns a *uiError.
func uiErr(key string, args ...any) *uiError { return &uiError{key: key, args: args} }
