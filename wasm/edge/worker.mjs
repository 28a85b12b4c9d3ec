// gxwallet edge verifier: the Workers entry module.
//
// syumai/workers' generated worker.mjs instantiates a new Go runtime for
// every request (25–55 ms of start-up each). This entry instead starts one
// Go instance per isolate and hands every request to it; the Go side
// (main_js.go) registers its handler with workers.ServeNonBlock, signals
// readiness and never exits. It uses the generated wasm_exec.js (Go's,
// patched by syumai/workers to expose `context` to Go) unchanged.
//
// Requests are served one at a time per isolate, each to completion (its
// response body read) before the next one enters Go: Go's scheduler may
// run any goroutine whenever JS resumes it, and workerd forbids touching
// one request's streams from another request's context. Go on wasm is
// single-threaded anyway, so this costs only overlap during outbound
// fetches. If the instance ever exits (a panic), the next request starts a
// fresh one.
import "./wasm_exec.js";
import mod from "./app.wasm";

globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

// The runtime context Go reads (syumai/workers captures it once, at
// package init). env is refreshed per request; ctx is the current
// request's ExecutionContext (requests are serialised, see above).
const runtimeContext = { env: undefined, ctx: undefined, binding: {} };

let instance; // { go, died } of the live Go instance

function start() {
  const go = new Go();
  runtimeContext.binding = {};
  let resolveReady;
  const ready = new Promise((resolve) => (resolveReady = resolve));
  const wasm = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => resolveReady() },
  });
  const exited = go.run(wasm, runtimeContext);
  const inst = {
    go,
    // Settles (rejects) only if the program ends: a request in flight
    // then fails instead of waiting forever for its answer.
    died: exited.then(() => {
      throw new Error("Go program exited");
    }),
  };
  inst.died.catch(() => {});
  exited.then(
    () => console.error("gxwallet: Go instance exited"),
    (e) => console.error("gxwallet: Go instance failed:", e),
  ).finally(() => {
    if (instance === inst) instance = undefined;
  });
  // If the program exits before Ready (a panic in init), fail fast.
  return Promise.race([ready, inst.died]).then(() => inst);
}

let queue = Promise.resolve();

async function serve(req, env, ctx) {
  if (instance === undefined || instance.go.exited) {
    instance = undefined;
    instance = await start();
  }
  runtimeContext.env = env;
  runtimeContext.ctx = ctx;
  const { died } = instance;
  const res = await Promise.race([runtimeContext.binding.handleRequest(req), died]);
  // Read the body inside this request's turn (answers are small JSON).
  const body = res.body === null ? null : await Promise.race([res.arrayBuffer(), died]);
  return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
}

async function fetch(req, env, ctx) {
  const turn = queue.then(() => serve(req, env, ctx));
  queue = turn.catch(() => {});
  try {
    return await turn;
  } catch (e) {
    console.error("gxwallet:", e);
    return new Response(JSON.stringify({ code: "internal", message: "the verifier failed; retry" }) + "\n", {
      status: 500,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  }
}

export default { fetch };
