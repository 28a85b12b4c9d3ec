package app

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"github.com/gxwallet/gxwallet/core/verify"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The credential page's three panels — who issued it and whether you
// trust them, where it stands in its lifecycle, and the Gaia-X delegation
// it rests on — read from the stored Result's checks and the credential's
// own dates. The full checks table stays below them.

// credDates returns a credential's validity period as it states it:
// validFrom/validUntil (VC DM 2.0), else nbf or iat / exp (JWT, SD-JWT).
// Zero times for what it does not state. It reads without verifying: the
// verdict is the Result's.
func credDates(raw string) (from, until time.Time) {
	raw = strings.TrimSpace(raw)
	var doc map[string]any
	switch {
	case strings.HasPrefix(raw, "{"):
		_ = json.Unmarshal([]byte(raw), &doc)
	default:
		jwt := raw
		if i := strings.IndexByte(raw, '~'); i >= 0 {
			jwt = raw[:i]
		}
		if parts := strings.Split(jwt, "."); len(parts) == 3 {
			if b, err := base64.RawURLEncoding.DecodeString(parts[1]); err == nil {
				_ = json.Unmarshal(b, &doc)
			}
		}
	}
	if doc == nil {
		return
	}
	if vc, ok := doc["vc"].(map[string]any); ok { // VCDM 1.1 JWT
		for k, v := range vc {
			if _, has := doc[k]; !has {
				doc[k] = v
			}
		}
	}
	from = firstTime(doc, "validFrom", "issuanceDate", "nbf", "iat")
	until = firstTime(doc, "validUntil", "expirationDate", "exp")
	return
}

func firstTime(doc map[string]any, names ...string) time.Time {
	for _, n := range names {
		switch v := doc[n].(type) {
		case string:
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				return t
			}
		case float64:
			if v > 0 && v < 1e11 {
				return time.Unix(int64(v), 0)
			}
		}
	}
	return time.Time{}
}

// checksWithPrefix returns the checks whose id starts with prefix.
func checksWithPrefix(r verify.Result, prefix string) []verify.Check {
	var out []verify.Check
	for _, c := range r.Checks {
		if strings.HasPrefix(c.ID, prefix) {
			out = append(out, c)
		}
	}
	return out
}

// checkLine is one line of a panel: a label, the outcome as a pill, and
// the check's detail.
func checkLine(id, label string, c *verify.Check) app.UI {
	return app.Li().ID(id).Body(
		app.Span().Class("panel-label").Text(label),
		app.If(c != nil, func() app.UI {
			return app.Span().Class("pill", "pill-"+string(c.Status)).Text(checkOutcome(*c))
		}),
		app.If(c != nil && c.Detail != "", func() app.UI {
			return app.Span().Class("muted mono wrap").Text(c.Detail)
		}),
	)
}

// checkOutcome words a check's outcome: its code when it failed.
func checkOutcome(c verify.Check) string {
	switch {
	case c.Status == verify.Pass:
		return tr("panel.ok")
	case c.Code != "":
		return string(c.Code)
	}
	return string(c.Status)
}

// issuerPanel: the issuer, its signing key, and your trust in it.
func issuerPanel(c credEntry) app.UI {
	r := c.Result
	trust := r.Check(verify.CheckTrust)
	return app.Section().ID("panel-issuer").Class("card panel").Body(
		app.H2().Text(tr("panel.issuer")),
		app.P().Class("mono wrap").Text(orDash(r.Issuer)),
		app.Ul().Class("panel-lines").Body(
			checkLine("panel-issuer-key", tr("panel.key"), r.Check(verify.CheckIssuerKey)),
			app.If(r.Check(verify.CheckKeyCertificate) != nil, func() app.UI {
				return checkLine("panel-issuer-cert", tr("panel.certificate"), r.Check(verify.CheckKeyCertificate))
			}),
			checkLine("panel-issuer-trust", tr("panel.trust"), trust),
		),
	)
}

// lifecyclePanel: the validity period, each status list entry with the
// age of the list, and deprecation.
func lifecyclePanel(c credEntry) app.UI {
	r := c.Result
	from, until := credDates(c.Raw)
	statuses := checksWithPrefix(r, verify.CheckStatusList+".")
	period := tr("panel.noPeriod")
	switch {
	case !from.IsZero() && !until.IsZero():
		period = tr("panel.fromUntil", fmtTime(from), fmtTime(until))
	case !from.IsZero():
		period = tr("panel.from", fmtTime(from))
	case !until.IsZero():
		period = tr("panel.until", fmtTime(until))
	}
	return app.Section().ID("panel-lifecycle").Class("card panel").Body(
		app.H2().Text(tr("panel.lifecycle")),
		app.P().ID("panel-period").Text(period),
		app.Ul().Class("panel-lines").Body(
			checkLine("panel-valid-from", tr("panel.validFrom"), r.Check(verify.CheckValidFrom)),
			checkLine("panel-valid-until", tr("panel.validUntil"), r.Check(verify.CheckValidUntil)),
			app.Range(statuses).Slice(func(i int) app.UI {
				s := statuses[i]
				return checkLine("panel-"+strings.ReplaceAll(s.ID, ".", "-"), tr("panel.status", strings.TrimPrefix(s.ID, verify.CheckStatusList+".")), &s)
			}),
			app.If(len(statuses) == 0, func() app.UI {
				return app.Li().ID("panel-no-status").Class("muted").Text(tr("panel.noStatus"))
			}),
			app.If(r.Check(verify.CheckDeprecated) != nil, func() app.UI {
				return checkLine("panel-deprecated", tr("panel.deprecated"), r.Check(verify.CheckDeprecated))
			}),
		),
		app.P().Class("muted").Text(tr("cred.checkedAt", fmtTime(c.Checked))),
	)
}

// delegationPanel: for a Gaia-X party credential, the key it is bound to
// (gx:holder) and the parent credential it was delegated from; nothing
// for other credentials.
func delegationPanel(c credEntry) app.UI {
	r := c.Result
	holder, deleg := r.Check(verify.CheckHolderKey), r.Check(verify.CheckDelegation)
	if holder == nil && deleg == nil {
		return nil
	}
	return app.Section().ID("panel-delegation").Class("card panel").Body(
		app.H2().Text(tr("panel.delegation")),
		app.Ul().Class("panel-lines").Body(
			app.If(holder != nil, func() app.UI { return checkLine("panel-holder", tr("panel.holder"), holder) }),
			app.If(deleg != nil, func() app.UI { return checkLine("panel-parent", tr("panel.parent"), deleg) }).
				Else(func() app.UI { return app.Li().ID("panel-no-parent").Class("muted").Text(tr("panel.noParent")) }),
		),
	)
}
