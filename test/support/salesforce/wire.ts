/** Raw HTTP calls to the emulator, for contract tests that check exactly what goes over the wire. */
import type { SalesforceEmulator } from '../../../devstack/emulators/salesforce/server.js';

export interface WireAnswer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever JSON came back
  body: any;
  text: string;
}

export async function sfCall(url: string, init: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown; form?: Record<string, string>; xml?: string } = {}): Promise<WireAnswer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.xml) {
    headers['Content-Type'] = 'text/xml';
    headers.SOAPAction = '""';
    body = init.xml;
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, body: json, text };
}

/** A session from the client-credentials flow. */
export async function sessionFor(sf: SalesforceEmulator): Promise<string> {
  const answer = await sfCall(`${sf.url}/services/oauth2/token`, {
    form: { grant_type: 'client_credentials', client_id: sf.credentials.clientId, client_secret: sf.credentials.clientSecret },
  });
  return answer.body.access_token as string;
}

/** GET/POST/PATCH/DELETE under /services/data/v60.0 with a session. */
export function dataApi(sf: SalesforceEmulator, token: () => string) {
  return (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    sfCall(`${sf.url}/services/data/v60.0${path}`, { method, token: token(), body, headers });
}

export const q = (soql: string) => `/query?q=${encodeURIComponent(soql)}`;
