package main

import (
	_ "embed"
	"net/http"
)

// openapiJSON is the OpenAPI 3.1 description of the API, served at
// GET /openapi.json. openapi_test.go checks it against routes, the error
// codes and the JSON of verify.Result.
//
//go:embed openapi.json
var openapiJSON []byte

func (h *handler) openapi(w http.ResponseWriter, _ *http.Request, _ Config) {
	writeBytes(w, http.StatusOK, "application/json", "public, max-age=300", openapiJSON)
}
