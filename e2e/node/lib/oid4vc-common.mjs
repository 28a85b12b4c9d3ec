// The callbacks @openid4vc/* leave to the application (hashing, random
// bytes, JWT signing and verification, fetch), with Node's crypto and jose,
// shaped like the libraries' own test helpers; and how a failure is
// reported to the Go test.
import crypto from 'node:crypto';
import * as jose from 'jose';
import {HashAlgorithm, calculateJwkThumbprint} from '@openid4vc/oauth2';
import {setGlobalConfig} from '@openid4vc/utils';

// The libraries accept https URLs only, with no exception for loopback
// (our wallet and portal allow http://localhost and 127.0.0.1). Both sides
// here run on 127.0.0.1 and loopbackFetch refuses anything else.
setGlobalConfig({allowInsecureUrls: true});

export const hash = (data, alg) => crypto.createHash(alg.replace('-', '').toLowerCase()).update(data).digest();

// publicOf drops the private members of a JWK, and WebCrypto's key_ops and
// ext (a public key marked for "sign" cannot be imported to verify).
export function publicOf({d, key_ops, ext, ...pub}) {
  return pub;
}

const thumbprint = jwk => calculateJwkThumbprint({jwk: publicOf(jwk), hashAlgorithm: HashAlgorithm.Sha256, hashCallback: hash});

// jwkOfSigner is the public key a JwtSigner names: a jwk, or a did:jwk.
function jwkOfSigner(signer) {
  if(signer.method === 'jwk') {
    return signer.publicJwk;
  }
  if(signer.method === 'did' && signer.didUrl.startsWith('did:jwk:')) {
    return JSON.parse(Buffer.from(signer.didUrl.slice(8).split('#')[0], 'base64url'));
  }
  throw new Error(`signer method ${signer.method} is not supported here`);
}

// loopbackFetch is fetch for loopback URLs only: nothing here may reach the
// network.
export async function loopbackFetch(input, init) {
  const u = new URL(input instanceof Request ? input.url : input);
  if(!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) {
    throw new Error(`refusing to fetch ${u.origin}: not loopback`);
  }
  return fetch(input, init);
}

// callbacks are the CallbackContext of @openid4vc/oauth2 for signers whose
// private JWKs are given; verifyJwt checks with the key the signer names.
export function callbacks(privateJwks = []) {
  return {
    hash,
    generateRandom: n => crypto.randomBytes(n),
    fetch: loopbackFetch,
    signJwt: async (signer, {header, payload}) => {
      const jwk = jwkOfSigner(signer);
      const want = await thumbprint(jwk);
      let priv;
      for(const k of privateJwks) {
        if(await thumbprint(k) === want) {
          priv = k;
        }
      }
      if(!priv) {
        throw new Error('no private key for the signer');
      }
      const key = await jose.importJWK(priv, signer.alg);
      const jwt = await new jose.SignJWT(payload).setProtectedHeader(header).sign(key);
      return {jwt, signerJwk: jwk};
    },
    verifyJwt: async (signer, {compact}) => {
      const jwk = jwkOfSigner(signer);
      try {
        await jose.compactVerify(compact, await jose.importJWK(jwk, signer.alg), {algorithms: [signer.alg]});
        return {verified: true, signerJwk: jwk};
      } catch(e) {
        if(process.env.OID4VC_DEBUG) {
          process.stderr.write(`verifyJwt: ${e.stack}\n`);
        }
        return {verified: false};
      }
    },
  };
}

// errorResult reports a failure with the OAuth error object the other side
// answered with, when the library kept it.
export function errorResult(e) {
  const out = {ok: false, error: `${e.name}: ${e.message}`};
  const oauth = e.errorResponse ?? e.response?.credentialErrorResponseResult?.data ?? e.response?.errorResponse;
  if(oauth) {
    out.oauth = oauth;
  }
  if(e.response?.status) {
    out.status = e.response.status;
  }
  return out;
}
