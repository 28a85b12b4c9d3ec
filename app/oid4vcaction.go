package app

import (
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Actions and states of the OpenID4VCI and OpenID4VP pages (oid4vc.go has
// the flows).
const (
	actionOfferResolve   = "gxwallet/oid4vci/resolve"
	actionOfferAccept    = "gxwallet/oid4vci/accept"
	actionRequestResolve = "gxwallet/oid4vp/resolve"
	actionRequestRespond = "gxwallet/oid4vp/respond"
	actionRequestDecline = "gxwallet/oid4vp/decline"

	stateOffer = "gxwallet/oid4vci"
	stateVP    = "gxwallet/oid4vp"
)

// offerState is the state published under stateOffer.
type offerState struct {
	Seq      uint64
	Busy     string // "resolve" or "accept" while it runs
	Err      string
	Resolved bool
	View     offerView
	Received []credEntry
	Done     bool
}

// vpState is the state published under stateVP.
type vpState struct {
	Seq      uint64
	Busy     string // "resolve", "respond" or "decline"
	Err      string
	Resolved bool
	View     vpView
	Outcome  vpOutcome
	Done     bool
}

var (
	oidMu sync.Mutex
	// curOffer and curVP are the offer and request on screen: the accept
	// and respond actions act on them, never on a value from the page.
	curOffer offerView
	curVP    vpView
	wallet   = newHTTPTransport()
)

func registerOID4VCActions() {
	app.Handle(actionOfferResolve, handleOfferResolve)
	app.Handle(actionOfferAccept, handleOfferAccept)
	app.Handle(actionRequestResolve, handleRequestResolve)
	app.Handle(actionRequestRespond, handleRequestRespond)
	app.Handle(actionRequestDecline, handleRequestDecline)
}

func handleOfferResolve(ctx app.Context, a app.Action) {
	raw, _ := a.Value.(string)
	ctx.SetState(stateOffer, offerState{Seq: seq.Add(1), Busy: "resolve"})
	c, cancel := opContext(ctx)
	defer cancel()
	v, err := resolveOffer(c, wallet, raw)
	oidMu.Lock()
	curOffer = v
	oidMu.Unlock()
	st := offerState{Seq: seq.Add(1), Resolved: err == nil, View: v}
	if err != nil {
		st.Err = oidMessage(err)
	}
	ctx.SetState(stateOffer, st)
}

func handleOfferAccept(ctx app.Context, a app.Action) {
	txCode, _ := a.Value.(string)
	oidMu.Lock()
	v := curOffer
	oidMu.Unlock()
	ctx.SetState(stateOffer, offerState{Seq: seq.Add(1), Busy: "accept", Resolved: true, View: v})
	c, cancel := opContext(ctx)
	defer cancel()
	got, err := theSession.receive(c, wallet, v, txCode, time.Now)
	st := offerState{Seq: seq.Add(1), Resolved: true, View: v, Received: got, Done: err == nil}
	if err != nil {
		st.Err = oidMessage(err)
	} else {
		// The offer's code is spent: it cannot be accepted twice.
		oidMu.Lock()
		curOffer = offerView{}
		oidMu.Unlock()
	}
	ctx.SetState(stateOffer, st)
	if len(got) > 0 {
		publishWallet(ctx, refresh)
	}
}

func handleRequestResolve(ctx app.Context, a app.Action) {
	raw, _ := a.Value.(string)
	ctx.SetState(stateVP, vpState{Seq: seq.Add(1), Busy: "resolve"})
	c, cancel := opContext(ctx)
	defer cancel()
	v, err := theSession.resolveRequest(c, wallet, raw)
	oidMu.Lock()
	curVP = v
	oidMu.Unlock()
	st := vpState{Seq: seq.Add(1), Resolved: err == nil, View: v}
	if err != nil {
		st.Err = oidMessage(err)
	}
	ctx.SetState(stateVP, st)
}

func handleRequestRespond(ctx app.Context, a app.Action) {
	choices, _ := a.Value.([]vpChoice)
	runVP(ctx, "respond", func(v vpView) (vpOutcome, error) {
		c, cancel := opContext(ctx)
		defer cancel()
		out, err := theSession.respond(c, wallet, v, choices, time.Now())
		if err == nil {
			publishWallet(ctx, refresh) // the history grew
		}
		return out, err
	})
}

func handleRequestDecline(ctx app.Context, a app.Action) {
	runVP(ctx, "decline", func(v vpView) (vpOutcome, error) {
		c, cancel := opContext(ctx)
		defer cancel()
		return decline(c, wallet, v)
	})
}

// runVP answers the request on screen once: after an answer went out, the
// request is spent (its nonce and state are single-use at the verifier).
func runVP(ctx app.Context, op string, answer func(v vpView) (vpOutcome, error)) {
	oidMu.Lock()
	v := curVP
	oidMu.Unlock()
	ctx.SetState(stateVP, vpState{Seq: seq.Add(1), Busy: op, Resolved: true, View: v})
	out, err := answer(v)
	st := vpState{Seq: seq.Add(1), Resolved: true, View: v, Outcome: out, Done: err == nil}
	if err != nil {
		st.Err = oidMessage(err)
	} else {
		oidMu.Lock()
		curVP = vpView{}
		oidMu.Unlock()
	}
	ctx.SetState(stateVP, st)
}
