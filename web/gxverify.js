// gxverify.js — the gxwallet verifier library: Go compiled to WebAssembly,
// verifying Gaia-X credentials (vc+jwt, SD-JWT, JSON-LD) in the page, with
// no server round trip. No dependencies.
//
//   import { GXVerify } from './gxverify.js';
//   const v = await GXVerify.load();
//   const r = await v.verify(input, { now, trustedIssuers, didDocs, resources,
//                                     known, nonce, aud, offline, bundle, fetch });
//   r.status  // "active" | "expired" | "revoked" | "suspended" |
//             // "deprecated" | "invalid" | "untrusted"
//   r.checks  // [{ id, ok, status, code, detail }]
//
// verify(input, options) takes a compact JWT / SD-JWT string, JSON text, a
// Uint8Array, or a JSON credential object. It resolves with the Result
// whenever verification produced one (a tampered credential is a Result
// with status "invalid"); it rejects with an Error whose `code` is
// "bad_options" (options malformed), "bad_input" (input missing or not
// JSON-serialisable) or "internal".
//
// The library makes no network request unless options.fetch is true: then
// did:web documents and status lists it still lacks are fetched with the
// browser's fetch under the edge worker's policy (https, public DNS names,
// 2 MiB, 5 s, no cookies, no redirects). A fetch the browser blocks
// (network failure, or a host without Access-Control-Allow-Origin for this
// page) is a check with code "fetch_blocked" whose detail says what to do.
//
// load() fetches wasm_exec.js and verifier.wasm from beside this file unless
// told otherwise; every call returns the same instance (the URLs of the
// first call win). If loading fails, the next call tries again.
// load({ onProgress }) reports the download of verifier.wasm as
// { loaded, total } (total undefined when the server does not say, or
// says a compressed length); every caller's onProgress is called until the
// instance is ready. Types: gxverify.d.ts. A <gx-verify> element that
// shows a Result without code: gx-verify-element.js.

let instance = null;
let loading = false; // instance is pending
const progressListeners = new Set();

export const GXVerify = {
  /**
   * Loads the verifier once and returns { verify(input, options), version }.
   * @param {{wasmURL?: string|URL, execURL?: string|URL,
   *          onProgress?: (p: {loaded: number, total?: number}) => void}} [options]
   */
  load({ wasmURL, execURL, onProgress } = {}) {
    if (typeof onProgress === 'function' && (loading || !instance)) {
      progressListeners.add(onProgress);
    }
    if (!instance) {
      loading = true;
      instance = boot(
        new URL(wasmURL ?? 'verifier.wasm', import.meta.url),
        new URL(execURL ?? 'wasm_exec.js', import.meta.url),
      ).catch((err) => {
        instance = null;
        throw err;
      }).finally(() => {
        loading = false;
        progressListeners.clear();
      });
    }
    return instance;
  },
};

function progress(loaded, total) {
  for (const fn of progressListeners) {
    try {
      fn({ loaded, total });
    } catch (e) {
      console.error('gxverify: onProgress:', e);
    }
  }
}

export default GXVerify;

// The globals the Go program (wasm/verifier) and this loader meet at.
const INIT = '__gxverifyInit';
const READY = '__gxverifyReady';

async function boot(wasmURL, execURL) {
  if (typeof globalThis.Go !== 'function') {
    // wasm_exec.js is a classic script that sets globalThis.Go; importing
    // it as a module runs it the same way, in pages and in module workers.
    await import(execURL.href);
    if (typeof globalThis.Go !== 'function') {
      throw new Error(`gxverify: ${execURL} did not define Go`);
    }
  }
  const go = new globalThis.Go();
  const { instance: wasm } = await instantiate(wasmURL, go.importObject);

  let ready;
  const registered = new Promise((resolve) => { ready = resolve; });
  globalThis[READY] = ready;
  try {
    const exited = go.run(wasm).then(() => {
      throw new Error('gxverify: the verifier exited during start-up (see the console)');
    });
    exited.catch(() => {}); // only start-up failures matter here
    // The Go program registers its constructor before it first blocks,
    // which is before go.run returns; waiting covers any other order.
    if (typeof globalThis[INIT] !== 'function') {
      await Promise.race([registered, exited]);
    }
  } finally {
    delete globalThis[READY];
  }
  const init = globalThis[INIT];
  delete globalThis[INIT];
  const core = init();
  return Object.freeze({
    version: core.version,
    /**
     * @param {string|Uint8Array|object} input
     * @param {object} [options]
     * @returns {Promise<object>} the Result
     */
    verify: (input, options) => core.verify(input, options),
  });
}

async function instantiate(url, imports) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`gxverify: ${url}: HTTP ${response.status}`);
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (progressListeners.size > 0 && response.body) {
    return WebAssembly.instantiate(await readWithProgress(response), imports);
  }
  if (WebAssembly.instantiateStreaming && type.startsWith('application/wasm')) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  // A server that does not send application/wasm: compile from bytes.
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}

// readWithProgress reads the body, reporting each chunk. Content-Length is
// the total unless the body is content-encoded (then it counts compressed
// bytes while we count decompressed ones) or the count passes it.
async function readWithProgress(response) {
  const length = Number(response.headers.get('Content-Length'));
  const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
  const total = Number.isSafeInteger(length) && length > 0 && !encoded ? length : undefined;
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  progress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    progress(loaded, total !== undefined && loaded <= total ? total : undefined);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}
