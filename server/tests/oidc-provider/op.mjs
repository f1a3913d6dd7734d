// An independent OpenID Provider (panva/oidc-provider, OpenID Certified) for the relying party's interoperability
// tests. Started by server/tests/interop.rs on an ephemeral loopback port; prints {"issuer": …} once listening.
// Sign-in and consent are answered over HTTP by the test (no pages): POST /interaction/:uid/login (login=<account>),
// /interaction/:uid/confirm, /interaction/:uid/abort. POST /_test/rotate rotates the signing keys (the new key signs,
// the old one stays published), as a real provider's key rotation would. With BACKCHANNEL_LOGOUT_URI set, the client
// is registered for back-channel logout: ending a session at /session/end posts a Logout Token there.
import crypto from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const client = {
  client_id: env('CLIENT_ID'),
  client_secret: env('CLIENT_SECRET'),
  redirect_uris: [env('REDIRECT_URI')],
  post_logout_redirect_uris: [env('POST_LOGOUT_REDIRECT_URI')],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  ...(process.env.BACKCHANNEL_LOGOUT_URI && {
    backchannel_logout_uri: process.env.BACKCHANNEL_LOGOUT_URI,
    backchannel_logout_session_required: true,
  }),
};
const accounts = {
  'interop-officer': {
    sub: 'interop-officer',
    user_id: 'interop-officer',
    citizen_id: '1101700207030',
    title: 'นาง',
    given_name: 'มาตรฐาน',
    family_name: 'สากล',
    phone_number: '0812345678',
    email: 'interop@example.go.th',
    citizen_id_verified: true,
    ial_level: 2.3,
  },
};
// Identity assurance as other providers may write it (strings), deny it, or leave it out.
const person = (sub, citizen_id, assurance) => ({
  sub,
  citizen_id,
  given_name: 'ทดสอบ',
  family_name: 'สากล',
  ...assurance,
});
accounts['interop-strings'] = person('interop-strings', '3100000000004', { citizen_id_verified: 'true', ial_level: '1.3' });
accounts['interop-unverified'] = person('interop-unverified', '1101700207030', { citizen_id_verified: false, ial_level: 1.1 });
accounts['interop-no-assurance'] = person('interop-no-assurance', '1101700207030', {});
const scopes = [
  'openid',
  'user_id',
  'citizen_id',
  'citizen_id_verified',
  'ial_level',
  'title',
  'given_name',
  'family_name',
  'phone_number',
  'email',
];

const newKey = () => {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };
};
let signingKeys = [newKey()];

const makeProvider = (issuer) =>
  new Provider(issuer, {
    clients: [client],
    jwks: { keys: signingKeys },
    pkce: { required: () => true },
    scopes,
    claims: Object.fromEntries(scopes.map((scope) => [scope, scope === 'openid' ? ['sub'] : [scope]])),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      backchannelLogout: { enabled: true },
    },
    // The provider refuses to post Logout Tokens to loopback addresses (its SSRF guard); the tests' relying party
    // lives on 127.0.0.1, so this test-only provider lets them through.
    fetch: (url, options) => {
      delete options.dispatcher;
      return globalThis.fetch(url, options);
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['interop-test-only-cookie-key'] },
    findAccount: (ctx, id) => accounts[id] && { accountId: id, claims: () => ({ ...accounts[id] }) },
  });

const form = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(new URLSearchParams(body)));
  });

let provider;
const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, provider.issuer);
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|confirm|abort))?$/);
    if (req.method === 'POST' && url.pathname === '/_test/rotate') {
      signingKeys = [newKey(), ...signingKeys];
      provider = makeProvider(provider.issuer);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kid: signingKeys[0].kid }));
    } else if (interaction && req.method === 'GET') {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ prompt: details.prompt.name }));
    } else if (interaction?.[2] === 'login' && req.method === 'POST') {
      const accountId = (await form(req)).get('login');
      await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    } else if (interaction?.[2] === 'confirm' && req.method === 'POST') {
      const { prompt, params, session } = await provider.interactionDetails(req, res);
      const grant = new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
      if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    } else if (interaction?.[2] === 'abort' && req.method === 'POST') {
      const result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    } else {
      provider.callback()(req, res);
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end(String(error));
  }
});
server.listen(0, '127.0.0.1', () => {
  provider = makeProvider(`http://127.0.0.1:${server.address().port}`);
  console.log(JSON.stringify({ issuer: provider.issuer }));
});
