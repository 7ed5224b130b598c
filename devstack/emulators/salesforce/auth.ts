/**
 * Logging in, as Salesforce's login server answers it: the OAuth 2.0 token
 * endpoint (username-password and client-credentials flows) and the SOAP
 * `login()` call older clients use. Sessions are bearer tokens until expired.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { OrgState } from './org.js';

export interface SalesforceCredentials {
  username: string;
  password: string;
  /** Appended to the password by clients logging in from outside trusted IP ranges. */
  securityToken: string;
  clientId: string;
  clientSecret: string;
}

/** The demo org's integration user and connected app; fictional, valid only against the emulator. */
export const DEMO_SALESFORCE_CREDENTIALS: SalesforceCredentials = {
  username: 'integration@gardien-demo.example',
  password: 'demo-password',
  securityToken: 'DEMOTOKEN42',
  clientId: '3MVG9gardien.demo.connected.app',
  clientSecret: 'demo-client-secret',
};

export class Sessions {
  readonly #active = new Set<string>();

  constructor(private readonly org: OrgState) {}

  issue(): string {
    const token = `${this.org.orgId.slice(0, 15)}!AQ${randomBytes(24).toString('base64url')}`;
    this.#active.add(token);
    return token;
  }

  valid(authorization: string | undefined): boolean {
    const token = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return token !== undefined && this.#active.has(token);
  }

  revoke(token: string): void {
    this.#active.delete(token);
  }

  /** Every session ends, as when an admin revokes them or they time out. */
  expireAll(): void {
    this.#active.clear();
  }
}

export interface AuthAnswer {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, value: unknown): AuthAnswer => ({ status, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(value) });

/** POST /services/oauth2/token with a form body. */
export function tokenEndpoint(form: URLSearchParams, instanceUrl: string, org: OrgState, sessions: Sessions, credentials: SalesforceCredentials): AuthAnswer {
  const grant = form.get('grant_type');
  const clientOk = form.get('client_id') === credentials.clientId && form.get('client_secret') === credentials.clientSecret;
  if (grant !== 'password' && grant !== 'client_credentials') {
    return json(400, { error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  }
  if (form.get('client_id') !== credentials.clientId) return json(400, { error: 'invalid_client_id', error_description: 'client identifier invalid' });
  if (!clientOk) return json(400, { error: 'invalid_client', error_description: 'invalid client credentials' });
  if (grant === 'password') {
    const expected = credentials.password + credentials.securityToken;
    if (form.get('username') !== credentials.username || form.get('password') !== expected) {
      return json(400, { error: 'invalid_grant', error_description: 'authentication failure' });
    }
  }
  const accessToken = sessions.issue();
  const issuedAt = String(Date.now());
  const id = `${instanceUrl}/id/${org.orgId}/${org.userId}`;
  return json(200, {
    access_token: accessToken,
    signature: createHmac('sha256', credentials.clientSecret).update(id + issuedAt).digest('base64'),
    scope: 'api',
    instance_url: instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  });
}

const xmlText = (xml: string, tag: string) =>
  new RegExp(`<(?:\\w+:)?${tag}>([^<]*)</(?:\\w+:)?${tag}>`).exec(xml)?.[1]
    ?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

function soapFault(code: string, message: string): AuthAnswer {
  return {
    status: 500,
    contentType: 'text/xml;charset=UTF-8',
    body: envelope(`<soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${escapeXml(message)}</faultstring></soapenv:Fault>`),
  };
}

/** POST /services/Soap/u/<version>: the partner API's login() and logout(). */
export function soapEndpoint(xml: string, version: string, instanceUrl: string, org: OrgState, sessions: Sessions, credentials: SalesforceCredentials): AuthAnswer {
  if (/<(?:\w+:)?logout\b/.test(xml)) {
    sessions.revoke(xmlText(xml, 'sessionId') ?? '');
    return { status: 200, contentType: 'text/xml;charset=UTF-8', body: envelope('<logoutResponse/>') };
  }
  if (!/<(?:\w+:)?login\b/.test(xml)) return soapFault('UNKNOWN_EXCEPTION', 'only login and logout are emulated');
  const expected = credentials.password + credentials.securityToken;
  if (xmlText(xml, 'username') !== credentials.username || xmlText(xml, 'password') !== expected) {
    return soapFault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.');
  }
  const sessionId = sessions.issue();
  const result = [
    `<metadataServerUrl>${instanceUrl}/services/Soap/m/${version}/${org.orgId}</metadataServerUrl>`,
    '<passwordExpired>false</passwordExpired><sandbox>false</sandbox>',
    `<serverUrl>${instanceUrl}/services/Soap/u/${version}/${org.orgId}</serverUrl>`,
    `<sessionId>${sessionId}</sessionId><userId>${org.userId}</userId>`,
    `<userInfo><organizationId>${org.orgId}</organizationId><organizationName>Gardien Demo</organizationName>`,
    `<userEmail>${escapeXml(credentials.username)}</userEmail><userFullName>Integration User</userFullName>`,
    `<userId>${org.userId}</userId><userName>${escapeXml(credentials.username)}</userName></userInfo>`,
  ].join('');
  return { status: 200, contentType: 'text/xml;charset=UTF-8', body: envelope(`<loginResponse><result>${result}</result></loginResponse>`) };
}
