// gx-verify-element.js — <gx-verify>: a credential's verification Result
// (status badge and checks) for relying parties that want no code.
//
//   <script type="module" src="/lib/gx-verify-element.js"></script>
//   <gx-verify src="/credentials/alice.jwt"
//              trusted-issuers="did:web:issuer.example"></gx-verify>
//
// Attributes (each change verifies again):
//   credential       the credential itself (compact JWT / SD-JWT or JSON text)
//   src              or a URL to fetch it from (relative to the page; the
//                    server must allow this origin if it is another one)
//   trusted-issuers  issuer DIDs, separated by spaces or commas
//   now              the instant of evaluation (RFC 3339); default: now
//   options          further options as JSON (didDocs, resources, nonce, …;
//                    see gxverify.d.ts VerifyOptions); attributes win
// Properties: the same, plus options as an object, and the read-only
// result (the Result, or null) and state ("idle" | "loading" |
// "verifying" | "done" | "error").
// Events: "gx-verified" (detail: the Result), "gx-error" (detail:
// { code, message }).
//
// The verifier (verifier.wasm, beside gxverify.js) is loaded when the
// first element is connected, with a progress bar while it downloads.
// Everything is drawn in a shadow root with inline styles: no fonts,
// images or scripts from anywhere else. Style it from outside through
// its parts (badge, checks, check, progress, error) and --gx-verify-*
// custom properties.

import { GXVerify } from './gxverify.js';

// Error codes of the element, besides the library's (bad_options,
// bad_input, internal).
const CODE_NO_INPUT = 'no_input'; // neither credential nor src
const CODE_SRC_FAILED = 'src_failed'; // src answered an HTTP error
const CODE_SRC_UNREACHABLE = 'src_unreachable'; // network error or CORS refusal
const CODE_LOAD_FAILED = 'load_failed'; // the verifier could not be loaded

// MAX_SRC_BYTES bounds what is read from src: the verifier refuses
// inputs over 1 MiB anyway (too_large), so more is never useful.
const MAX_SRC_BYTES = (1 << 20) + 1;

const STYLE = `
:host { display: block; font: 14px/1.4 system-ui, sans-serif; color: var(--gx-verify-color, #1b1b1b);
  border: 1px solid var(--gx-verify-border, #d0d0d0); border-radius: 8px; padding: 12px; max-width: 100%; box-sizing: border-box; }
:host([hidden]) { display: none; }
.head { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.badge { font-weight: 600; padding: 2px 10px; border-radius: 999px; background: #e6e6e6; text-transform: uppercase; letter-spacing: .03em; font-size: 12px; }
.badge[data-status="active"] { background: #d6f5df; color: #0a5c24; }
.badge[data-status="expired"], .badge[data-status="suspended"], .badge[data-status="deprecated"], .badge[data-status="untrusted"] { background: #fdf0cc; color: #6b4e00; }
.badge[data-status="revoked"], .badge[data-status="invalid"], .badge[data-status="error"] { background: #fbdada; color: #8a1010; }
.meta { overflow-wrap: anywhere; color: #555; font-size: 12px; }
ul { list-style: none; margin: 8px 0 0; padding: 0; }
li { display: grid; grid-template-columns: 1.5em 1fr; gap: 2px 4px; padding: 3px 0; border-top: 1px solid #eee; overflow-wrap: anywhere; }
li .id { font-family: ui-monospace, monospace; font-size: 12px; }
li .detail { grid-column: 2; color: #555; font-size: 12px; }
li[data-status="pass"] .mark { color: #0a5c24; }
li[data-status="fail"] .mark { color: #8a1010; }
li[data-status="indeterminate"] .mark, li[data-status="skipped"] .mark { color: #6b4e00; }
progress { width: 100%; }
.error { color: #8a1010; overflow-wrap: anywhere; }
`;

const MARKS = { pass: '✓', fail: '✗', indeterminate: '?', skipped: '–' };

export class GXVerifyElement extends HTMLElement {
  static get observedAttributes() {
    return ['credential', 'src', 'trusted-issuers', 'now', 'options'];
  }

  #root;
  #options = null; // set through the property
  #result = null;
  #state = 'idle';
  #run = 0; // the latest verification; older ones drop their answer
  #scheduled = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.innerHTML = `<style>${STYLE}</style><div class="body" aria-live="polite"></div>`;
  }

  get credential() { return this.getAttribute('credential'); }
  set credential(v) { this.#setAttr('credential', v); }
  get src() { return this.getAttribute('src'); }
  set src(v) { this.#setAttr('src', v); }
  get trustedIssuers() {
    return (this.getAttribute('trusted-issuers') ?? '').split(/[\s,]+/).filter(Boolean);
  }
  set trustedIssuers(v) { this.#setAttr('trusted-issuers', Array.isArray(v) ? v.join(' ') : v); }
  get now() { return this.getAttribute('now'); }
  set now(v) { this.#setAttr('now', v instanceof Date ? v.toISOString() : v); }
  get options() { return this.#options; }
  set options(v) {
    this.#options = v ?? null;
    this.#schedule();
  }
  /** The Result of the latest verification, or null. */
  get result() { return this.#result; }
  /** "idle" | "loading" | "verifying" | "done" | "error" */
  get state() { return this.#state; }

  connectedCallback() { this.#schedule(); }
  attributeChangedCallback() { this.#schedule(); }

  #setAttr(name, v) {
    if (v === null || v === undefined) this.removeAttribute(name);
    else this.setAttribute(name, String(v));
  }

  // Several attribute changes in one task verify once.
  #schedule() {
    if (this.#scheduled || !this.isConnected) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.verify();
    });
  }

  /** Verifies now; resolves with the Result, or null after an error. */
  async verify() {
    const run = ++this.#run;
    const current = () => run === this.#run;
    try {
      const options = this.#collectOptions();
      const input = await this.#input();
      if (!current()) return null;
      this.#setState('loading');
      this.#drawProgress(0, undefined);
      let verifier;
      try {
        verifier = await GXVerify.load({
          onProgress: ({ loaded, total }) => { if (current() && this.#state === 'loading') this.#drawProgress(loaded, total); },
        });
      } catch (e) {
        throw codedError(CODE_LOAD_FAILED, `the verifier could not be loaded: ${e.message}`);
      }
      if (!current()) return null;
      this.#setState('verifying');
      const result = await verifier.verify(input, options);
      if (!current()) return null;
      this.#result = result;
      this.#setState('done');
      this.#drawResult(result);
      this.dispatchEvent(new CustomEvent('gx-verified', { detail: result, bubbles: true, composed: true }));
      return result;
    } catch (e) {
      if (!current()) return null;
      const err = { code: e.code ?? 'internal', message: e.message ?? String(e) };
      this.#result = null;
      this.#setState('error');
      this.#drawError(err);
      this.dispatchEvent(new CustomEvent('gx-error', { detail: err, bubbles: true, composed: true }));
      return null;
    }
  }

  #collectOptions() {
    let options = {};
    const attr = this.getAttribute('options');
    if (attr) {
      try {
        options = JSON.parse(attr);
      } catch (e) {
        throw codedError('bad_options', `the options attribute is not JSON: ${e.message}`);
      }
    }
    if (this.#options) options = { ...options, ...this.#options };
    if (this.trustedIssuers.length > 0) {
      options.trustedIssuers = [...(options.trustedIssuers ?? []), ...this.trustedIssuers];
    }
    if (this.now) options.now = this.now;
    return options;
  }

  async #input() {
    const inline = this.getAttribute('credential');
    if (inline && inline.trim()) return inline.trim();
    const src = this.getAttribute('src');
    if (!src) throw codedError(CODE_NO_INPUT, 'set the credential or src attribute');
    const url = new URL(src, document.baseURI);
    let response;
    try {
      response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/vc+jwt, application/dc+sd-jwt, application/json, text/plain' } });
    } catch (e) {
      throw codedError(CODE_SRC_UNREACHABLE, url.origin === location.origin
        ? `could not fetch ${url}: ${e.message}`
        : `could not fetch ${url}: the network failed, or ${url.origin} does not allow ${location.origin} ` +
          `(it must answer with Access-Control-Allow-Origin); serve the credential from this origin or inline it`);
    }
    if (!response.ok) throw codedError(CODE_SRC_FAILED, `${url}: HTTP ${response.status}`);
    return readBounded(response, MAX_SRC_BYTES);
  }

  #setState(s) {
    this.#state = s;
    this.setAttribute('state', s);
  }

  #body() { return this.#root.querySelector('.body'); }

  #drawProgress(loaded, total) {
    const body = this.#body();
    let bar = body.querySelector('progress');
    if (!bar) {
      body.replaceChildren(el('div', { class: 'head' }, el('span', { class: 'badge', 'data-status': 'loading' }, 'verifying')),
        el('div', { class: 'meta', part: 'progress-label' }, 'Loading the verifier…'),
        el('progress', { part: 'progress', max: '1' }));
      bar = body.querySelector('progress');
    }
    const label = body.querySelector('.meta');
    if (total) {
      bar.value = Math.min(loaded / total, 1);
      label.textContent = `Loading the verifier… ${Math.round(100 * Math.min(loaded / total, 1))}%`;
    } else {
      bar.removeAttribute('value'); // indeterminate
      label.textContent = loaded > 0 ? `Loading the verifier… ${Math.round(loaded / 1024)} KiB` : 'Loading the verifier…';
    }
  }

  #drawResult(r) {
    const meta = [r.format, r.issuer && `issuer ${r.issuer}`].filter(Boolean).join(' · ');
    const checks = el('ul', { part: 'checks' }, ...(r.checks ?? []).map((c) => el('li', { part: 'check', 'data-status': c.status, 'data-id': c.id },
      el('span', { class: 'mark', 'aria-label': c.status }, MARKS[c.status] ?? '·'),
      el('span', { class: 'id' }, c.id + (c.code ? ` — ${c.code}` : '')),
      ...(c.detail ? [el('span', { class: 'detail' }, c.detail)] : []))));
    this.#body().replaceChildren(
      el('div', { class: 'head' }, el('span', { class: 'badge', part: 'badge', 'data-status': r.status }, r.status)),
      el('div', { class: 'meta' }, meta), checks);
  }

  #drawError(err) {
    this.#body().replaceChildren(
      el('div', { class: 'head' }, el('span', { class: 'badge', part: 'badge', 'data-status': 'error' }, 'error')),
      el('div', { class: 'error', part: 'error', 'data-code': err.code }, `${err.code}: ${err.message}`));
  }
}

function codedError(code, message) {
  const e = new Error(message);
  e.code = code;
  return e;
}

// el builds an element; text children become text nodes (never HTML).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

async function readBounded(response, max) {
  if (!response.body) return (await response.text()).slice(0, max);
  const reader = response.body.getReader();
  const chunks = [];
  let n = 0;
  while (n < max) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    n += value.byteLength;
  }
  reader.cancel().catch(() => {});
  const bytes = new Uint8Array(Math.min(n, max));
  let at = 0;
  for (const c of chunks) {
    const part = c.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.byteLength;
    if (at === bytes.length) break;
  }
  // A credential file often ends with a newline; the verifier reads the
  // compact form exactly.
  return new TextDecoder().decode(bytes).trim();
}

if (!customElements.get('gx-verify')) {
  customElements.define('gx-verify', GXVerifyElement);
}
