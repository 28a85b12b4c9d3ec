package main

// version is reported by GET /healthz; the build sets it with
// -ldflags "-X main.version=…" (mk/worker.mk).
var version = "dev"
