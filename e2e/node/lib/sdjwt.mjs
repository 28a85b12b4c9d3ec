// SD-JWT VC with @sd-jwt/sd-jwt-vc 0.19.0 (ES256 through
// @sd-jwt/crypto-nodejs), and Token Status Lists with
// @sd-jwt/jwt-status-list 0.19.0.
import {SDJwtVcInstance} from '@sd-jwt/sd-jwt-vc';
import {ES256, digest, generateSalt} from '@sd-jwt/crypto-nodejs';
import {StatusList, createHeaderAndPayload} from '@sd-jwt/jwt-status-list';
import * as jose from 'jose';

// instance returns an SD-JWT VC instance. statusLists maps a status list
// URI to its token: the library's fetcher would go to the network.
export async function instance({issuerJwk, issuerPrivateJwk, holderPrivateJwk, statusLists = {}} = {}) {
  return new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    saltGenerator: generateSalt,
    signAlg: ES256.alg,
    signer: issuerPrivateJwk ? await ES256.getSigner(issuerPrivateJwk) : undefined,
    verifier: issuerJwk ? await ES256.getVerifier(issuerJwk) : undefined,
    kbSignAlg: ES256.alg,
    kbSigner: holderPrivateJwk ? await ES256.getSigner(holderPrivateJwk) : undefined,
    // The KB-JWT is verified with the credential's cnf.jwk.
    kbVerifier: async (data, sig, payload) => {
      const jwk = payload?.cnf?.jwk;
      if(!jwk) {
        throw new Error('no cnf.jwk');
      }
      return (await ES256.getVerifier(jwk))(data, sig);
    },
    statusListFetcher: async uri => {
      if(!(uri in statusLists)) {
        throw new Error(`no status list for ${uri} (offline)`);
      }
      return statusLists[uri];
    },
  });
}

// issue makes an SD-JWT VC; keys are generated unless given.
export async function issue({payload, disclosureFrame, issuerPrivateJwk, holderJwk, header}) {
  let issuerJwk, holderPrivateJwk;
  if(!issuerPrivateJwk) {
    ({publicKey: issuerJwk, privateKey: issuerPrivateJwk} = await ES256.generateKeyPair());
  }
  if(!holderJwk) {
    ({publicKey: holderJwk, privateKey: holderPrivateJwk} = await ES256.generateKeyPair());
  }
  const sd = await instance({issuerPrivateJwk});
  const sdjwt = await sd.issue({...payload, cnf: {jwk: holderJwk}}, disclosureFrame, {header});
  return {sdjwt, issuerJwk, issuerPrivateJwk, holderJwk, holderPrivateJwk};
}

// present keeps the claims of frame and appends a KB-JWT.
export async function present({sdjwt, frame, holderPrivateJwk, nonce, aud, iat}) {
  const sd = await instance({holderPrivateJwk});
  const presentation = await sd.present(sdjwt, frame, {kb: {payload: {iat, aud, nonce}}});
  return {presentation};
}

// verify checks an SD-JWT VC (and its KB-JWT when nonce is given) at
// currentDate (seconds). The library does not compare the KB-JWT's aud
// with anything; this does, as a verifier must (RFC 9901 §7.3).
export async function verify({sdjwt, issuerJwk, nonce, aud, currentDate, statusLists}) {
  const sd = await instance({issuerJwk, statusLists});
  const r = await sd.verify(sdjwt, {currentDate, keyBindingNonce: nonce});
  if(aud !== undefined && r.kb?.payload?.aud !== aud) {
    throw new Error(`KB-JWT aud ${r.kb?.payload?.aud} is not ${aud}`);
  }
  const claims = await sd.getClaims(sdjwt);
  return {header: r.header, payload: r.payload, kb: r.kb ?? null, claims};
}

// createStatusList makes a statuslist+jwt with StatusList and
// createHeaderAndPayload, signed with jose under the issuer's key.
export async function createStatusList({statuses, bits, uri, iat, alg = 'ES256', kid, privateJwk}) {
  const list = new StatusList(statuses, bits);
  const {header, payload} = createHeaderAndPayload(list, {sub: uri, iat}, {alg, typ: 'statuslist+jwt', kid});
  const key = await jose.importJWK(privateJwk, alg);
  const token = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header)
    .sign(key);
  return {token, lst: payload.status_list.lst};
}
