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
//    block the isolate for good. A waiting request takes its turn from its
//    own context (it polls), never by being resumed from another's;
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

// One turn at a time, FIFO, with a lease (see above). Each waiting request
// polls with its own timer, from its own context: a request is never
// resumed by another. When the releasing request resolved the next
// waiter's promise, workerd refused I/O about once in 4 000 requests under
// sustained concurrent load ("Cannot perform I/O on behalf of a different
// request") and that request hung until the lease ended; polling, none in
// 23 000 (scripts/loadtest.sh, 4 clients).
const TURN_LEASE_MS = 30_000;
const POLL_MS = 1;
// A waiter that stopped polling (its client went away and workerd
// dropped it) loses its place after this long. One that was only slow to
// poll (a long turn kept the event loop busy) takes its place back.
const STALE_WAITER_MS = 5_000;
let turn = null; // { until } of the turn in progress
const queue = []; // waiting tickets { seen }, FIFO

async function acquire() {
  const ticket = { seen: Date.now() };
  queue.push(ticket);
  for (;;) {
    const now = Date.now();
    ticket.seen = now;
    if (!queue.includes(ticket)) queue.unshift(ticket);
    while (queue.length > 0 && queue[0] !== ticket && now - queue[0].seen > STALE_WAITER_MS) queue.shift();
    if (queue[0] === ticket && (turn === null || now >= turn.until)) {
      if (turn !== null) console.error("gxwallet: a turn outlived its lease; moving on");
      queue.shift();
      turn = { until: now + TURN_LEASE_MS };
      return turn;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function release(t) {
  if (turn === t) turn = null;
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
