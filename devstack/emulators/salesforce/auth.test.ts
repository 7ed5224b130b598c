/** Contract: logging in answers as Salesforce's OAuth token endpoint and SOAP login() do, and sessions guard the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLongId } from '../../../connectors/salesforce/ids.js';
import { startSalesforceEmulator, type SalesforceEmulator } from './server.js';
import { sessionFor, sfCall } from '../../../test/support/salesforce/wire.js';

describe('Salesforce emulator: login and sessions', () => {
  let sf: SalesforceEmulator;
  let token: (form: Record<string, string>) => ReturnType<typeof sfCall>;
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    token = (form) => sfCall(`${sf.url}/services/oauth2/token`, { form });
  });
  afterAll(() => sf.stop());

  it('grants a bearer token to the client-credentials flow, with the instance URL and identity URL', async () => {
    const { clientId, clientSecret } = sf.credentials;
    const answer = await token({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^00D\w{12}!AQ[\w-]+$/),
      signature: expect.any(String),
      scope: 'api',
      instance_url: sf.url,
      id: `${sf.url}/id/${sf.state.orgId}/${sf.state.userId}`,
      token_type: 'Bearer',
      issued_at: expect.stringMatching(/^\d{13}$/),
    });
    expect(toLongId(sf.state.orgId)).toBe(sf.state.orgId);
  });

  it('grants the username-password flow only with the security token appended to the password', async () => {
    const { username, password, securityToken, clientId, clientSecret } = sf.credentials;
    const base = { grant_type: 'password', client_id: clientId, client_secret: clientSecret, username };
    expect((await token({ ...base, password: password + securityToken })).status).toBe(200);
    const bad = await token({ ...base, password });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
  });

  it('names a wrong connected app as invalid_client', async () => {
    const answer = await token({ grant_type: 'client_credentials', client_id: sf.credentials.clientId, client_secret: 'wrong' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
  });

  it('answers SOAP login() with a session and server URL, and a SOAP fault for a wrong password', async () => {
    const { username, password, securityToken } = sf.credentials;
    const envelope = (pw: string) =>
      `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>${username}</username><password>${pw}</password></login></se:Body></se:Envelope>`;
    const ok = await sfCall(`${sf.url}/services/Soap/u/60.0`, { xml: envelope(password + securityToken) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(ok.text).toContain(`<serverUrl>${sf.url}/services/Soap/u/60.0/${sf.state.orgId}</serverUrl>`);
    expect(ok.text).toMatch(/<sessionId>00D\w{12}!AQ[\w-]+<\/sessionId>/);
    expect(ok.text).toContain(`<organizationId>${sf.state.orgId}</organizationId>`);
    const fault = await sfCall(`${sf.url}/services/Soap/u/60.0`, { xml: envelope('nope') });
    expect(fault.status).toBe(500);
    expect(fault.text).toContain('<faultcode>sf:INVALID_LOGIN</faultcode>');
  });

  it('refuses the API without a valid session: 401 [{ message, errorCode: INVALID_SESSION_ID }]', async () => {
    for (const auth of [undefined, 'not-a-session']) {
      const answer = await sfCall(`${sf.url}/services/data/v60.0/sobjects`, { token: auth });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    }
  });

  it('ends every session on expireSessions(), and a new login works again', async () => {
    const first = await sessionFor(sf);
    expect((await sfCall(`${sf.url}/services/data/v60.0/limits`, { token: first })).status).toBe(200);
    sf.expireSessions();
    expect((await sfCall(`${sf.url}/services/data/v60.0/limits`, { token: first })).status).toBe(401);
    expect((await sfCall(`${sf.url}/services/data/v60.0/limits`, { token: await sessionFor(sf) })).status).toBe(200);
  });

  it('lists the API versions without a session, each with its release label', async () => {
    const answer = await sfCall(`${sf.url}/services/data/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContainEqual({ label: "Spring '24", url: '/services/data/v60.0', version: '60.0' });
    const unknown = await sfCall(`${sf.url}/services/data/v12.0/sobjects`, { token: await sessionFor(sf) });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });
});
