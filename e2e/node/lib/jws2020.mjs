// JsonWebSignature2020 (https://w3c-ccg.github.io/lds-jws2020/) built the
// way Node services build it: jsonld.canonize (URDNA2015) with the offline
// loader, then a detached, unencoded (b64=false, RFC 7797) JWS from jose.
//
// Two payload constructions exist (vectors/ALGORITHMS.md, gotcha 1):
//   gaiax: the 64 ASCII characters of hex SHA-256(N-Quads(document))
//   w3c:   SHA-256(N-Quads(proof options)) ‖ SHA-256(N-Quads(document)),
//          the proof options being the proof without jws under the
//          document's @context.
import {createHash} from 'node:crypto';
import jsonld from 'jsonld';
import {FlattenedSign, flattenedVerify} from 'jose';
import {documentLoader} from './loader.mjs';

// canonize matches core/ld: JSON-LD 1.1, safe mode off (Gaia-X verifiers
// canonicalize this way; undefined terms are dropped, not refused).
export async function canonize(doc) {
  return jsonld.canonize(doc, {
    algorithm: 'URDNA2015',
    format: 'application/n-quads',
    documentLoader,
    safe: false,
  });
}

const sha256 = data => createHash('sha256').update(data).digest();

function withoutProof(doc) {
  const {proof, ...rest} = doc;
  return rest;
}

export async function payload(doc, proof, flavour, docNQ) {
  docNQ ??= await canonize(withoutProof(doc));
  const docHash = sha256(docNQ);
  if(flavour === 'gaiax') {
    return Buffer.from(docHash.toString('hex'), 'ascii');
  }
  if(flavour === 'w3c') {
    const {jws, ...opts} = proof;
    opts['@context'] = doc['@context'];
    const optNQ = await canonize(opts);
    return Buffer.concat([sha256(optNQ), docHash]);
  }
  throw new Error(`unknown flavour ${flavour}`);
}

export async function sign(doc, key, {alg, verificationMethod, created, flavour}) {
  const proof = {
    type: 'JsonWebSignature2020',
    created,
    verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  const data = await payload(doc, proof, flavour);
  const f = await new FlattenedSign(data)
    .setProtectedHeader({alg, b64: false, crit: ['b64']})
    .sign(key);
  return {...doc, proof: {...proof, jws: `${f.protected}..${f.signature}`}};
}

// verify tries the Gaia-X construction, then the W3C one (what
// gx-compliance does) and returns the one that verified, or throws.
export async function verify(doc, key, {algorithms, flavours = ['gaiax', 'w3c'], docNQ} = {}) {
  const proof = doc.proof;
  if(proof?.type !== 'JsonWebSignature2020') {
    throw new Error('not a JsonWebSignature2020 proof');
  }
  const [prot, detached, signature] = proof.jws.split('.');
  if(detached !== '') {
    throw new Error('jws payload is not detached');
  }
  docNQ ??= await canonize(withoutProof(doc));
  let last;
  for(const flavour of flavours) {
    const data = await payload(doc, proof, flavour, docNQ);
    try {
      await flattenedVerify({protected: prot, payload: data, signature}, key, {algorithms});
      return flavour;
    } catch(e) {
      last = e;
    }
  }
  throw last;
}
