// axa-group oauth2-mock-server as connauth's test server for the password
// grant, which neither oidc-provider nor zitadel offers. The mock accepts
// any credentials; the hook below makes it accept only alice's password,
// so a test can tell that connauth sent what the user typed.
//
//   PORT=0 node server.mjs   -> prints ISSUER=http://127.0.0.1:PORT
import { OAuth2Server } from 'oauth2-mock-server';

const USER = 'alice';
const PASSWORD = 'correct horse battery staple';

const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
server.service.on('beforeResponse', (response, req) => {
  const body = req.body || {};
  if (body.grant_type === 'password' && (body.username !== USER || body.password !== PASSWORD)) {
    response.statusCode = 400;
    response.body = { error: 'invalid_grant', error_description: 'wrong username or password' };
  }
});
await server.start(Number(process.env.PORT || 0), '127.0.0.1');
server.issuer.url = `http://127.0.0.1:${server.address().port}`;
console.log(`ISSUER=${server.issuer.url}`);

const stop = async () => { await server.stop(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
