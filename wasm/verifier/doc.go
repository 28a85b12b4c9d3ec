// Command verifier is the gxwallet verifier JS library: built with
// GOOS=js GOARCH=wasm it becomes verifier.wasm, which web/gxverify.js loads.
//
// On start it registers one global constructor, globalThis.__gxverifyInit,
// and calls globalThis.__gxverifyReady() if the loader defined it. The
// constructor returns an object
//
//	{ verify(input, options) → Promise<Result>, version: string }
//
// input is a compact JWS or SD-JWT, JSON text, a Uint8Array of either, or a
// JS object (a JSON credential or presentation, read with JSON.stringify).
// options is undefined, null or an object with the fields of
// [verify.Request] (now, trustedIssuers, didDocs, resources, known, nonce,
// aud, offline, bundle, …) and the library's own fetch; it is read with
// JSON.stringify, so now may be a Date.
//
// The promise resolves with the [verify.Result] as a plain object whenever
// verification produced one, including status "invalid" for a malformed or
// tampered input and an indeterminate result when a resource was missing.
// It rejects with an Error carrying a code property only when the call
// itself is wrong or broken:
//
//   - "bad_options": options is not an object of the known fields, is
//     larger than [MaxOptionsBytes], or has a malformed field (a bad now, a
//     DID document that does not parse);
//   - "bad_input": input is undefined, null, or an object with no JSON form;
//   - "internal": a bug; the message says what failed.
//
// By default nothing is fetched from the network: issuer DID documents
// other than did:key and did:jwk, and status lists, come in through
// options.didDocs, options.resources and options.bundle. With
// options.fetch true (or {allowedTestOrigins: [loopback origins]}) what is
// still missing is fetched with the browser's fetch under the edge
// worker's fetch policy (wasm/internal/httpfetch: https, public DNS names,
// bounded size and time, no cookies, redirects not followed); a fetch the
// browser blocks (network or CORS) is a check with code fetch_blocked whose
// detail says what to do (fetch.go).
//
// # Security considerations
//
// Input is bounded at the boundary: at most [verify.MaxInputBytes]+1 bytes
// cross into Go, and core reports anything longer as too_large. Options are
// bounded by [MaxOptionsBytes] and decoded strictly (an unknown field is an
// error, so a misspelt trustedIssuers is not silently ignored). A panic in
// core becomes a rejected promise with code "internal" instead of killing
// the runtime that later calls share.
package main
