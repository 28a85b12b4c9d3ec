package app

import (
	"context"
	"crypto"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gxwallet/gxwallet/core/bundle"
	"github.com/gxwallet/gxwallet/core/fetch"
	"github.com/gxwallet/gxwallet/core/jose"
	"github.com/gxwallet/gxwallet/core/oid4vc"
	"github.com/gxwallet/gxwallet/core/sdjwt"
	"github.com/gxwallet/gxwallet/core/store"
	"github.com/gxwallet/gxwallet/core/verify"
)

// The wallet's flows, free of UI: create, unlock, lock, import, re-check,
// delete, present, history, settings, wipe. Action handlers (walletaction.go)
// call them off the UI goroutine and publish what they return; tests call
// them with a memBackend.

// minPassphrase is the shortest passphrase a new wallet accepts, in
// characters. PBKDF2 slows each guess down; only length makes the space
// of guesses large.
const minPassphrase = 10

// Errors the UI words itself; everything else is shown with userMessage.
var (
	errShortPassphrase = uiErr("err.shortPassphrase", minPassphrase)
	errDuplicate       = uiErr("err.duplicate")
	errNotEnvelopable  = uiErr("err.notEnvelopable")
	errEmptyImport     = uiErr("err.emptyImport")
	errPresentation    = uiErr("err.presentation")
	errNotSDJWT        = uiErr("err.notSDJWT")
	errNoSuchCred      = uiErr("err.noSuchCred")
)

// rejectedError is an import refused because the credential did not
// verify: it carries the Result so the page can show why.
type rejectedError struct{ Result verify.Result }

func (e *rejectedError) Error() string {
	if f := e.Result.Failed(); f != nil {
		return fmt.Sprintf("this credential does not verify (%s): it was not imported", f.Code)
	}
	return "this credential does not verify: it was not imported"
}

// credRecord is a credential as the wallet stores it (store.TypeCredential):
// the credential as received, and the outcome of its last check.
type credRecord struct {
	store.Credential
	// Result is the verify.Result of the last check, as JSON text: kept as
	// a string because core/store bounds record nesting and a
	// credential's claims may nest deeply.
	Result  string    `json:"result"`
	Checked time.Time `json:"checked"`
	// Bundle holds the issuer's resources (DID document, status lists)
	// fetched when the credential was received, as a core/bundle text:
	// later checks run offline against it and say how old it is.
	Bundle string `json:"bundle,omitempty"`
}

// appSettings is the settings record (store.TypeSettings, id
// store.SettingsID): core/store's fields plus the app's. core/store
// reads the same record as store.Settings and keeps unknown members
// through migrations.
type appSettings struct {
	store.Settings
	// TrustedIssuers are DIDs (or https issuer URLs) whose credentials
	// the wallet calls active rather than untrusted.
	TrustedIssuers []string `json:"trustedIssuers,omitempty"`
	// HolderKey is the id of the store.TypeKey record of the holder key.
	HolderKey string `json:"holderKey,omitempty"`
	// TrustBundle is the trust bundle loaded in Settings, as a
	// verify.Request JSON text (trustbundle.go), or "".
	TrustBundle string `json:"trustBundle,omitempty"`
}

// holderKeyID is the id of the holder key's KeyRef record.
const holderKeyID = "holder"

// credEntry is one stored credential, decoded for display.
type credEntry struct {
	ID      string
	Format  string
	Raw     string
	Added   time.Time
	Checked time.Time
	Result  verify.Result
	// Type is the credential's most specific type (or SD-JWT VC vct).
	Type string
	// OtherKey is set when the credential is bound (cnf) to a holder key
	// other than the wallet's: it cannot be presented (see backup.go).
	OtherKey bool
	// Bundle is credRecord.Bundle.
	Bundle string
}

// session is the wallet as the app holds it: locked (w == nil) or
// unlocked with its records decrypted in memory. Its methods serialise on
// mu and may block on the browser: call them from a goroutine.
type session struct {
	mu       sync.Mutex
	be       backend
	ks       keyStore
	w        *store.Wallet
	signer   crypto.Signer
	holder   store.KeyRef
	settings appSettings
	creds    []credEntry
	pk       passkeyCache // the header's passkey slots, kept while locked (passkey.go)
}

func newSession(be backend) *session { return &session{be: be} }

func (s *session) kv(ctx context.Context) (keyStore, error) {
	if s.ks != nil {
		return s.ks, nil
	}
	ks, err := s.be.open(ctx)
	if err != nil {
		return nil, err
	}
	s.ks = ks
	return ks, nil
}

// exists reports whether a wallet has been created on this device.
func (s *session) exists(ctx context.Context) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ks, err := s.kv(ctx)
	if err != nil {
		return false, err
	}
	ok, err := store.Exists(ctx, ks)
	if ok && err == nil {
		s.notePasskeysIn(ctx, ks) // passkey.go
	}
	return ok, err
}

// unlocked reports whether the wallet is open.
func (s *session) unlocked() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w != nil
}

// create makes a new wallet under passphrase, with a new holder key.
func (s *session) create(ctx context.Context, passphrase string, now time.Time) error {
	if utf8.RuneCountInString(passphrase) < minPassphrase {
		return errShortPassphrase
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ks, err := s.kv(ctx)
	if err != nil {
		return err
	}
	w, err := store.Create(ctx, ks, s.be.crypto(), []byte(passphrase), store.Options{})
	if err != nil {
		return err
	}
	return s.open(ctx, w, now)
}

// unlock opens the wallet with passphrase; store.ErrWrongPassphrase when
// it does not fit.
func (s *session) unlock(ctx context.Context, passphrase string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ks, err := s.kv(ctx)
	if err != nil {
		return err
	}
	w, err := store.Unlock(ctx, ks, s.be.crypto(), []byte(passphrase))
	if err != nil {
		return err
	}
	return s.open(ctx, w, now)
}

// open loads an unlocked wallet: settings, the holder key (made now if the
// wallet has none, e.g. creation stopped after the wallet was written) and
// the credentials. On error the wallet is locked again.
func (s *session) open(ctx context.Context, w *store.Wallet, now time.Time) (err error) {
	defer func() {
		if err != nil {
			w.Lock()
			s.clear()
		}
	}()
	st, err := readSettings(ctx, w)
	if err != nil {
		return err
	}
	var ref store.KeyRef
	err = w.Get(ctx, store.TypeKey, holderKeyID, &ref)
	var signer crypto.Signer
	switch {
	case err == nil:
		if signer, err = s.ks.loadHolderKey(ctx, ref.Handle); err != nil {
			return fmt.Errorf("loading the holder key: %w", err)
		}
	case errors.Is(err, store.ErrNotExist):
		if signer, ref, err = s.ks.newHolderKey(ctx, now.UTC()); err != nil {
			return fmt.Errorf("making the holder key: %w", err)
		}
		st.HolderKey = holderKeyID
		err = w.Update(ctx, func(tx *store.RecordTx) error {
			if err := tx.Put(store.TypeKey, holderKeyID, ref); err != nil {
				return err
			}
			return tx.Put(store.TypeSettings, store.SettingsID, st)
		})
		if err != nil {
			_ = s.ks.deleteHolderKey(ctx, ref.Handle)
			return err
		}
	default:
		return err
	}
	s.w, s.signer, s.holder, s.settings = w, signer, ref, st
	s.notePasskeys(ctx, w.Header()) // passkey.go
	return s.loadCreds(ctx)
}

// readSettings reads the settings record, with the defaults where there
// is none or it leaves the lock timeout unset.
func readSettings(ctx context.Context, w *store.Wallet) (appSettings, error) {
	st := appSettings{Settings: store.DefaultSettings()}
	if err := w.Get(ctx, store.TypeSettings, store.SettingsID, &st); err != nil && !errors.Is(err, store.ErrNotExist) {
		return appSettings{}, err
	}
	if st.LockAfterSeconds <= 0 {
		st.LockAfterSeconds = store.DefaultLockAfterSeconds
	}
	return st, nil
}

// loadCreds decrypts every credential record, oldest first.
func (s *session) loadCreds(ctx context.Context) error {
	ids, err := s.w.List(ctx, store.TypeCredential)
	if err != nil {
		return err
	}
	creds := make([]credEntry, 0, len(ids))
	for _, id := range ids {
		var rec credRecord
		if err := s.w.Get(ctx, store.TypeCredential, id, &rec); err != nil {
			return err
		}
		creds = append(creds, s.entryOf(id, rec))
	}
	sort.SliceStable(creds, func(i, j int) bool { return creds[i].Added.Before(creds[j].Added) })
	s.creds = creds
	return nil
}

// entryOf decodes a stored credential for display; callers hold mu and
// the wallet is open.
func (s *session) entryOf(id string, rec credRecord) credEntry {
	e := credEntry{ID: id, Format: rec.Format, Raw: rec.Raw, Added: rec.Added, Checked: rec.Checked, Type: credType(rec.Raw), Bundle: rec.Bundle}
	e.OtherKey = boundToOtherKey(rec.Raw, s.holder.PublicJWK)
	if err := json.Unmarshal([]byte(rec.Result), &e.Result); err != nil {
		e.Result = verify.Result{Status: verify.StatusInvalid}
	}
	return e
}

// lock forgets the wallet key, the holder key handle and every decrypted
// record.
func (s *session) lock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil {
		s.w.Lock()
	}
	s.clear()
}

func (s *session) clear() {
	s.w, s.signer, s.holder, s.settings, s.creds = nil, nil, store.KeyRef{}, appSettings{}, nil
}

// snapshot is what the pages show of an unlocked wallet. Its slices are
// fresh copies: the pages may keep them.
type snapshot struct {
	Creds     []credEntry
	Settings  appSettings
	HolderDID string
	HolderJWK string
}

func (s *session) snapshot() (snapshot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return snapshot{}, false
	}
	st := s.settings
	st.TrustedIssuers = append([]string(nil), st.TrustedIssuers...)
	return snapshot{
		Creds:     append([]credEntry(nil), s.creds...),
		Settings:  st,
		HolderDID: s.holder.DID,
		HolderJWK: string(s.holder.PublicJWK),
	}, true
}

// locked returns store.ErrLocked when the wallet is not open; callers
// hold mu.
func (s *session) locked() error {
	if s.w == nil {
		return &store.Error{Op: "app", Err: store.ErrLocked}
	}
	return nil
}

// verifyStored checks a credential the way the wallet does: offline, at
// now, with the holder's trusted issuers and the resources kept with the
// credential (bundle, "" for none): a did:web issuer or a status list not
// among them is reported as not checkable offline.
func verifyStored(ctx context.Context, raw string, base verify.Request, bundle string, now time.Time) (verify.Result, error) {
	req := base
	req.Offline = true
	if bundle != "" {
		req.Bundle = json.RawMessage(bundle)
	}
	opts, err := req.Apply(verify.Options{})
	if err != nil {
		return verify.Result{Status: verify.StatusInvalid}, err
	}
	return verifyAt(ctx, raw, opts, now)
}

// verifyAt runs the verifier with opts at now, bounded in time.
func verifyAt(ctx context.Context, raw string, opts verify.Options, now time.Time) (verify.Result, error) {
	opts.Now = now
	vctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	return safeVerify(vctx, []byte(raw), opts)
}

// safeVerify is verify.Verify that turns a panic into an invalid result:
// the page must survive a core bug.
func safeVerify(ctx context.Context, raw []byte, opts verify.Options) (r verify.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = verify.Result{Status: verify.StatusInvalid}, fmt.Errorf("internal error: %v", p)
		}
	}()
	return verify.Verify(ctx, raw, opts)
}

// importCred verifies raw and keeps it. It refuses an empty input, a
// duplicate, a presentation, and a credential that is invalid for a
// reason other than a resource it could not reach offline (a
// *rejectedError). It returns the stored entry.
func (s *session) importCred(ctx context.Context, raw string, now time.Time) (credEntry, error) {
	return s.importFrom(ctx, raw, nil, now)
}

// importFrom is importCred with a fetcher for the issuer's resources
// (nil: offline). What it fetches is kept with the credential.
func (s *session) importFrom(ctx context.Context, raw string, online fetch.Fetcher, now time.Time) (credEntry, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return credEntry{}, errEmptyImport
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return credEntry{}, err
	}
	for _, c := range s.creds {
		if c.Raw == raw {
			return credEntry{}, errDuplicate
		}
	}
	var res verify.Result
	var verr error
	var kept string
	if online == nil {
		res, verr = verifyStored(ctx, raw, trustRequest(s.settings), "", now)
	} else {
		rec := &bundle.Recorder{Next: online, Now: now.UTC(), Kind: bundle.KindOf}
		opts, err := trustRequest(s.settings).Apply(verify.Options{Fetcher: rec})
		if err != nil {
			return credEntry{}, err
		}
		res, verr = verifyAt(ctx, raw, opts, now)
		if len(rec.Bundle.Resources) > 0 {
			b, err := json.Marshal(rec.Bundle)
			if err != nil {
				return credEntry{}, err
			}
			kept = string(b)
		}
	}
	if len(res.Credentials) > 0 || strings.HasPrefix(string(res.Format), "vp") {
		return credEntry{}, errPresentation
	}
	if res.Status == verify.StatusInvalid && !errors.Is(verr, verify.ErrIndeterminate) {
		return credEntry{}, &rejectedError{Result: res}
	}
	rb, err := json.Marshal(res)
	if err != nil {
		return credEntry{}, err
	}
	rec := credRecord{
		Credential: store.Credential{Format: string(res.Format), Raw: raw, Added: now.UTC()},
		Result:     string(rb),
		Checked:    now.UTC(),
		Bundle:     kept,
	}
	id := newHandle("c-")
	known := make(map[string]bool, len(s.creds))
	for _, c := range s.creds {
		known[c.ID] = true
	}
	others := false // records another tab added since this one loaded
	err = s.w.Update(ctx, func(tx *store.RecordTx) error {
		// Another open tab may have stored the same credential: look at
		// the records this tab has not seen, inside the write (the
		// wallet's writes are serialised across tabs), so that a
		// credential is never stored twice.
		ids, err := tx.List(store.TypeCredential)
		if err != nil {
			return err
		}
		for _, other := range ids {
			if known[other] {
				continue
			}
			others = true
			var r credRecord
			if err := tx.Get(store.TypeCredential, other, &r); err != nil {
				return err
			}
			if strings.TrimSpace(r.Raw) == raw {
				return errDuplicate
			}
		}
		if err := tx.Put(store.TypeCredential, id, rec); err != nil {
			return err
		}
		_, err = tx.AppendHistory(store.HistoryEntry{Time: now, Event: "import", Credential: id})
		return err
	})
	if err != nil {
		if others && errors.Is(err, errDuplicate) {
			_ = s.loadCreds(ctx) // show what the other tab stored
		}
		return credEntry{}, err
	}
	e := s.entryOf(id, rec)
	if others {
		if err := s.loadCreds(ctx); err == nil {
			return e, nil
		}
	}
	s.creds = append(s.creds, e)
	return e, nil
}

// recheck verifies a stored credential again (new trusted issuers, time
// passing) and stores the new result. With a transport (t non-nil: the
// holder asked, and the device is online) the resources kept with the
// credential are first fetched again from where they came from
// (refreshBundle), so a revocation since the last check shows.
func (s *session) recheck(ctx context.Context, id string, t oid4vc.Transport, now time.Time) (credEntry, error) {
	s.mu.Lock()
	if err := s.locked(); err != nil {
		s.mu.Unlock()
		return credEntry{}, err
	}
	i := s.find(id)
	if i < 0 {
		s.mu.Unlock()
		return credEntry{}, errNoSuchCred
	}
	kept := s.creds[i].Bundle
	s.mu.Unlock()
	if t != nil && kept != "" {
		// Outside the lock: the network may be slow.
		if fresh, n, err := refreshBundle(ctx, t, kept, now); err == nil && n > 0 {
			kept = fresh
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return credEntry{}, err
	}
	if i = s.find(id); i < 0 {
		return credEntry{}, errNoSuchCred
	}
	old := s.creds[i]
	old.Bundle = kept
	res, _ := verifyStored(ctx, old.Raw, trustRequest(s.settings), old.Bundle, now)
	rb, err := json.Marshal(res)
	if err != nil {
		return credEntry{}, err
	}
	rec := credRecord{
		Credential: store.Credential{Format: old.Format, Raw: old.Raw, Added: old.Added},
		Result:     string(rb),
		Checked:    now.UTC(),
		Bundle:     old.Bundle,
	}
	if err := s.w.Update(ctx, func(tx *store.RecordTx) error { return tx.Put(store.TypeCredential, id, rec) }); err != nil {
		return credEntry{}, err
	}
	e := s.entryOf(id, rec)
	creds := append([]credEntry(nil), s.creds...) // snapshots keep the old slice
	creds[i] = e
	s.creds = creds
	return e, nil
}

func (s *session) find(id string) int {
	for i, c := range s.creds {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// deleteCred removes a credential and notes it in the history.
func (s *session) deleteCred(ctx context.Context, id string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return err
	}
	i := s.find(id)
	if i < 0 {
		return errNoSuchCred
	}
	err := s.w.Update(ctx, func(tx *store.RecordTx) error {
		if err := tx.Delete(store.TypeCredential, id); err != nil {
			return err
		}
		_, err := tx.AppendHistory(store.HistoryEntry{Time: now, Event: "delete", Credential: id})
		return err
	})
	if err != nil {
		return err
	}
	s.creds = append(append([]credEntry(nil), s.creds[:i]...), s.creds[i+1:]...)
	return nil
}

// presentation is a presentation made by present.
type presentation struct {
	Text     string
	Audience string
	Nonce    string
	Claims   []string // the disclosed claims' display paths
}

// present discloses the claims at paths of the SD-JWT credential id, with
// a key-binding JWT signed by the holder key for nonce and aud, and
// records it in the history in the same write.
func (s *session) present(ctx context.Context, id string, paths [][]any, nonce, aud string, now time.Time) (presentation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return presentation{}, err
	}
	i := s.find(id)
	if i < 0 {
		return presentation{}, errNoSuchCred
	}
	if s.creds[i].OtherKey {
		return presentation{}, errOtherKey
	}
	sd, err := parseSDJWT(s.creds[i].Raw)
	if err != nil {
		return presentation{}, err
	}
	text, err := sd.Present(paths, &sdjwt.KBOptions{Signer: s.signer, Nonce: nonce, Aud: aud, IAT: now})
	if err != nil {
		return presentation{}, err
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = pathLabel(p)
	}
	err = s.w.Update(ctx, func(tx *store.RecordTx) error {
		_, err := tx.AppendHistory(store.HistoryEntry{Time: now, Event: "present", Audience: aud, Credential: id, Claims: names})
		return err
	})
	if err != nil {
		return presentation{}, err
	}
	return presentation{Text: text, Audience: aud, Nonce: nonce, Claims: names}, nil
}

// presentWhole presents a credential that has no selective disclosure
// (a vc+jwt, say) as it is: enveloped in a VC-JOSE-COSE vp+jwt that the
// holder key signs, with the verifier's nonce and aud (VC-JOSE-COSE §3.2,
// VC DM 2.0 §4.13), and records it in the history in the same write.
// Every claim of the credential goes to the verifier; the consent screen
// says so.
func (s *session) presentWhole(ctx context.Context, id, nonce, aud string, now time.Time) (presentation, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return presentation{}, err
	}
	i := s.find(id)
	if i < 0 {
		return presentation{}, errNoSuchCred
	}
	c := s.creds[i]
	media, ok := envelopeMedia(c.Raw)
	if !ok {
		return presentation{}, errNotEnvelopable
	}
	holder := s.holder.DID
	vp := map[string]any{
		"@context": []any{"https://www.w3.org/ns/credentials/v2"},
		"type":     []any{"VerifiablePresentation"},
		"holder":   holder,
		"verifiableCredential": []any{map[string]any{
			"@context": "https://www.w3.org/ns/credentials/v2",
			"type":     "EnvelopedVerifiableCredential",
			"id":       "data:" + media + "," + strings.TrimSpace(c.Raw),
		}},
		"nonce": nonce,
		"aud":   aud,
		"iat":   now.Unix(),
	}
	payload, err := json.Marshal(vp)
	if err != nil {
		return presentation{}, err
	}
	text, err := jose.Sign(payload, "ES256", s.signer, map[string]any{"typ": "vp+jwt", "kid": holder + "#0"})
	if err != nil {
		return presentation{}, err
	}
	err = s.w.Update(ctx, func(tx *store.RecordTx) error {
		_, err := tx.AppendHistory(store.HistoryEntry{Time: now, Event: "present", Audience: aud, Credential: id, Claims: []string{"*"}})
		return err
	})
	if err != nil {
		return presentation{}, err
	}
	return presentation{Text: text, Audience: aud, Nonce: nonce, Claims: []string{tr("present.whole")}}, nil
}

// envelopeMedia is the media type under which a stored credential travels
// in a presentation's data: URL: a JWT-secured credential, by its typ.
func envelopeMedia(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "~") || strings.Count(raw, ".") != 2 {
		return "", false
	}
	c, err := jose.ParseCompact(raw)
	if err != nil {
		return "", false
	}
	switch typ := strings.TrimPrefix(c.Header.Typ, "application/"); typ {
	case "vc+jwt", "vc+ld+json+jwt":
		return "application/" + typ, true
	case "", "JWT", "jwt":
		return "application/vc+jwt", true
	}
	return "", false
}

// parseSDJWT reads a stored SD-JWT credential; errNotSDJWT for any other
// format.
func parseSDJWT(raw string) (*sdjwt.SDJWT, error) {
	if !strings.Contains(raw, "~") && !strings.HasPrefix(strings.TrimSpace(raw), "{") {
		return nil, errNotSDJWT
	}
	sd, err := sdjwt.Parse(raw)
	if err != nil {
		return nil, errNotSDJWT
	}
	return sd, nil
}

// historyView is the history and whether its chain holds.
type historyView struct {
	Entries []store.HistoryEntry // newest first
	// Tampered is set when an entry does not authenticate or the chain
	// breaks; Problem says where.
	Tampered bool
	Problem  string
}

func (s *session) history(ctx context.Context) (historyView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return historyView{}, err
	}
	entries, head, err := s.w.History(ctx)
	if errors.Is(err, store.ErrTampered) {
		return historyView{Tampered: true, Problem: err.Error()}, nil
	}
	if err != nil {
		return historyView{}, err
	}
	var hv historyView
	if err := store.VerifyHistory(entries, head); err != nil {
		hv.Tampered, hv.Problem = true, err.Error()
	}
	hv.Entries = make([]store.HistoryEntry, len(entries))
	for i, e := range entries {
		hv.Entries[len(entries)-1-i] = e
	}
	return hv, nil
}

// saveSettings stores the trusted issuers and the lock timeout.
func (s *session) saveSettings(ctx context.Context, trusted []string, lockAfter int) error {
	if lockAfter < minLockAfter || lockAfter > maxLockAfter {
		return uiErr("err.lockTimeout", minLockAfter, maxLockAfter/3600)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return err
	}
	st := s.settings
	st.TrustedIssuers = append([]string(nil), trusted...)
	st.LockAfterSeconds = lockAfter
	if err := s.w.Update(ctx, func(tx *store.RecordTx) error { return tx.Put(store.TypeSettings, store.SettingsID, st) }); err != nil {
		return err
	}
	s.settings = st
	return nil
}

// trustIssuer adds issuer to the trusted issuers and checks again, in the
// same write, every stored credential it issued.
func (s *session) trustIssuer(ctx context.Context, issuer string, now time.Time) (int, error) {
	issuer = strings.TrimSpace(issuer)
	if issuer == "" {
		return 0, errNoSuchCred
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return 0, err
	}
	st := s.settings
	if !slices.Contains(st.TrustedIssuers, issuer) {
		st.TrustedIssuers = append(append([]string(nil), st.TrustedIssuers...), issuer)
	}
	return s.applySettings(ctx, st, func(c credEntry) bool { return c.Result.Issuer == issuer }, now)
}

// applySettings stores new settings and, in the same write, the results
// of checking again under them the credentials pick selects. It returns
// how many were checked. Callers hold mu on an unlocked session.
func (s *session) applySettings(ctx context.Context, st appSettings, pick func(credEntry) bool, now time.Time) (int, error) {
	creds := append([]credEntry(nil), s.creds...) // snapshots keep the old slice
	recs := map[string]credRecord{}
	for i, c := range creds {
		if !pick(c) {
			continue
		}
		res, _ := verifyStored(ctx, c.Raw, trustRequest(st), c.Bundle, now)
		rb, err := json.Marshal(res)
		if err != nil {
			return 0, err
		}
		rec := credRecord{Credential: store.Credential{Format: c.Format, Raw: c.Raw, Added: c.Added}, Result: string(rb), Checked: now.UTC(), Bundle: c.Bundle}
		recs[c.ID] = rec
		creds[i] = s.entryOf(c.ID, rec)
	}
	err := s.w.Update(ctx, func(tx *store.RecordTx) error {
		if err := tx.Put(store.TypeSettings, store.SettingsID, st); err != nil {
			return err
		}
		for id, rec := range recs {
			if err := tx.Put(store.TypeCredential, id, rec); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.settings, s.creds = st, creds
	return len(recs), nil
}

// saveLanguage stores the language choice: a BCP 47 tag of the
// catalogue, or "" for the browser's language.
func (s *session) saveLanguage(ctx context.Context, tag string) error {
	if _, ok := parseLang(tag); !ok && tag != "" {
		return uiErr("err.language", tag)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return err
	}
	st := s.settings
	st.Language = tag
	if err := s.w.Update(ctx, func(tx *store.RecordTx) error { return tx.Put(store.TypeSettings, store.SettingsID, st) }); err != nil {
		return err
	}
	s.settings = st
	return nil
}

// language is the stored language choice ("" when none or locked).
func (s *session) language() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.settings.Language
}

// Bounds of the lock timeout.
const (
	minLockAfter = 30
	maxLockAfter = 24 * 3600
)

// wipe deletes every record and the holder key: the device forgets the
// wallet. Only an unlocked wallet can be wiped: whoever wipes it has
// shown the passphrase in this session.
func (s *session) wipe(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.locked(); err != nil {
		return err
	}
	handle := s.holder.Handle
	err := s.ks.Update(ctx, func(tx store.Tx) error {
		keys, err := tx.List("")
		if err != nil {
			return err
		}
		for _, k := range keys {
			if err := tx.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.w.Lock()
	s.clear()
	if handle != "" {
		return s.ks.deleteHolderKey(ctx, handle)
	}
	return nil
}

// lockAfter is the idle time after which the wallet locks; 0 when locked.
func (s *session) lockAfter() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w == nil {
		return 0
	}
	return time.Duration(s.settings.LockAfterSeconds) * time.Second
}

// userMessage words an error for the holder.
func userMessage(err error) string {
	var rej *rejectedError
	var rest *restoreError
	var ue *uiError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &rest):
		return restoreMessage(rest.err)
	case errors.As(err, &ue):
		return ue.message()
	case errors.As(err, &rej):
		if f := rej.Result.Failed(); f != nil {
			return tr("err.rejected", f.Code)
		}
		return tr("err.rejectedNoCode")
	case errors.Is(err, store.ErrWrongPassphrase):
		return tr("err.wrongPassphrase")
	case errors.Is(err, store.ErrQuota):
		return tr("err.quota")
	case errors.Is(err, store.ErrTampered):
		return tr("err.tampered", err.Error())
	case errors.Is(err, store.ErrLocked):
		return tr("err.locked")
	case errors.Is(err, store.ErrNewerSchema):
		return tr("err.newerSchema")
	case errors.Is(err, store.ErrExists):
		return tr("err.exists")
	}
	return tr("err.generic", err.Error())
}
