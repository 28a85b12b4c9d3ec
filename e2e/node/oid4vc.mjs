// oid4vc.mjs: the Node side of e2e/interop_oid4vc_test.go, with the
// OpenID4VC libraries of the OpenWallet Foundation (@openid4vc/openid4vci,
// @openid4vc/openid4vp, @openid4vc/oauth2 0.4.6, dcql 3.0.0) and
// @sd-jwt/* 0.19.0 for the SD-JWT VCs themselves.
//
//	node oid4vc.mjs            reads a JSON array of holder operations on
//	                           stdin, writes a JSON array of results (as
//	                           interop.mjs does): {"ok": true, ...} or
//	                           {"ok": false, "error": message, "oauth": {error,
//	                           error_description}} when the other side or the
//	                           library refused.
//	node oid4vc.mjs serve      runs their issuer and verifier on 127.0.0.1
//	                           (lib/oid4vc-server.mjs); see there.
//
// Only loopback URLs are fetched.
import {readFileSync} from 'node:fs';
import {Openid4vciClient} from '@openid4vc/openid4vci';
import {Openid4vpClient} from '@openid4vc/openid4vp';
import {clientAuthenticationAnonymous} from '@openid4vc/oauth2';
import {DcqlQuery} from 'dcql';
import {ES256} from '@sd-jwt/crypto-nodejs';
import * as sd from './lib/sdjwt.mjs';
import {callbacks, errorResult, publicOf} from './lib/oid4vc-common.mjs';

const ops = {
  // The holder side of OpenID4VCI's Pre-Authorized Code Flow with
  // Openid4vciClient: resolve the offer (by value or by reference), the
  // issuer and authorization server metadata, the Token Request with the
  // tx_code, a c_nonce, a jwt key proof signed with a fresh P-256 key, the
  // Credential Request. The offer's first configuration is asked for.
  async 'vci.receive'({offer, txCode, holderPrivateJwk}) {
    if(!holderPrivateJwk) {
      ({privateKey: holderPrivateJwk} = await ES256.generateKeyPair());
    }
    const holderJwk = publicOf(holderPrivateJwk);
    const client = new Openid4vciClient({
      callbacks: {...callbacks([holderPrivateJwk]), clientAuthentication: clientAuthenticationAnonymous()},
    });
    const credentialOffer = await client.resolveCredentialOffer(offer);
    const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
    const {accessTokenResponse} = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
      credentialOffer, issuerMetadata, txCode,
    });
    const credentialConfigurationId = credentialOffer.credential_configuration_ids[0];
    const {c_nonce: nonce} = await client.requestNonce({issuerMetadata});
    const {jwt} = await client.createCredentialRequestJwtProof({
      issuerMetadata, credentialConfigurationId, nonce,
      signer: {method: 'jwk', alg: 'ES256', publicJwk: holderJwk},
    });
    const res = await client.retrieveCredentials({
      issuerMetadata, credentialConfigurationId, accessToken: accessTokenResponse.access_token,
      proof: {proof_type: 'jwt', jwt},
    });
    const body = res.credentialResponse;
    const credentials = (body.credentials ?? []).map(c => c.credential ?? c);
    if(body.credential) {
      credentials.push(body.credential);
    }
    return {
      credentials, holderPrivateJwk,
      version: issuerMetadata.originalDraftVersion,
      tokenType: accessTokenResponse.token_type,
      proofHeader: JSON.parse(Buffer.from(jwt.split('.')[0], 'base64url')),
    };
  },

  // The holder side of OpenID4VP with Openid4vpClient: parse and resolve
  // the request (by value or request_uri), evaluate its DCQL query with
  // dcql against the held SD-JWT VCs, present the matched claims with a
  // KB-JWT (@sd-jwt/sd-jwt-vc; aud = client_id, nonce = the request's),
  // build the response and send it (direct_post). With replay, the same
  // form is posted a second time and that answer reported too.
  async 'vp.respond'({request, credentials, holderPrivateJwk, replay, editResponse}) {
    const client = new Openid4vpClient({callbacks: callbacks([holderPrivateJwk])});
    const parsed = client.parseOpenid4vpAuthorizationRequest({authorizationRequest: request});
    const resolved = await client.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: parsed.params,
    });
    const req = resolved.authorizationRequestPayload;
    const query = DcqlQuery.parse(resolved.dcql.query);
    DcqlQuery.validate(query);
    const held = [];
    for(const c of credentials) {
      const inst = await sd.instance();
      const claims = await inst.getClaims(c);
      const typ = JSON.parse(Buffer.from(c.split('.')[0], 'base64url')).typ;
      held.push(typ === 'vc+sd-jwt' && Array.isArray(claims.type) ?
        {credential_format: 'vc+sd-jwt', type: claims.type, claims, cryptographic_holder_binding: !!claims.cnf} :
        {credential_format: typ, vct: claims.vct, claims, cryptographic_holder_binding: !!claims.cnf});
    }
    const result = DcqlQuery.query(query, held);
    if(!result.can_be_satisfied) {
      return {ok: false, error: 'dcql: the query cannot be satisfied', dcql: result};
    }
    const vpToken = {};
    const disclosedPaths = {};
    for(const [id, match] of Object.entries(result.credential_matches)) {
      const m = match.valid_credentials[0];
      const cred = credentials[m.input_credential_index];
      const claims = held[m.input_credential_index].claims;
      const q = query.credentials.find(c => c.id === id);
      const paths = (q.claims ?? []).map(c => c.path);
      disclosedPaths[id] = paths;
      const inst = await sd.instance({holderPrivateJwk});
      const presentation = await inst.present(cred, frameOf(paths, claims), {
        kb: {payload: {iat: Math.floor(Date.now() / 1000), aud: req.client_id, nonce: req.nonce}},
      });
      vpToken[id] = [presentation];
    }
    const {authorizationResponsePayload} = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: req,
      authorizationResponsePayload: {vp_token: vpToken},
    });
    if(editResponse) {
      Object.assign(authorizationResponsePayload, editResponse);
    }
    const answer = async () => {
      const {response} = await client.submitOpenid4vpAuthorizationResponse({
        authorizationRequestPayload: req, authorizationResponsePayload,
      });
      const text = await response.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return {status: response.status, body};
    };
    const first = await answer();
    const out = {
      clientId: req.client_id, clientPrefix: resolved.client.prefix ?? resolved.client.scheme,
      byReference: !!parsed.params.request_uri, version: resolved.version,
      responseMode: req.response_mode, disclosedPaths, response: authorizationResponsePayload, ...first,
    };
    if(replay) {
      out.replay = await answer();
    }
    return out;
  },
};

// frameOf is the @sd-jwt presentation frame that discloses each DCQL claims
// path: every object member on the way, and for a path that ends at an
// array, each of its elements too (DCQL: a path to an array selects the
// array; @sd-jwt's frame {a: true} discloses the array's own disclosure
// but none of its elements').
function frameOf(paths, claims) {
  const frame = {};
  for(const path of paths) {
    let f = frame;
    let v = claims;
    path.forEach((seg, i) => {
      const last = i === path.length - 1;
      v = v?.[seg];
      if(last) {
        if(Array.isArray(v)) {
          f[seg] = Object.fromEntries(v.map((_, j) => [j, true]));
        } else {
          f[seg] = true;
        }
      } else {
        f[seg] = typeof f[seg] === 'object' ? f[seg] : {};
        f = f[seg];
      }
    });
  }
  return frame;
}

if(process.argv[2] === 'serve') {
  const {serve} = await import('./lib/oid4vc-server.mjs');
  await serve(process.argv.slice(3));
} else {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const results = [];
  for(const {op, ...args} of input) {
    if(!(op in ops)) {
      throw new Error(`unknown op ${op}`);
    }
    try {
      results.push({ok: true, ...(await ops[op](args))});
    } catch(e) {
      results.push(errorResult(e));
    }
  }
  process.stdout.write(JSON.stringify(results));
}
