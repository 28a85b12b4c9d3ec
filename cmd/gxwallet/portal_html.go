package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net/http"
	"strings"

	"rsc.io/qr"
)

// The portal's pages: plain server-rendered HTML with one local style
// sheet, no script and no remote resource. Links with the wallet's URI
// schemes are marked safe for html/template, which would otherwise blank
// them; they are built by core/oid4vc from values the portal made.

const portalCSS = `
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--accent:#0b5cad;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:#f6f8fa}
header{background:#fff;border-bottom:1px solid var(--line);padding:.75rem 1rem;display:flex;gap:1.5rem;align-items:baseline;flex-wrap:wrap}
header strong{font-size:1.1rem}header a{color:var(--accent)}
main{max-width:56rem;margin:0 auto;padding:1rem}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
h1{font-size:1.3rem;margin:.2rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}label.inline{display:inline-block;font-weight:400;margin-right:1rem}
input[type=text]{width:100%;padding:.45rem;border:1px solid var(--line);border-radius:6px;font:inherit}
button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
.hint{color:var(--muted);font-size:.9rem}.msg{border-left:4px solid var(--bad);padding:.5rem .75rem;background:#fff5f5}
textarea{width:100%;font:12px/1.4 ui-monospace,monospace;border:1px solid var(--line);border-radius:6px;padding:.4rem}
table{border-collapse:collapse;width:100%;table-layout:fixed}td,th{text-align:left;padding:.35rem .4rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
th:first-child{width:9rem}
td form{display:inline}code{font:13px ui-monospace,monospace;word-break:break-all}
.badge{display:inline-block;padding:.1rem .6rem;border-radius:999px;color:#fff;font-weight:600;text-transform:uppercase;font-size:.85rem}
.active{background:var(--ok)}.suspended,.expired,.deprecated,.untrusted{background:var(--warn)}.revoked,.invalid{background:var(--bad)}
.qr{image-rendering:pixelated;width:232px;height:232px;border:1px solid var(--line)}
.big{font-size:2rem;letter-spacing:.3rem;font-weight:700}
`

func serveCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write([]byte(portalCSS))
}

var pageTmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"json": func(v any) string { b, _ := json.Marshal(v); return string(b) },
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
{{if .Refresh}}<meta http-equiv="refresh" content="2">{{end}}
<title>{{.Title}} · gxwallet demo</title><link rel="stylesheet" href="/portal/style.css"></head>
<body><header><strong>gxwallet demo</strong><a href="/portal">Employer (issue)</a><a href="/rp">Relying party (verify)</a><a href="/">Wallet</a></header>
<main><h1>{{.Title}}</h1>
{{with .Message}}<p class="msg" role="alert">{{.}}</p>{{end}}
{{template "body" .}}
</main></body></html>
{{define "portal"}}
{{with .Offer}}<section aria-labelledby="offer"><h2 id="offer">Credential offer for {{.Subject.GivenName}} {{.Subject.Surname}}</h2>
<p>Scan with the wallet, or open the link on this device. The offer is valid for 15 minutes and can be redeemed once.</p>
{{with $.QR}}<img class="qr" alt="QR code of the credential offer" src="{{.}}">{{end}}
<p><a id="offer-wallet-link" href="{{$.WalletLink}}">Open in the gxwallet on this device</a> · in another wallet app: <a href="{{$.OfferURI}}">by value</a>, <a href="{{$.RefURI}}">by reference</a></p>
{{with .TxCode}}<p>Transaction code to type in the wallet: <span class="big">{{.}}</span></p>{{end}}
<label for="offer-uri">Offer URI</label><textarea id="offer-uri" rows="4" readonly>{{.URI}}</textarea>
{{with .IssuedID}}<p>Issued as <code>{{.}}</code>.</p>{{end}}
</section>{{end}}
<section aria-labelledby="onboard"><h2 id="onboard">Onboard an employee</h2>
<form method="post" action="/portal/offer">
<label for="givenName">Given name</label><input type="text" id="givenName" name="givenName" required maxlength="200">
<label for="surname">Surname</label><input type="text" id="surname" name="surname" required maxlength="200">
<label for="roles">Roles</label><input type="text" id="roles" name="roles" placeholder="engineer, approver"><span class="hint">comma-separated; each is disclosed on its own</span>
<label for="attributes">Identity attributes</label><input type="text" id="attributes" name="attributes" placeholder="badge-7, site-paris">
<fieldset style="border:0;padding:0;margin:.75rem 0"><legend style="font-weight:600">Format</legend>
<label class="inline"><input type="radio" name="config" value="gx-party-vc+sd-jwt" checked> W3C VC (vc+sd-jwt, Bitstring status)</label>
<label class="inline"><input type="radio" name="config" value="gx-party-dc+sd-jwt"> SD-JWT VC (dc+sd-jwt, Token Status List)</label></fieldset>
<label class="inline"><input type="checkbox" name="txCode" value="1"> Require a transaction code</label>
<p><button type="submit">Create credential offer</button></p></form></section>
<section aria-labelledby="issued"><h2 id="issued">Issued credentials</h2>
{{if .Issued}}<table><thead><tr><th>Employee</th><th>Roles</th><th>Format</th><th>Status</th><th>Change</th></tr></thead><tbody>
{{range .Issued}}<tr><td>{{.GivenName}} {{.Surname}}<br><span class="hint">{{.IssuedAt.Format "2006-01-02 15:04"}} · index {{.Index}}</span></td>
<td>{{range $i, $r := .Roles}}{{if $i}}, {{end}}{{$r}}{{end}}</td><td>{{.Format}}</td><td><span class="badge {{.Status}}">{{.Status}}</span></td><td>
{{if ne .Status "revoked"}}<form method="post" action="/portal/status"><input type="hidden" name="id" value="{{.ID}}"><button name="action" value="revoke">Revoke</button></form>{{end}}
{{if eq .Status "active"}}<form method="post" action="/portal/status"><input type="hidden" name="id" value="{{.ID}}"><button class="secondary" name="action" value="suspend">Suspend</button></form>{{end}}
{{if eq .Status "suspended"}}<form method="post" action="/portal/status"><input type="hidden" name="id" value="{{.ID}}"><button class="secondary" name="action" value="reinstate">Reinstate</button></form>{{end}}
</td></tr>{{end}}</tbody></table>{{else}}<p class="hint">None yet.</p>{{end}}</section>
<section><h2>Issuer</h2><p><code>{{.DID}}</code></p><p class="hint">Verifiers trust it with <a href="/portal/trust.json">trust.json</a>. Metadata: <a href="/.well-known/openid-credential-issuer">/.well-known/openid-credential-issuer</a>.</p></section>
{{end}}
{{define "rp"}}
<section aria-labelledby="ask"><h2 id="ask">Ask for a presentation</h2>
<form method="post" action="/rp/request"><fieldset style="border:0;padding:0"><legend style="font-weight:600">Claims to ask for</legend>
{{range .Claims}}<label class="inline"><input type="checkbox" name="claim" value="{{.Key}}"{{if eq .Key "roles"}} checked{{end}}> {{.Label}}</label>{{end}}</fieldset>
<fieldset style="border:0;padding:0;margin:.75rem 0"><legend style="font-weight:600">Format</legend>
<label class="inline"><input type="radio" name="format" value="vc+sd-jwt" checked> vc+sd-jwt</label>
<label class="inline"><input type="radio" name="format" value="dc+sd-jwt"> dc+sd-jwt</label></fieldset>
<p><button type="submit">Create presentation request</button></p></form>
<p class="hint">OpenID4VP 1.0 with a DCQL query, a fresh nonce and direct_post to <code>{{.ResponseURI}}</code>; client_id <code>{{.ClientID}}</code>.</p></section>
{{end}}
{{define "wait"}}
<section><h2>Waiting for the wallet</h2><p>Asked for: {{range $i, $c := .Request.Asked}}{{if $i}}, {{end}}<code>{{$c}}</code>{{end}} ({{.Request.Format}}). This page reloads until the answer arrives; the request expires in 5 minutes.</p>
{{with .QR}}<img class="qr" alt="QR code of the presentation request" src="{{.}}">{{end}}
<p><a id="req-wallet-link" href="{{.WalletLink}}">Open in the gxwallet on this device</a> · in another wallet app: <a href="{{.OfferURI}}">by value</a>, <a href="{{.RefURI}}">by reference (request_uri)</a></p>
<label for="req-uri">Request URI</label><textarea id="req-uri" rows="5" readonly>{{.Request.URI}}</textarea></section>
{{end}}
{{define "result"}}
{{with .Result}}<section><h2>Result <span class="badge {{.Status}}">{{.Status}}</span></h2>
{{with .Error}}<p class="msg">{{.Error}}{{with .ErrorDescription}}: {{.}}{{end}}</p>{{end}}
<p>Asked for: {{range $i, $c := .Asked}}{{if $i}}, {{end}}<code>{{$c}}</code>{{end}} · disclosed: {{range $i, $c := .Disclosed}}{{if $i}}, {{end}}<code>{{$c}}</code>{{else}}none{{end}}</p>
{{if .Claims}}<table><thead><tr><th>Claim</th><th>Value</th></tr></thead><tbody>
{{range $k := $.ClaimKeys}}<tr><td><code>{{$k}}</code></td><td><code>{{json (index $.Result.Claims $k)}}</code></td></tr>{{end}}</tbody></table>{{end}}
</section>
{{range .Results}}<section><h2>Checks ({{.Format}})</h2><table><thead><tr><th>Check</th><th>Outcome</th><th>Detail</th></tr></thead><tbody>
{{range .Checks}}<tr><td><code>{{.ID}}</code></td><td>{{.Status}}{{with .Code}} <code>{{.}}</code>{{end}}</td><td>{{.Detail}}</td></tr>{{end}}</tbody></table></section>{{end}}
{{end}}
<p><a href="/rp">Ask again</a></p>
{{end}}
`))

// page is the data of every page.
type page struct {
	Title, Message       string
	Refresh              bool
	body                 string
	Offer                *pendingOffer
	OfferURI, RefURI, QR template.URL
	// WalletLink opens the offer or request in the wallet this binary
	// serves, on the same origin: its page takes the protocol URI's query.
	WalletLink  string
	Issued      []issuedView
	DID         string
	Claims      []rpClaim
	ClientID    string
	ResponseURI string
	Request     *rpRequest
	Result      *rpResult
	ClaimKeys   []string
}

func render(w http.ResponseWriter, code int, pg *page) {
	t := template.Must(pageTmpl.Clone())
	template.Must(t.New("body").Parse(`{{template "` + pg.body + `" .}}`))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "page", pg); err != nil {
		http.Error(w, "page: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// qrDataURL draws text as a QR code in a data: URL, or "" when it does not
// fit.
func qrDataURL(text string) template.URL {
	c, err := qr.Encode(text, qr.L)
	if err != nil {
		return ""
	}
	c.Scale = 4
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG()))
}

func (p *portal) servePortal(w http.ResponseWriter, r *http.Request) {
	var o *pendingOffer
	if id := r.URL.Query().Get("offer"); id != "" {
		o, _ = p.offerIDs.Get(id, p.now())
	}
	msg := ""
	if o == nil && r.URL.Query().Get("offer") != "" {
		msg = "That offer has expired or is unknown; create a new one."
	}
	p.renderPortal(w, http.StatusOK, o, msg)
}

func (p *portal) renderPortal(w http.ResponseWriter, code int, o *pendingOffer, msg string) {
	pg := &page{Title: "Employer onboarding", Message: msg, body: "portal", Issued: p.snapshot(), DID: p.did}
	if o != nil {
		p.mu.Lock()
		view := *o
		p.mu.Unlock()
		pg.Offer = &view
		pg.OfferURI, pg.RefURI, pg.QR = template.URL(o.URI), template.URL(o.RefURI), qrDataURL(o.URI)
		pg.WalletLink = walletLink("/receive", o.RefURI)
	}
	render(w, code, pg)
}

func (p *portal) serveRP(w http.ResponseWriter, r *http.Request) { p.renderRP(w, http.StatusOK, "") }

func (p *portal) renderRP(w http.ResponseWriter, code int, msg string) {
	render(w, code, &page{Title: "Relying party", Message: msg, body: "rp", Claims: rpClaims, ClientID: p.clientID(), ResponseURI: p.responseURI()})
}

func (p *portal) renderWait(w http.ResponseWriter, rq *rpRequest) {
	render(w, http.StatusOK, &page{
		Title: "Presentation request", body: "wait", Refresh: true, Request: rq,
		OfferURI: template.URL(rq.URI), RefURI: template.URL(rq.RefURI), QR: qrDataURL(rq.RefURI),
		WalletLink: walletLink("/authorize", rq.RefURI),
	})
}

func (p *portal) renderResult(w http.ResponseWriter, res *rpResult) {
	render(w, http.StatusOK, &page{Title: "Presentation result", body: "result", Result: res, ClaimKeys: sortedKeys(res.Claims)})
}

// walletLink is the same-device link into the wallet's page for a
// protocol URI (openid-credential-offer://?… or openid4vp://?…): the page
// path with the URI's query, as a wallet's HTTPS endpoint receives it
// (OpenID4VCI §4.1, OpenID4VP §5).
func walletLink(page, uri string) string {
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		return page + uri[i:]
	}
	return page
}
