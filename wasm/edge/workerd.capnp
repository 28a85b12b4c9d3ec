# Standalone workerd configuration for the gxwallet edge verifier. mk/worker.mk
# copies it next to the built worker in dist/worker/:
#
#   e2e/node_modules/.bin/workerd serve dist/worker/workerd.capnp
#   e2e/node_modules/.bin/workerd serve dist/worker/workerd.capnp --socket-addr http=127.0.0.1:9000
#
# Keep compatibilityDate equal to compatibility_date in wrangler.toml.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  # V8 grows its heap lazily when nothing presses on it: without a bound a
  # busy local workerd's RSS climbed 147 → 402 MiB in 150 s at 226 req/s
  # (vc+jwt, scripts/loadtest.sh) though Go's memory stayed at 41 MiB.
  # With the old space held to 32 MiB it went 156 → 202 MiB in 90 s and
  # 240 MiB after 90 s more at two clients (Go's wasm memory 26 → 50 MiB of
  # that), p50 unchanged. Cloudflare runs each isolate under its own
  # 128 MiB limit; this keeps a local run comparable.
  v8Flags = ["--max-old-space-size=32"],
  services = [
    (name = "verifier", worker = .verifier),
    # Outbound fetches (status lists, did:web) reach public addresses only.
    (name = "internet", network = (allow = ["public"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:8787", http = (), service = "verifier"),
  ],
);

const verifier :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "wasm_exec.js", esModule = embed "wasm_exec.js"),
    (name = "app.wasm", wasm = embed "app.wasm"),
  ],
  compatibilityDate = "2026-04-01",
  # Configuration (config.go), as wrangler.toml [vars]; keep the two in step
  # (config_test.go). One binding per line: e2e/worker_test.go rewrites them.
  bindings = [
    (name = "TRUSTED_ISSUERS", text = ""),
    (name = "ALLOWED_ORIGINS", text = ""),
    (name = "CORS_ALLOW_CREDENTIALS", text = "false"),
    (name = "CACHE_MAX_AGE", text = "24h"),
    (name = "CACHE_DEFAULT_TTL", text = "5m"),
    (name = "ALLOWED_TEST_ORIGINS", text = ""),
    (name = "TRUST_BUNDLE_URL", text = ""),
  ],
  globalOutbound = "internet",
  # No cacheApiOutbound: standalone workerd then has no Cache API backend
  # and the in-isolate cache (lru.go) is the whole cache. The e2e tests add
  # a cache service; `wrangler dev` brings its own.
);
