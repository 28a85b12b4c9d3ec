package app

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/maxence-charriere/go-app/v10/pkg/errors"
)

// The verify flow: the page posts actionVerify with a verifyRequest;
// handleVerify (registered with app.Handle, so it runs off the UI goroutine)
// publishes verifyState under stateVerify, which the page observes.
const (
	actionVerify = "gxwallet/verify"
	stateVerify  = "gxwallet/verify"
)

// verifyTimeout bounds one verification. Nothing is fetched, so only a
// pathological input could take this long.
const verifyTimeout = 30 * time.Second

// verifyRequest is the value of actionVerify.
type verifyRequest struct {
	Input          string
	TrustedIssuers []string
	// Bundle is an offline bundle's JSON (core/bundle), or "".
	Bundle string
}

// verifyPhase is where the verify flow stands.
type verifyPhase int

const (
	phaseIdle      verifyPhase = iota // nothing verified yet
	phaseVerifying                    // a verification is running
	phaseDone                         // Result (and maybe Err) hold the outcome
)

// verifyState is the state published under stateVerify.
type verifyState struct {
	Phase verifyPhase
	// Seq numbers the requests, so an old answer never replaces a newer one.
	Seq    uint64
	Result verify.Result
	// Err is set when the input could not be fully evaluated (the Result
	// still says what was found).
	Err string
}

var verifySeq atomic.Uint64

// handleVerify runs a verification and publishes its progress and outcome.
func handleVerify(ctx app.Context, a app.Action) {
	req, ok := a.Value.(verifyRequest)
	if !ok {
		app.Log(errors.New("verify action without a request").WithTag("type", fmt.Sprintf("%T", a.Value)))
		return
	}
	seq := verifySeq.Add(1)
	ctx.SetState(stateVerify, verifyState{Phase: phaseVerifying, Seq: seq})
	st := runVerify(ctx, req)
	st.Seq = seq
	if verifySeq.Load() == seq {
		ctx.SetState(stateVerify, st)
	}
}

// runVerify verifies req.Input with the browser's options: the wall clock,
// the given trusted issuers, did:key and did:jwk only, and no fetcher, so a
// credential cannot make the app reach the network.
func runVerify(ctx context.Context, req verifyRequest) (st verifyState) {
	st.Phase = phaseDone
	defer func() {
		// core never panics on input; if it ever does, the page must
		// survive and say so rather than take the whole app down.
		if r := recover(); r != nil {
			st.Result = verify.Result{Status: verify.StatusInvalid}
			st.Err = fmt.Sprintf("internal error: %v", r)
		}
	}()
	vctx, cancel := context.WithTimeout(ctx, verifyTimeout)
	defer cancel()
	vreq := verify.Request{TrustedIssuers: req.TrustedIssuers, Offline: true}
	if strings.TrimSpace(req.Bundle) != "" {
		vreq.Bundle = json.RawMessage(req.Bundle)
	}
	opts, err := vreq.Apply(verify.Options{})
	if err != nil {
		st.Result = verify.Result{Status: verify.StatusInvalid}
		st.Err = err.Error()
		return st
	}
	res, err := verify.Verify(vctx, []byte(strings.TrimSpace(req.Input)), opts)
	st.Result = res
	if err != nil {
		st.Err = err.Error()
	}
	return st
}

// parseTrusted splits the trusted-issuers field: one DID per line, blank
// lines and lines starting with # ignored. It does not check the DIDs.
func parseTrusted(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
