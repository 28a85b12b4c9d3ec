// bench.mjs: verifications (and SD-JWT presentations) per second with the
// Node stack Gaia-X services and EU wallets use, on the inputs the Go
// benchmarks use (exported by TestExportBenchInputs). Usage:
//   node bench.mjs INPUTS.json [seconds]
// Prints one JSON object: {kind: {opsPerSec, n, seconds}}.
//
// Each kind does the work of its Go twin, with keys imported once (a Node
// service caches them; this favours Node):
//   vcjwt-es256     jose compactVerify + JSON.parse + the checks of our
//                   pipeline (typ, kid ↔ issuer, assertionMethod, @context,
//                   type, validFrom/validUntil, trusted issuer)
//   jws2020-ps256   jsonld.canonize (URDNA2015, offline loader) + SHA-256
//                   hex + jose detached b64=false verify (Gaia-X payload)
//   bitstring       @digitalbazaar/vc-bitstring-status-list decodeList
//                   (base64url + gunzip) + getStatus, 131 072 entries
//   sdjwt-verify-kb @sd-jwt/sd-jwt-vc verify with KB (+ aud check)
//   sdjwt-present   @sd-jwt/sd-jwt-vc present with a KB-JWT
import {readFileSync} from 'node:fs';
import * as jose from 'jose';
import * as jws2020 from './lib/jws2020.mjs';
import {decodeList} from '@digitalbazaar/vc-bitstring-status-list';
import {instance} from './lib/sdjwt.mjs';

const inputs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const seconds = Number(process.argv[3] ?? 2);
const now = Date.parse(inputs.now);

async function measure(fn) {
  const warm = Date.now() + Math.min(500, seconds * 250);
  while(Date.now() < warm) {
    await fn();
  }
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let t;
  do {
    await fn();
    n++;
    t = process.hrtime.bigint();
  } while(t < end);
  const s = Number(t - start) / 1e9;
  return {opsPerSec: n / s, n, seconds: s};
}

function check(cond, msg) {
  if(!cond) {
    throw new Error(msg);
  }
}

// vc+jwt ES256.
async function vcjwt() {
  const {token, issuer, didDoc} = inputs.vcjwt;
  const trusted = new Set([issuer]);
  const keys = new Map();
  for(const vm of didDoc.verificationMethod) {
    keys.set(vm.id, await jose.importJWK(vm.publicKeyJwk, 'ES256'));
  }
  const assertion = new Set(didDoc.assertionMethod);
  return async () => {
    const header = jose.decodeProtectedHeader(token);
    check(header.typ === 'vc+jwt' && header.alg === 'ES256', 'header');
    check(header.kid.split('#')[0] === didDoc.id && assertion.has(header.kid), 'kid');
    const key = keys.get(header.kid);
    const {payload} = await jose.compactVerify(token, key, {algorithms: ['ES256']});
    const vc = JSON.parse(new TextDecoder().decode(payload));
    check(vc['@context'][0] === 'https://www.w3.org/ns/credentials/v2', 'context');
    check(vc.type.includes('VerifiableCredential'), 'type');
    check(vc.issuer === didDoc.id && !('vc' in vc) && !('vp' in vc), 'issuer');
    check(vc.credentialSubject && typeof vc.credentialSubject === 'object', 'subject');
    check(Date.parse(vc.validFrom) <= now && now < Date.parse(vc.validUntil), 'validity');
    check(trusted.has(vc.issuer), 'trust');
  };
}

// JsonWebSignature2020 PS256, Gaia-X construction.
async function jws() {
  const {doc, jwk, alg} = inputs.jws2020;
  const key = await jose.importJWK(jwk, alg);
  const f = await jws2020.verify(doc, key, {algorithms: [alg]});
  check(f === 'gaiax', `verified in the ${f} construction`);
  return async () => {
    await jws2020.verify(doc, key, {algorithms: [alg], flavours: ['gaiax']});
  };
}

async function bitstring() {
  const {encodedList, index, entries} = inputs.bitstring;
  return async () => {
    const list = await decodeList({encodedList});
    check(list.length === entries && list.getStatus(index) === true, 'status');
  };
}

async function sdVerify() {
  const {presentation, issuerJwk, nonce, aud} = inputs.sdjwt;
  const sd = await instance({issuerJwk});
  const currentDate = Math.floor(now / 1000);
  return async () => {
    const r = await sd.verify(presentation, {currentDate, keyBindingNonce: nonce});
    check(r.kb.payload.aud === aud, 'aud');
  };
}

async function sdPresent() {
  const {issued, holderPrivateJwk, nonce, aud, frame} = inputs.sdjwt;
  const sd = await instance({holderPrivateJwk});
  const iat = Math.floor(now / 1000);
  return async () => {
    await sd.present(issued, frame, {kb: {payload: {iat, aud, nonce}}});
  };
}

const kinds = {
  'vcjwt-es256': vcjwt,
  'jws2020-ps256': jws,
  'bitstring': bitstring,
  'sdjwt-verify-kb': sdVerify,
  'sdjwt-present': sdPresent,
};
const out = {};
for(const [name, setup] of Object.entries(kinds)) {
  const fn = await setup();
  await fn(); // fails loudly if the input does not verify
  out[name] = await measure(fn);
  process.stderr.write(`bench.mjs: ${name} ${out[name].opsPerSec.toFixed(0)}/s\n`);
}
process.stdout.write(JSON.stringify(out) + '\n');
