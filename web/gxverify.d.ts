// gxverify.d.ts — TypeScript declarations for gxverify.js (the gxwallet
// verifier library) and the <gx-verify> element of gx-verify-element.js.
// The JSON shapes are those of the Go types in core/verify (Result,
// Check, Request); wasm/edge/openapi.json describes the same for the
// edge worker.

/** The verdict on a credential or presentation (Gaia-X TF §4.8.5.1.4). */
export type Status = "active" | "expired" | "revoked" | "suspended" | "deprecated" | "invalid" | "untrusted";

/** The outcome of one check. */
export type CheckStatus = "pass" | "fail" | "skipped" | "indeterminate";

/** The securing mechanism the verifier recognised. */
export type Format = "vc+jwt" | "vp+jwt" | "vc+sd-jwt" | "dc+sd-jwt" | "vp+sd-jwt" | "ldp-jws2020" | "unsecured";

/** One step of the verification. */
export interface Check {
  /** The step and the spec section it implements: "proof", "issuer.key", "status.revocation", … */
  readonly id: string;
  readonly ok: boolean;
  readonly status: CheckStatus;
  /**
   * The stable reason of a failed or indeterminate check ("bad_signature", "revoked", …).
   * "fetch_blocked": with options.fetch, the browser could not fetch a DID document or
   * status list (a network failure, or its host does not allow this origin: CORS);
   * the detail says what to do.
   */
  readonly code?: string;
  /** Human-readable, English; a status check says "status as of T". */
  readonly detail?: string;
}

/** The outcome of verifying one input. */
export interface Result {
  readonly status: Status;
  readonly format?: Format;
  readonly issuer?: string;
  readonly subject?: string;
  /** The credentialSubject as disclosed. */
  readonly claims?: { readonly [name: string]: JSONValue };
  readonly checks: readonly Check[];
  /** The results of the credentials enveloped in a presentation, in order. */
  readonly credentials?: readonly Result[];
}

export type JSONValue = string | number | boolean | null | JSONValue[] | { [key: string]: JSONValue };
export type JSONObject = { [key: string]: JSONValue };

/** Verification options; unknown members are refused (bad_options). */
export interface VerifyOptions {
  /** The instant of evaluation (RFC 3339 text or a Date); default: now. */
  now?: string | Date;
  /** Issuer DIDs to trust. */
  trustedIssuers?: string[];
  /** PEM root certificates for x5c chains. */
  trustAnchors?: string[];
  /** Gaia-X Trusted Scope Credentials (compact JWTs or JSON). */
  trustedScopes?: Array<string | JSONObject>;
  governanceAuthorities?: string[];
  /** DID documents used before resolution (did:web issuers are fetched only with fetch). */
  didDocs?: JSONObject[];
  /** URL → resource (a status list credential, a controller document). */
  resources?: { [url: string]: string | JSONObject };
  /** Other credentials the verifier knows (for "deprecated"). */
  known?: Array<string | JSONObject>;
  /** The expected key-binding nonce of a presentation. */
  nonce?: string;
  /** The expected key-binding audience of a presentation. */
  aud?: string;
  /** Fetch nothing, even with fetch. */
  offline?: boolean;
  /**
   * Library only: fetch what verification still lacks (did:web documents, status
   * lists) with the browser's fetch, under the edge worker's policy: https to a
   * public DNS name only, at most 2 MiB, 5 s, no cookies, redirects not followed.
   * Default false: the library makes no network request. The object form also
   * exempts loopback origins from the policy, for tests.
   */
  fetch?: boolean | FetchOptions;
  /** JSON-LD contexts allowlisted by URL. */
  contexts?: { [url: string]: string | JSONObject };
  /** An offline bundle (DID documents, status lists, contexts). */
  bundle?: string | JSONObject;
}

/** The object form of VerifyOptions.fetch. */
export interface FetchOptions {
  /** Loopback origins ("http://127.0.0.1:8123") exempt from the fetch policy; tests only. */
  allowedTestOrigins?: string[];
}

/** A compact JWT or SD-JWT, JSON text, their bytes, or a JSON credential or presentation. */
export type VerifyInput = string | Uint8Array | JSONObject;

/** The codes a verify promise rejects with. */
export type ErrorCode = "bad_options" | "bad_input" | "internal";

/** The rejection of verify: the call itself was wrong (never a failed verification, which is a Result). */
export interface GXVerifyError extends Error {
  readonly code: ErrorCode;
}

/** Progress of the verifier's download. total is undefined when unknown. */
export interface LoadProgress {
  readonly loaded: number;
  readonly total?: number;
}

export interface LoadOptions {
  /** verifier.wasm; default: beside gxverify.js. */
  wasmURL?: string | URL;
  /** wasm_exec.js; default: beside gxverify.js. */
  execURL?: string | URL;
  /** Called as verifier.wasm downloads, until the verifier is ready. */
  onProgress?: (progress: LoadProgress) => void;
}

/** A loaded verifier. */
export interface Verifier {
  readonly version: string;
  /**
   * Verifies input. Resolves with the Result whenever verification produced
   * one (a tampered credential is status "invalid"); rejects with a
   * GXVerifyError only when the call is wrong.
   */
  verify(input: VerifyInput, options?: VerifyOptions | null): Promise<Result>;
}

export interface GXVerifyStatic {
  /** Loads the verifier once; every call returns the same instance. */
  load(options?: LoadOptions): Promise<Verifier>;
}

export declare const GXVerify: GXVerifyStatic;
export default GXVerify;

/** The state of a <gx-verify> element. */
export type GXVerifyElementState = "idle" | "loading" | "verifying" | "done" | "error";

/** The codes of a gx-error event: the library's, and the element's own. */
export type GXVerifyElementErrorCode = ErrorCode | "no_input" | "src_failed" | "src_unreachable" | "load_failed";

export interface GXVerifyElementError {
  readonly code: GXVerifyElementErrorCode;
  readonly message: string;
}

/** <gx-verify credential|src trusted-issuers now options>, from gx-verify-element.js. */
export interface GXVerifyElement extends HTMLElement {
  credential: string | null;
  src: string | null;
  trustedIssuers: string[];
  now: string | null;
  options: VerifyOptions | null;
  readonly result: Result | null;
  readonly state: GXVerifyElementState;
  /** Verifies now; resolves with the Result, or null after an error (see the gx-error event). */
  verify(): Promise<Result | null>;
  addEventListener<K extends keyof GXVerifyElementEventMap>(type: K, listener: (this: GXVerifyElement, ev: GXVerifyElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export interface GXVerifyElementEventMap extends HTMLElementEventMap {
  "gx-verified": CustomEvent<Result>;
  "gx-error": CustomEvent<GXVerifyElementError>;
}

declare global {
  interface HTMLElementTagNameMap {
    "gx-verify": GXVerifyElement;
  }
}
