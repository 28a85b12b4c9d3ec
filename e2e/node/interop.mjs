// interop.mjs: the Node side of e2e/interop_*_test.go. It reads a JSON
// array of operations on stdin and writes a JSON array of results on
// stdout. Each operation is {"op": name, ...arguments}; a result is
// {"ok": true, ...} or {"ok": false, "error": message} when the library
// under test refused the input. Anything else (a bug in this script) exits
// non-zero. Nothing here touches the network.
import {readFileSync} from 'node:fs';
import * as jose from 'jose';

const ops = {
  // jose: generate a key for alg and sign payload (a string) as a compact
  // JWS with the given protected header.
  async 'jose.sign'({alg, header, payload}) {
    const {publicKey, privateKey} = await jose.generateKeyPair(alg, {extractable: true});
    const token = await new jose.CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({...header, alg})
      .sign(privateKey);
    return {token, jwk: await jose.exportJWK(publicKey), privateJwk: await jose.exportJWK(privateKey)};
  },
  // jose: sign with a given private JWK.
  async 'jose.signWith'({alg, header, payload, privateJwk}) {
    const key = await jose.importJWK(privateJwk, alg);
    const token = await new jose.CompactSign(new TextEncoder().encode(payload))
      .setProtectedHeader({...header, alg})
      .sign(key);
    return {token};
  },
  async 'jose.verify'({token, jwk, alg}) {
    const key = await jose.importJWK(jwk, alg);
    const {payload, protectedHeader} = await jose.compactVerify(token, key, {algorithms: [alg]});
    return {header: protectedHeader, payload: JSON.parse(new TextDecoder().decode(payload))};
  },

  async 'jsonld.canonize'({doc}) {
    const {canonize} = await import('./lib/jws2020.mjs');
    return {nquads: await canonize(doc)};
  },
  async 'jws2020.sign'({doc, alg, verificationMethod, created, flavour, privateJwk}) {
    const jws2020 = await import('./lib/jws2020.mjs');
    let key, jwk;
    if(privateJwk) {
      key = await jose.importJWK(privateJwk, alg);
    } else {
      const kp = await jose.generateKeyPair(alg, {extractable: true});
      key = kp.privateKey;
      jwk = await jose.exportJWK(kp.publicKey);
      privateJwk = await jose.exportJWK(kp.privateKey);
    }
    const signed = await jws2020.sign(doc, key, {alg, verificationMethod, created, flavour});
    return {signed, jwk, privateJwk};
  },
  async 'jws2020.verify'({doc, jwk, alg, flavours}) {
    const jws2020 = await import('./lib/jws2020.mjs');
    const key = await jose.importJWK(jwk, alg);
    return {flavour: await jws2020.verify(doc, key, {algorithms: [alg], flavours})};
  },

  // @digitalbazaar/vc-bitstring-status-list: a list of length entries with
  // the given indexes set, and its (unsigned) status list credential.
  async 'bsl.create'({id, length, set, statusPurpose}) {
    const bsl = await import('@digitalbazaar/vc-bitstring-status-list');
    const list = await bsl.createList({length});
    for(const i of set) {
      list.setStatus(i, true);
    }
    const credential = await bsl.createCredential({id, list, statusPurpose});
    return {credential};
  },
  // decode an encodedList and report its length and every set index.
  async 'bsl.decode'({encodedList}) {
    const bsl = await import('@digitalbazaar/vc-bitstring-status-list');
    const list = await bsl.decodeList({encodedList});
    const set = [];
    for(let i = 0; i < list.length; i++) {
      if(list.getStatus(i)) {
        set.push(i);
      }
    }
    return {length: list.length, set};
  },

  // checkStatus on a credential whose status list credentials are served
  // from lists (URL → credential JSON). Their library verifies Data
  // Integrity proofs only; ours are vc+jwt, checked on our side, so the
  // list credential's proof is not verified here (issuers still must match).
  async 'bsl.check'({credential, lists}) {
    const bsl = await import('@digitalbazaar/vc-bitstring-status-list');
    const {documentLoader: contexts} = await import('./lib/loader.mjs');
    const documentLoader = async url => url in lists ?
      {contextUrl: null, document: lists[url], documentUrl: url} : contexts(url);
    const r = await bsl.checkStatus({credential, documentLoader,
      verifyBitstringStatusListCredential: false, verifyMatchingIssuers: true});
    if(r.error) {
      throw r.error;
    }
    return {verified: r.verified, statuses: r.results.map(x => ({
      purpose: x.credentialStatus.statusPurpose, index: x.credentialStatus.statusListIndex, status: x.status}))};
  },
  async 'sdjwt.issue'(args) {
    const sd = await import('./lib/sdjwt.mjs');
    return sd.issue(args);
  },
  async 'sdjwt.present'(args) {
    const sd = await import('./lib/sdjwt.mjs');
    return sd.present(args);
  },
  async 'sdjwt.verify'(args) {
    const sd = await import('./lib/sdjwt.mjs');
    return sd.verify(args);
  },
  async 'tsl.create'(args) {
    const sd = await import('./lib/sdjwt.mjs');
    return sd.createStatusList(args);
  },
  async 'tsl.decode'({lst, bits, count}) {
    const {StatusList} = await import('@sd-jwt/jwt-status-list');
    const list = StatusList.decompressStatusList(lst, bits);
    const statuses = [];
    for(let i = 0; i < count; i++) {
      statuses.push(list.getStatus(i));
    }
    return {statuses};
  },
};

const requests = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for(const req of requests) {
  const fn = ops[req.op];
  if(!fn) {
    console.error(`interop.mjs: unknown op ${req.op}`);
    process.exit(2);
  }
  try {
    results.push({ok: true, ...await fn(req)});
  } catch(e) {
    results.push({ok: false, error: String(e?.message ?? e)});
  }
}
process.stdout.write(JSON.stringify(results));
