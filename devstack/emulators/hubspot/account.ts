/** Account details and private-app token information, what a client reads to check its credentials. */
import { invalidAuthentication, resourceNotFound } from './errors.js';
import { type ApiRequest, type Reply, ok, requireObjectBody } from './http.js';
import type { PortalState } from './portal.js';

/** `GET /account-info/v3/details`: any valid token may read it. */
export function handleAccountInfo(portal: PortalState, req: ApiRequest): Reply {
  if (req.method !== 'GET' || req.segments.join('/') !== 'details') throw resourceNotFound();
  return ok({
    portalId: portal.portalId,
    accountType: 'STANDARD',
    timeZone: 'Europe/Paris',
    companyCurrency: 'EUR',
    additionalCurrencies: [],
    utcOffset: '+01:00',
    utcOffsetMilliseconds: 3_600_000,
    uiDomain: 'app-eu1.hubspot.com',
    dataHostingLocation: 'eu1',
  });
}

/** `POST /oauth/v2/private-apps/get/access-token-info` with `{ tokenKey }`: the token's portal, app and scopes. */
export function tokenInfo(portal: PortalState, tokens: ReadonlyMap<string, ReadonlySet<string>>, body: unknown): Reply {
  const key = requireObjectBody(body).tokenKey;
  const scopes = typeof key === 'string' ? tokens.get(key) : undefined;
  if (!scopes) throw invalidAuthentication();
  return ok({ userId: 61_930_482, hubId: portal.portalId, appId: 3_104_577, scopes: [...scopes].sort() });
}
