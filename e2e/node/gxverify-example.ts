// An example relying party in TypeScript, type-checked against
// web/gxverify.d.ts by e2e/library_types_test.go (tsc --noEmit, strict).
// Never run: it shows how the library and <gx-verify> are used, and the
// expect-error lines in misuse() prove the declarations refuse misuse.
import GXVerifyDefault, { GXVerify } from "../../web/gxverify.js";
import type { Check, GXVerifyElement, GXVerifyError, LoadProgress, Result, Status, VerifyOptions } from "../../web/gxverify.js";

export async function checkCredential(jwt: string, issuerDoc: { [key: string]: string | string[] }): Promise<boolean> {
  const v = await GXVerify.load({
    wasmURL: new URL("/lib/verifier.wasm", location.href),
    onProgress: (p: LoadProgress) => console.log(p.loaded, p.total ?? "?"),
  });
  const same: typeof GXVerify = GXVerifyDefault;
  console.log(v.version, same === GXVerify);
  const options: VerifyOptions = {
    now: new Date("2026-06-01T00:00:00Z"),
    trustedIssuers: ["did:web:issuer.example"],
    didDocs: [issuerDoc],
    resources: { "https://status.example/1": "eyJ..." },
    nonce: "n-1",
    aud: "https://rp.example",
  };
  try {
    const r: Result = await v.verify(jwt, options);
    const status: Status = r.status;
    const failed: Check[] = r.checks.filter((c) => !c.ok);
    for (const c of failed) console.log(c.id, c.status, c.code ?? "", c.detail ?? "");
    for (const inner of r.credentials ?? []) console.log(inner.issuer, inner.format);
    console.log(r.claims?.["name"]);
    await v.verify(new TextEncoder().encode(jwt));
    await v.verify({ "@context": ["https://www.w3.org/ns/credentials/v2"], type: ["VerifiableCredential"] }, null);
    // Let the library fetch did:web documents and status lists itself.
    const fetched = await v.verify(jwt, { trustedIssuers: ["did:web:issuer.example"], fetch: true });
    if (fetched.checks.some((c) => c.code === "fetch_blocked")) console.log("the issuer's host does not allow this origin");
    await v.verify(jwt, { fetch: { allowedTestOrigins: ["http://127.0.0.1:8123"] } });
    return status === "active";
  } catch (e) {
    const err = e as GXVerifyError;
    if (err.code === "bad_options") console.error("options:", err.message);
    return false;
  }
}

export function misuse(v: Awaited<ReturnType<typeof GXVerify.load>>, r: Result): void {
  // @ts-expect-error a number is not an input
  void v.verify(42);
  // @ts-expect-error unknown option (a misspelt trustedIssuers)
  void v.verify("eyJ", { trustedIssuer: ["did:web:x"] });
  // @ts-expect-error "valid" is not a status
  if (r.status === "valid") console.log();
  // @ts-expect-error checks are read-only
  r.checks.push({ id: "x", ok: true, status: "pass" });
  // @ts-expect-error a check status is one of four
  const s: Check["status"] = "ok";
  void s;
  // @ts-expect-error fetch is a boolean or {allowedTestOrigins}
  void v.verify("eyJ", { fetch: "yes" });
  // @ts-expect-error allowedTestOrigins is a list
  void v.verify("eyJ", { fetch: { allowedTestOrigins: "http://127.0.0.1:1" } });
  // @ts-expect-error load takes no string
  void GXVerify.load("verifier.wasm");
}

export function element(): void {
  const el = document.createElement("gx-verify");
  const typed: GXVerifyElement = el;
  typed.src = "/credentials/alice.jwt";
  typed.trustedIssuers = ["did:web:issuer.example"];
  typed.now = "2026-06-01T00:00:00Z";
  typed.options = { didDocs: [] };
  typed.addEventListener("gx-verified", (ev) => console.log(ev.detail.status, ev.detail.checks.length));
  typed.addEventListener("gx-error", (ev) => console.error(ev.detail.code, ev.detail.message));
  void typed.verify().then((r) => r?.status);
  const found = document.querySelector("gx-verify");
  if (found?.state === "done") console.log(found.result?.status);
  // @ts-expect-error result is read-only
  typed.result = null;
  document.body.append(el);
}
