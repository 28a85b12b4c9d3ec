# Standalone workerd configuration for the gxwallet edge verifier. mk/worker.mk
# copies it next to the built worker in dist/worker/:
#
#   e2e/node_modules/.bin/workerd serve dist/worker/workerd.capnp
#   e2e/node_modules/.bin/workerd serve dist/worker/workerd.capnp --socket-addr http=127.0.0.1:9000
#
# Keep compatibilityDate equal to compatibility_date in wrangler.toml.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
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
