// The baseline the edge verifier is measured against (e2e TestWorkerLoad,
// scripts/loadtest.sh): a minimal Node HTTP server that verifies the same
// vc+jwt requests as POST /v1/verify with jose (pinned in
// e2e/package.json), doing the same work as our pipeline for that input:
// the issuer's DID document from options.didDocs, the kid under
// assertionMethod, the signature (typ vc+jwt, an allowlisted alg),
// validFrom/validUntil at options.now, and the issuer in
// options.trustedIssuers. One process, one thread, like one isolate.
//
//   node jose-server.mjs      → prints {"port": N} once listening on 127.0.0.1
import http from 'node:http';
import {decodeJwt, decodeProtectedHeader, importJWK, jwtVerify} from 'jose';

const MAX_BODY = 1 << 20;
const ALGS = ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'];
const keys = new Map(); // kid → imported key (as a real server would cache)

async function verify(req) {
  const {credential, options = {}} = req;
  const header = decodeProtectedHeader(credential);
  const claims = decodeJwt(credential);
  const issuer = typeof claims.issuer === 'string' ? claims.issuer : claims.issuer?.id;
  const doc = (options.didDocs || []).find((d) => d.id === issuer);
  if (!doc) return {status: 'invalid', code: 'did_resolution'};
  if (!(doc.assertionMethod || []).includes(header.kid)) return {status: 'invalid', code: 'not_assertion_method'};
  let key = keys.get(header.kid);
  if (!key) {
    const vm = (doc.verificationMethod || []).find((m) => m.id === header.kid);
    if (!vm?.publicKeyJwk) return {status: 'invalid', code: 'key_not_found'};
    key = await importJWK(vm.publicKeyJwk, header.alg);
    keys.set(header.kid, key);
  }
  try {
    await jwtVerify(credential, key, {typ: 'vc+jwt', algorithms: ALGS});
  } catch (e) {
    return {status: 'invalid', code: 'bad_signature', detail: String(e.code || e)};
  }
  const now = options.now ? new Date(options.now) : new Date();
  if (claims.validFrom && new Date(claims.validFrom) > now) return {status: 'invalid', code: 'not_yet_valid'};
  if (claims.validUntil && new Date(claims.validUntil) <= now) return {status: 'expired', code: 'expired'};
  if (!(options.trustedIssuers || []).includes(issuer)) return {status: 'untrusted', code: 'untrusted'};
  return {status: 'active', issuer, claims: claims.credentialSubject};
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/v1/verify') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(c);
  });
  req.on('end', async () => {
    let out;
    try {
      out = await verify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch (e) {
      res.writeHead(400, {'content-type': 'application/json'}).end(JSON.stringify({code: 'bad_request'}));
      return;
    }
    res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify(out));
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({port: server.address().port})));
