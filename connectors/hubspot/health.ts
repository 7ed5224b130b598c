/**
 * Reachable, authenticated, and holding the scopes the connector needs, each
 * missing one named. A private app's scopes are read from HubSpot's token
 * information; for other tokens, reads are probed (write scopes then unverified).
 */
import { ConnectorError, errorMessage } from '../../core/errors.js';
import type { HealthCheck } from '../sdk/contract.js';
import type { HubspotApi } from './api.js';
import type { HubspotConfig, HubspotObject } from './config.js';
import type { HubspotModel } from './model.js';

/** Each requirement is met by any one of its scopes; the first names it. */
type Requirement = string[];

export function requiredScopes(objects: readonly HubspotObject[], config: HubspotConfig): Requirement[] {
  const required: Requirement[] = [['crm.objects.contacts.read'], ['crm.objects.contacts.write']];
  if (objects.includes('tickets')) required.push(['tickets']);
  if (objects.includes('deals')) {
    required.push(['crm.objects.deals.read']);
    const kept = ['retain', 'manual'].includes(config.objects?.deals?.erasure?.strategy ?? 'retain');
    if (!kept) required.push(['crm.objects.deals.write']);
  }
  required.push(['communication_preferences.read', 'communication_preferences.read_write'], ['communication_preferences.write', 'communication_preferences.read_write']);
  return required;
}

export async function checkHealth(api: HubspotApi, model: HubspotModel, config: HubspotConfig): Promise<HealthCheck> {
  const started = Date.now();
  const result = (fields: Omit<HealthCheck, 'latencyMs'>): HealthCheck => ({ ...fields, latencyMs: Date.now() - started });
  let portalId: number;
  try {
    portalId = (await api.accountDetails()).portalId;
  } catch (error) {
    const kind = error instanceof ConnectorError ? error.kind : 'unreachable';
    const reachable = kind !== 'unreachable' && kind !== 'timeout';
    return result({ ok: false, reachable, authenticated: reachable && kind !== 'authentication', permissions: { ok: false, missing: [] }, message: errorMessage(error) });
  }
  const required = requiredScopes(model.objects, config);
  const granted = await api.tokenScopes();
  const missing = granted ? required.filter((r) => !r.some((s) => granted.includes(s))).map((r) => r[0]!) : await probeReads(api, model.objects);
  const problems = missing.map((scope) => `${scope} missing`);
  if (missing.length === 0) problems.push(...(await configuredProperties(model, config)));
  const ok = problems.length === 0;
  const verified = granted ? '' : ' (write scopes could not be verified with this kind of token)';
  return result({
    ok,
    reachable: true,
    authenticated: true,
    permissions: { ok: missing.length === 0, missing },
    message: ok
      ? `Connected to HubSpot portal ${portalId} at ${api.basePath}; the token holds the scopes needed${verified}`
      : `HubSpot portal ${portalId}: ${problems.join('; ')}${missing.length > 0 ? ". Add the scopes to the private app in HubSpot, then put its new token in the connector's secrets" : ''}`,
  });
}

/** Without the token's scope list: try one read per object type and collect the scopes HubSpot says are missing. */
async function probeReads(api: HubspotApi, objects: readonly HubspotObject[]): Promise<string[]> {
  const missing = new Set<string>();
  for (const type of objects) {
    try {
      await api.firstRecord(type);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.kind !== 'permission') throw error;
      missing.add(/lacks the scope (\S+)/.exec(error.message)?.[1] ?? `read access to ${type}`);
    }
  }
  return [...missing];
}

/** The contact properties the config names must exist in the portal. */
async function configuredProperties(model: HubspotModel, config: HubspotConfig): Promise<string[]> {
  const problems: string[] = [];
  for (const [setting, name] of [['restrictionProperty', config.restrictionProperty], ['externalIdProperty', config.externalIdProperty]] as const) {
    if (name && !(await model.property('contacts', name))) problems.push(`${setting} "${name}" is not a contact property of this portal`);
  }
  return problems;
}
