// Their issuer and verifier, as plain Node HTTP servers on 127.0.0.1 (one
// port, CORS open so that a browser wallet on another loopback origin can
// call them), built with @openid4vc/openid4vci, @openid4vc/oauth2 and
// @openid4vc/openid4vp 0.4.6, dcql 3.0.0 and @sd-jwt/* 0.19.0:
//
//	issuer (OpenID4VCI 1.0, Pre-Authorized Code Flow, dc+sd-jwt, ES256)
//	GET  /.well-known/openid-credential-issuer    Openid4vciIssuer.createCredentialIssuerMetadata
//	GET  /.well-known/oauth-authorization-server  Oauth2AuthorizationServer.createAuthorizationServerMetadata
//	GET  /jwks                                    the access token signing key
//	POST /token                                   parseAccessTokenRequest, verifyPreAuthorizedCodeAccessTokenRequest
//	                                              (code, tx_code), createAccessTokenResponse (a signed JWT)
//	POST /nonce                                   createNonceResponse
//	POST /credential                              Oauth2ResourceServer.verifyResourceRequest, parseCredentialRequest,
//	                                              verifyCredentialRequestJwtProof, an SD-JWT VC (@sd-jwt) bound to
//	                                              the proof's key, createCredentialResponse
//	verifier (OpenID4VP 1.0, DCQL, redirect_uri client id prefix, direct_post)
//	POST /vp/response                             parseOpenid4vpAuthorizationResponse, parseDcqlVpToken, each
//	                                              presentation verified by @sd-jwt (issuer key, KB-JWT nonce and
//	                                              aud), DcqlPresentationResult against the query
//	test controls (JSON)
//	POST /admin/offer   {txCode?}                 a credential offer → {offer, txCode, issuer}
//	POST /admin/request {claims: [name…]}         an authorization request by value → {request, state}
//	GET  /admin/result/{state}                    what the verifier concluded
//
// `node oid4vc.mjs serve` prints one JSON line {"url": …} once listening
// and serves until stdin closes.
import http from 'node:http';
import crypto from 'node:crypto';
import {
  Oauth2AuthorizationServer, Oauth2ResourceServer, Oauth2ServerErrorResponseError, Oauth2ErrorCodes,
  preAuthorizedCodeGrantIdentifier, Oauth2ResourceUnauthorizedError,
} from '@openid4vc/oauth2';
import {Openid4vciIssuer, Openid4vciDraftVersion} from '@openid4vc/openid4vci';
import {Openid4vpVerifier} from '@openid4vc/openid4vp';
import {DcqlQuery, DcqlPresentationResult} from 'dcql';
import {ES256} from '@sd-jwt/crypto-nodejs';
import * as sd from './sdjwt.mjs';
import {callbacks, publicOf} from './oid4vc-common.mjs';

export const CONFIG_ID = 'employee_sd_jwt';

// didJwk is the did:jwk of a public JWK.
const didJwk = jwk => 'did:jwk:' + Buffer.from(JSON.stringify(publicOf(jwk))).toString('base64url');

export async function serve() {
  const {privateKey: issuerPrivateJwk} = await ES256.generateKeyPair();
  const {privateKey: asPrivateJwk} = await ES256.generateKeyPair();
  const asJwk = {...publicOf(asPrivateJwk), kid: 'as-1'};
  const issuerDid = didJwk(issuerPrivateJwk);
  const cb = callbacks([issuerPrivateJwk, asPrivateJwk]);

  const server = http.createServer();
  await new Promise(ok => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const vct = `${base}/vct/employee`;

  const issuer = new Openid4vciIssuer({callbacks: cb});
  const as = new Oauth2AuthorizationServer({callbacks: cb});
  const rs = new Oauth2ResourceServer({callbacks: cb});
  const verifier = new Openid4vpVerifier({callbacks: cb});

  const credentialIssuerMetadata = issuer.createCredentialIssuerMetadata({
    credential_issuer: base,
    credential_endpoint: `${base}/credential`,
    nonce_endpoint: `${base}/nonce`,
    display: [{name: 'oid4vc-ts demo issuer', locale: 'en'}],
    credential_configurations_supported: {
      [CONFIG_ID]: {
        format: 'dc+sd-jwt', vct,
        cryptographic_binding_methods_supported: ['jwk'],
        credential_signing_alg_values_supported: ['ES256'],
        proof_types_supported: {jwt: {proof_signing_alg_values_supported: ['ES256']}},
        credential_metadata: {display: [{name: 'Employee', locale: 'en'}]},
      },
    },
  });
  const authorizationServerMetadata = as.createAuthorizationServerMetadata({
    issuer: base, token_endpoint: `${base}/token`, jwks_uri: `${base}/jwks`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
  });
  const issuerMetadata = {
    credentialIssuer: credentialIssuerMetadata,
    authorizationServers: [authorizationServerMetadata],
    originalDraftVersion: Openid4vciDraftVersion.V1,
    knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuerMetadata),
  };

  const offers = new Map();   // pre-authorized code → {txCode}
  const tokens = new Set();   // access tokens (jti) not yet used
  const nonces = new Set();   // c_nonces not yet used
  const requests = new Map(); // state → {payload, query}
  const results = new Map();  // state → result

  const handlers = {
    'GET /.well-known/openid-credential-issuer': () => [200, credentialIssuerMetadata],
    'GET /.well-known/oauth-authorization-server': () => [200, authorizationServerMetadata],
    'GET /jwks': () => [200, {keys: [asJwk]}],

    async 'POST /admin/offer'({body}) {
      const code = crypto.randomBytes(16).toString('base64url');
      const txCode = body.txCode ? String(crypto.randomInt(1e6)).padStart(6, '0') : undefined;
      offers.set(code, {txCode});
      const {credentialOffer} = await issuer.createCredentialOffer({
        issuerMetadata, credentialConfigurationIds: [CONFIG_ID],
        grants: {[preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': code,
          ...(txCode ? {tx_code: {input_mode: 'numeric', length: 6}} : {}),
        }},
      });
      return [200, {offer: credentialOffer, txCode, issuer: issuerDid, issuerJwk: publicOf(issuerPrivateJwk)}];
    },

    async 'POST /token'({req, form}) {
      const parsed = as.parseAccessTokenRequest({request: req, accessTokenRequest: form});
      if(parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier) {
        throw new Oauth2ServerErrorResponseError({error: Oauth2ErrorCodes.UnsupportedGrantType});
      }
      const offer = offers.get(parsed.grant.preAuthorizedCode);
      if(!offer) {
        throw new Oauth2ServerErrorResponseError({error: Oauth2ErrorCodes.InvalidGrant, error_description: 'unknown or used pre-authorized code'});
      }
      await as.verifyPreAuthorizedCodeAccessTokenRequest({
        authorizationServerMetadata, grant: parsed.grant, accessTokenRequest: parsed.accessTokenRequest, request: req,
        expectedPreAuthorizedCode: parsed.grant.preAuthorizedCode, expectedTxCode: offer.txCode,
      });
      offers.delete(parsed.grant.preAuthorizedCode);
      const response = await as.createAccessTokenResponse({
        authorizationServer: base, audience: base, subject: 'holder', expiresInSeconds: 300,
        signer: {method: 'jwk', alg: 'ES256', publicJwk: asJwk},
      });
      const jti = JSON.parse(Buffer.from(response.access_token.split('.')[1], 'base64url')).jti;
      tokens.add(jti);
      return [200, response];
    },

    'POST /nonce'() {
      const cNonce = crypto.randomBytes(16).toString('base64url');
      nonces.add(cNonce);
      return [200, issuer.createNonceResponse({cNonce, cNonceExpiresIn: 300})];
    },

    async 'POST /credential'({req, body}) {
      const {tokenPayload} = await rs.verifyResourceRequest({
        request: req, resourceServer: base, authorizationServers: [authorizationServerMetadata],
      });
      if(!tokens.has(tokenPayload.jti)) {
        throw new Oauth2ResourceUnauthorizedError('used access token', {scheme: 'Bearer', error: 'invalid_token', error_description: 'the access token was used'});
      }
      const credentialRequest = issuer.parseCredentialRequest({issuerMetadata, credentialRequest: body});
      if(credentialRequest.credentialConfigurationId !== CONFIG_ID) {
        throw new Oauth2ServerErrorResponseError({error: 'unknown_credential_configuration', error_description: 'not offered'});
      }
      const jwt = credentialRequest.proofs?.jwt?.[0];
      if(!jwt) {
        throw new Oauth2ServerErrorResponseError({error: 'invalid_proof', error_description: 'a jwt proof is required'});
      }
      const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url'));
      if(!nonces.delete(payload.nonce)) {
        throw new Oauth2ServerErrorResponseError({error: 'invalid_nonce', error_description: 'unknown or used c_nonce'});
      }
      const {signer} = await issuer.verifyCredentialRequestJwtProof({issuerMetadata, jwt, expectedNonce: payload.nonce});
      tokens.delete(tokenPayload.jti);
      const holderJwk = signer.publicJwk;
      const {sdjwt} = await sd.issue({
        payload: {
          iss: issuerDid, iat: Math.floor(Date.now() / 1000), vct,
          given_name: 'Erika', family_name: 'Mustermann', role: 'engineer', department: 'R&D',
        },
        disclosureFrame: {_sd: ['given_name', 'family_name', 'role', 'department']},
        issuerPrivateJwk, holderJwk, header: {typ: 'dc+sd-jwt', kid: `${issuerDid}#0`},
      });
      return [200, issuer.createCredentialResponse({credentialRequest, credentials: [{credential: sdjwt}]})];
    },

    async 'POST /admin/request'({body}) {
      const state = crypto.randomBytes(16).toString('base64url');
      const responseUri = `${base}/vp/response`;
      const query = {credentials: [{
        id: 'employee', format: 'dc+sd-jwt', meta: {vct_values: [vct]},
        claims: (body.claims ?? ['role']).map(name => ({path: [name]})),
      }]};
      const {authorizationRequest, authorizationRequestPayload} = await verifier.createOpenId4vpAuthorizationRequest({
        authorizationRequestPayload: {
          response_type: 'vp_token', client_id: `redirect_uri:${responseUri}`, response_uri: responseUri,
          response_mode: 'direct_post', nonce: crypto.randomBytes(16).toString('base64url'), state,
          dcql_query: query,
          client_metadata: {client_name: 'oid4vc-ts demo verifier', vp_formats_supported: {'dc+sd-jwt': {'sd-jwt_alg_values': ['ES256'], 'kb-jwt_alg_values': ['ES256']}}},
        },
      });
      requests.set(state, {payload: authorizationRequestPayload, query});
      return [200, {request: authorizationRequest, state}];
    },

    async 'POST /vp/response'({form}) {
      const pending = requests.get(form.state);
      if(!pending) {
        throw new Oauth2ServerErrorResponseError({error: Oauth2ErrorCodes.InvalidRequest, error_description: 'unknown or answered state'});
      }
      requests.delete(form.state);
      const result = {state: form.state, valid: false};
      results.set(form.state, result);
      try {
        return await verifyResponse(form, pending, result);
      } catch(e) {
        result.error = `${e.name}: ${e.message}`;
        throw e;
      }
    },

    'GET /admin/result'({rest}) {
      const r = results.get(rest);
      return r ? [200, r] : [404, {error: 'no result'}];
    },
  };

  // verifyResponse checks a direct_post response to pending and fills result.
  async function verifyResponse(form, pending, result) {
    const parsed = await verifier.parseOpenid4vpAuthorizationResponse({
      authorizationResponse: form, authorizationRequestPayload: pending.payload,
    });
    result.expectedNonce = parsed.expectedNonce;
    const vpToken = verifier.parseDcqlVpToken(parsed.authorizationResponsePayload.vp_token);
    const presented = {};
    result.presentations = {};
    for(const [id, list] of Object.entries(vpToken)) {
      presented[id] = [];
      result.presentations[id] = [];
      for(const p of list) {
        const v = await sd.verify({
          sdjwt: p, issuerJwk: publicOf(issuerPrivateJwk), nonce: pending.payload.nonce,
          aud: pending.payload.client_id, currentDate: Math.floor(Date.now() / 1000),
        });
        const {iss, iat, vct: pvct, cnf, _sd_alg, ...claims} = v.claims;
        result.presentations[id].push({claims: v.claims, kb: v.kb?.payload});
        presented[id].push({credential_format: 'dc+sd-jwt', vct: pvct, claims: v.claims, cryptographic_holder_binding: !!v.kb});
        result.disclosed = Object.keys(claims).sort();
      }
    }
    const dcql = DcqlPresentationResult.fromDcqlPresentation(presented, {dcqlQuery: DcqlQuery.parse(pending.query)});
    result.dcqlSatisfied = dcql.can_be_satisfied;
    result.valid = dcql.can_be_satisfied;
    return [200, {redirect_uri: `${base}/vp/done/${form.state}`}];
  }

  server.on('request', async (req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, DPoP, Accept');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'WWW-Authenticate, DPoP-Nonce');
    if(req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const url = new URL(req.url, base);
    let key = `${req.method} ${url.pathname}`;
    let rest;
    if(url.pathname.startsWith('/admin/result/')) {
      key = 'GET /admin/result';
      rest = url.pathname.slice('/admin/result/'.length);
    }
    const send = (status, v, headers = {}) => {
      res.writeHead(status, {'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers});
      res.end(JSON.stringify(v));
    };
    const h = handlers[key];
    if(!h) {
      send(404, {error: 'not_found'});
      return;
    }
    try {
      const chunks = [];
      for await (const c of req) {
        chunks.push(c);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      const ctype = req.headers['content-type'] ?? '';
      const form = ctype.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(text)) : {};
      const body = ctype.startsWith('application/json') && text ? JSON.parse(text) : {};
      const headers = new Headers();
      for(const [k, v] of Object.entries(req.headers)) {
        headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const [status, v] = await h({req: {method: req.method, url: `${base}${req.url}`, headers}, form, body, rest});
      send(status, v);
    } catch(e) {
      if(process.env.OID4VC_DEBUG) {
        process.stderr.write(`oid4vc serve: ${key}: ${e.stack}\n${JSON.stringify(e.errorResponse ?? {})}\n`);
      }
      if(e instanceof Oauth2ServerErrorResponseError) {
        send(e.status ?? 400, e.errorResponse);
      } else if(e instanceof Oauth2ResourceUnauthorizedError) {
        send(401, {error: 'invalid_token', error_description: e.message}, {'WWW-Authenticate': e.toHeaderValue()});
      } else {
        process.stderr.write(`oid4vc serve: ${key}: ${e.stack}\n`);
        send(400, {error: 'invalid_request', error_description: `${e.name}: ${e.message}`.slice(0, 500)});
      }
    }
  });

  process.stdout.write(JSON.stringify({url: base}) + '\n');
  process.stdin.resume();
  await new Promise(ok => process.stdin.on('end', ok));
  server.closeAllConnections();
  server.close();
}
