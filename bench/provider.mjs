// Digital ID for the benchmark: npm oidc-provider (OpenID Certified), the same pinned install the interoperability
// tests use (server/tests/oidc-provider, `npm ci` there), configured like their op.mjs — one confidential client,
// PKCE required, Digital ID's scopes as claims, sign-in and consent answered over HTTP — but with the benchmark's
// officers (bench/accounts.mjs: `bench-officer-1` … any number, each with a verified citizen ID at IAL 1.3), so many
// officers can sign in at once. op.mjs stays the interop tests' own; this file only mirrors its interaction routes.
//
// Environment: CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_REDIRECT_URI (required); PORT (default 0: any free
// loopback port). Prints {"issuer": …} once listening.
// Interactions: GET /interaction/:uid → {"prompt": "login" | "consent"}; POST /interaction/:uid/login (login=<account>);
// POST /interaction/:uid/confirm.
import http from 'node:http';
import crypto from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { claims, numberOf } from './accounts.mjs';

const installed = fileURLToPath(
  new URL('../server/tests/oidc-provider/node_modules/oidc-provider/lib/index.js', import.meta.url),
);
const { default: Provider } = await import(pathToFileURL(installed).href).catch((error) => {
  console.error(`oidc-provider is not installed (${error.message}): run npm ci in server/tests/oidc-provider`);
  process.exit(2);
});

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
};
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
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), alg: 'RS256', use: 'sig' };

const makeProvider = (issuer) =>
  new Provider(issuer, {
    clients: [client],
    jwks: { keys: [signingKey] },
    pkce: { required: () => true },
    scopes,
    claims: Object.fromEntries(scopes.map((scope) => [scope, scope === 'openid' ? ['sub'] : [scope]])),
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['bench-only-cookie-key'] },
    findAccount: (ctx, id) => {
      const n = numberOf(id);
      return n && { accountId: id, claims: () => claims(n) };
    },
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
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|confirm))?$/);
    if (interaction && req.method === 'GET') {
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
    } else {
      provider.callback()(req, res);
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  provider = makeProvider(`http://127.0.0.1:${server.address().port}`);
  console.log(JSON.stringify({ issuer: provider.issuer }));
});
