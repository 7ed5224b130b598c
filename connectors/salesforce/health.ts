/**
 * check(): can Gardien reach the org, log in, and do what its plan needs —
 * read every subject object, and update or delete where the erasure says so.
 * describeGlobal lists only the objects the user can see, with its rights.
 */
import { ConnectorError, errorMessage } from '../../core/errors.js';
import type { HealthCheck } from '../sdk/contract.js';
import type { SalesforceApi } from './api.js';
import { subjectObjects } from './catalog.js';
import type { SalesforceConfig, SubjectObjectName } from './config.js';
import { permissionMessage, type Action } from './errors.js';
import type { SalesforceSession } from './session.js';

const FLAGS: Record<Action, 'queryable' | 'createable' | 'updateable' | 'deletable'> = {
  read: 'queryable', create: 'createable', update: 'updateable', delete: 'deletable',
};

/** What each object needs under the configured erasure (and restriction, which writes the person and Individual). */
function needs(config: SalesforceConfig): { object: SubjectObjectName; action: Action }[] {
  const out: { object: SubjectObjectName; action: Action }[] = [];
  for (const model of subjectObjects(config)) {
    out.push({ object: model.name, action: 'read' });
    const override = config.objects[model.name]?.erasure;
    const strategy = override?.strategy ?? model.erasure[config.erasure.strategy];
    if (strategy === 'delete') out.push({ object: model.name, action: 'delete' });
    if (strategy === 'anonymise' || (strategy === 'retain' && override?.fields?.length)) out.push({ object: model.name, action: 'update' });
    if (['Contact', 'Lead', 'Individual'].includes(model.name) && strategy !== 'anonymise') out.push({ object: model.name, action: 'update' });
  }
  return out;
}

export async function checkHealth(api: SalesforceApi, session: SalesforceSession, config: SalesforceConfig): Promise<HealthCheck> {
  const started = Date.now();
  const result = (fields: Omit<HealthCheck, 'latencyMs'>): HealthCheck => ({ ...fields, latencyMs: Date.now() - started });
  try {
    const global = await api.describeGlobal();
    const visible = new Map(global.sobjects.map((o) => [o.name, o]));
    // An object the user cannot see is reported once, as unreadable.
    const missing = needs(config).filter(({ object, action }) => (visible.has(object) ? !visible.get(object)![FLAGS[action]] : action === 'read'));
    const limits = await api.limits();
    const calls = limits.DailyApiRequests;
    if (missing.length > 0) {
      return result({
        ok: false, reachable: true, authenticated: true,
        permissions: { ok: false, missing: missing.map(({ object, action }) => `cannot ${action === 'update' ? 'edit' : action} ${object}`) },
        message: missing.map(permissionMessage).join('; '),
      });
    }
    if (calls && calls.Remaining <= 0) {
      return result({
        ok: false, reachable: true, authenticated: true, permissions: { ok: true, missing: [] },
        message: `The org has used all ${calls.Max} API requests of the last 24 hours; Salesforce refuses calls until the count goes down`,
      });
    }
    return result({
      ok: true, reachable: true, authenticated: true, permissions: { ok: true, missing: [] },
      message: `Connected to ${session.instanceUrl} by ${session.flow}; ${calls ? `${calls.Remaining} of ${calls.Max} daily API requests left` : 'API limits not reported'}`,
    });
  } catch (error) {
    const kind = error instanceof ConnectorError ? error.kind : 'unreachable';
    return result({
      ok: false,
      reachable: kind !== 'unreachable' && kind !== 'timeout',
      authenticated: kind !== 'authentication' && kind !== 'unreachable' && kind !== 'timeout',
      permissions: { ok: false, missing: [] },
      message: errorMessage(error),
    });
  }
}
