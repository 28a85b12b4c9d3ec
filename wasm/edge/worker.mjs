// gxwallet edge verifier: the Workers entry module.
//
// syumai/workers' generated worker.mjs instantiates a new Go runtime for
// every request (tens of ms of start-up each). This entry instead starts
// one Go instance per isolate and hands every request to it: the Go side
// (main_js.go) registers its handler with workers.ServeNonBlock, signals
// readiness and never exits. It uses syumai/workers' wasm_exec.js (Go's,
// plus a `context` global for the workers package) unchanged.
//
// workerd binds every promise and stream to the request that created it:
// awaiting a promise of an ended request throws, touching another
// request's stream throws. Hence:
//  - nothing here awaits a promise created by an earlier request (the Go
//    program's exit is observed through its wasmExit import, not through
//    go.run's promise);
//  - requests enter Go one at a time, each to completion (its response
//    body read): Go's scheduler runs any runnable goroutine whenever JS
//    resumes it, so two requests inside Go at once would touch each
//    other's streams. Go on wasm is single-threaded anyway; this costs only
//    overlap during outbound fetches. A turn has a lease, so a request
//    that was cancelled mid-turn (its continuations never run) cannot
//    block the isolate for good;
//  - if the Go program ever exits (a panic), the request in flight fails
//    with 500 and the next one starts a fresh instance.
import "./wasm_exec.js";
import mod from "./app.wasm";

// Outbound fetches from Go (status lists, did:web) go through this
// object (main_js.go binds syumai/workers' fetch client to it): Go cannot
// cancel a JS promise, so the time bound is an AbortSignal here. Keep
// fetchTimeoutMs equal to FetchTimeout in limits.go (config_test.go).
const fetchTimeoutMs = 5000;
// (globalThis.fetch: this module's own `fetch` is the request handler.)
globalThis.__gxBoundedFetch = {
  fetch: (req, init) => globalThis.fetch(req, { ...init, signal: AbortSignal.timeout(fetchTimeoutMs) }),
};

globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

// The runtime context Go reads. syumai/workers captures this object (and
// its binding) once, at package init, so it is one object whose env and
// ctx are those of the request in its turn.
const runtimeContext = { env: undefined, ctx: undefined, binding: {} };

let go; // the live Go instance, or undefined
let onExit = () => {}; // fails the request in its turn when Go exits

// start instantiates the Go program and resolves when it is ready to serve.
function start() {
  const g = new Go();
  runtimeContext.binding = {};
  const wasmExit = g.importObject.gojs["runtime.wasmExit"];
  g.importObject.gojs["runtime.wasmExit"] = (sp) => {
    wasmExit(sp);
    if (go === g) go = undefined;
    console.error("gxwallet: Go program exited");
    onExit(new Error("Go program exited"));
  };
  return new Promise((resolve, reject) => {
    onExit = reject;
    const instance = new WebAssembly.Instance(mod, {
      ...g.importObject,
      workers: { ready: () => resolve(g) },
    });
    g.run(instance, runtimeContext).catch(reject);
  });
}

// One turn at a time, FIFO, with a lease (see above).
const TURN_LEASE_MS = 30_000;
let turn = null; // { until } of the turn in progress
const waiters = [];

function acquire() {
  return new Promise((resolve) => {
    waiters.push(resolve);
    pump();
  });
}

function pump() {
  if (waiters.length === 0) return;
  const now = Date.now();
  if (turn !== null && now < turn.until) {
    // Re-check when the lease ends, from this (live) request's context.
    setTimeout(pump, turn.until - now + 1);
    return;
  }
  if (turn !== null) console.error("gxwallet: a turn outlived its lease; moving on");
  const t = { until: now + TURN_LEASE_MS };
  turn = t;
  waiters.shift()(t);
}

function release(t) {
  if (turn === t) {
    turn = null;
    pump();
  }
}

async function serve(req, env, ctx) {
  const exited = new Promise((_, reject) => (onExit = reject));
  exited.catch(() => {});
  if (go === undefined || go.exited) {
    go = undefined;
    go = await Promise.race([start(), exited]);
  }
  runtimeContext.env = env;
  runtimeContext.ctx = ctx;
  const res = await Promise.race([runtimeContext.binding.handleRequest(req), exited]);
  // Read the body within this turn (answers are small JSON documents).
  const body = res.body === null ? null : await Promise.race([res.arrayBuffer(), exited]);
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function fetch(req, env, ctx) {
  const t = await acquire();
  try {
    return await serve(req, env, ctx);
  } catch (e) {
    console.error("gxwallet:", e);
    return new Response(JSON.stringify({ code: "internal", message: "the verifier failed; retry" }) + "\n", {
      status: 500,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  } finally {
    onExit = () => {};
    release(t);
  }
}

export default { fetch };
