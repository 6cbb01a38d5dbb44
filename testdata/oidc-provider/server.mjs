// panva/oidc-provider configured as connauth's strict test authorization
// server. It listens on 127.0.0.1 (PORT, 0 for a random port) and prints
// "ISSUER=<url>" once it is ready. Test-only: every secret here is public.
//
//   PORT=0 ACCESS_TOKEN_TTL=3600 node server.mjs
import * as http from 'node:http';
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

// Public JWK of a test key in keys/, for a private_key_jwt client.
const jwk = (file, kid) => ({
  ...createPublicKey(readFileSync(new URL(`./keys/${file}`, import.meta.url))).export({ format: 'jwk' }),
  kid,
});
const jwtClient = (client_id, alg, key) => ({
  client_id,
  token_endpoint_auth_method: 'private_key_jwt',
  token_endpoint_auth_signing_alg: alg,
  jwks: { keys: [key] },
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  scope: 'api:read',
});

const loopbackRedirects = ['http://127.0.0.1/callback', 'http://[::1]/callback'];
const accessTokenTTL = Number(process.env.ACCESS_TOKEN_TTL || 3600);

const clients = [
  {
    client_id: 'cli-public',
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    redirect_uris: loopbackRedirects, // native: any port on these hosts
    grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
    response_types: ['code'],
    scope: 'openid offline_access profile email api:read',
  },
  {
    client_id: 'cli-secret',
    client_secret: 'cli-secret-secret-please-change-0123456789',
    application_type: 'native',
    token_endpoint_auth_method: 'client_secret_basic',
    redirect_uris: loopbackRedirects,
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    scope: 'openid offline_access profile email api:read',
  },
  {
    client_id: 'cli-post',
    client_secret: 'cli-post-secret-please-change-0123456789',
    application_type: 'native',
    token_endpoint_auth_method: 'client_secret_post',
    redirect_uris: loopbackRedirects,
    grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    scope: 'openid offline_access profile email api:read',
  },
  jwtClient('cli-jwt-es256', 'ES256', jwk('es256.pem', 'es-key-1')),
  jwtClient('cli-jwt-rs256', 'RS256', jwk('rsa.pem', 'rsa-key-1')),
  jwtClient('cli-jwt-ps256', 'PS256', jwk('rsa.pem', 'rsa-key-1')),
  jwtClient('cli-jwt-eddsa', 'EdDSA', jwk('ed25519.pem', 'ed-key-1')),
  {
    client_id: 'cli-hs-jwt',
    client_secret: 'cli-hs-jwt-secret-of-at-least-32-bytes-0123456789',
    token_endpoint_auth_method: 'client_secret_jwt',
    token_endpoint_auth_signing_alg: 'HS256',
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    application_type: 'native',
    redirect_uris: loopbackRedirects,
    scope: 'openid offline_access api:read',
  },
  {
    client_id: 'introspector',
    client_secret: 'introspector-secret-0123456789-abcdefgh',
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: [],
    response_types: [],
    redirect_uris: [],
  },
];

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT || 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients,
  scopes: ['openid', 'offline_access', 'profile', 'email', 'api:read'],
  claims: { openid: ['sub'], email: ['email'], profile: ['name'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    clientCredentials: { enabled: true },
    deviceFlow: { enabled: true },
    revocation: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
    introspection: { enabled: true, allowedPolicy: async (ctx, client) => client.clientId === 'introspector' },
  },
  // Refresh tokens for every client allowed the grant, rotated on every
  // use; reusing a rotated one revokes the whole family.
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: () => true,
  ttl: {
    AccessToken: accessTokenTTL,
    ClientCredentials: accessTokenTTL,
    RefreshToken: 14 * 24 * 3600,
  },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, email: `${sub}@example.test`, name: sub }),
  }),
  cookies: { keys: ['connauth-test-cookie-key-not-secret'] },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

server.on('request', provider.callback());
console.log(`ISSUER=${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
