/**
 * What the CRM emulators' call logs say was deleted: per record id, how many
 * delete calls the emulator answered (injected faults, which changed nothing,
 * are left out).
 */
import type { CallRecord } from '../../devstack/emulators/faults.js';

function tally(ids: Iterable<string>, into = new Map<string, number>()): Map<string, number> {
  for (const id of ids) into.set(id, (into.get(id) ?? 0) + 1);
  return into;
}

const answered = (calls: readonly CallRecord[]) => calls.filter((c) => !c.faulted && c.status < 300);

/** Salesforce: sObject collection deletes (`DELETE /composite/sobjects?ids=…`) and single deletes (`DELETE /sobjects/Type/id`). */
export function salesforceDeletes(calls: readonly CallRecord[]): Map<string, number> {
  const deleted = new Map<string, number>();
  for (const call of answered(calls)) {
    if (call.method !== 'DELETE') continue;
    if (/\/composite\/sobjects$/.test(call.path)) tally((call.query.ids ?? '').split(',').filter(Boolean), deleted);
    const single = /\/sobjects\/\w+\/(\w+)$/.exec(call.path);
    if (single) tally([single[1]!], deleted);
  }
  return deleted;
}

/** HubSpot: GDPR deletes of contacts, batch archives and single archives (`DELETE /crm/v3/objects/type/id`). */
export function hubspotDeletes(calls: readonly CallRecord[]): Map<string, number> {
  const deleted = new Map<string, number>();
  for (const call of answered(calls)) {
    const body = call.body as { objectId?: string; inputs?: { id: string }[] } | undefined;
    if (call.method === 'POST' && call.path === '/crm/v3/objects/contacts/gdpr-delete' && body?.objectId) tally([body.objectId], deleted);
    if (call.method === 'POST' && /^\/crm\/v3\/objects\/\w+\/batch\/archive$/.test(call.path)) tally((body?.inputs ?? []).map((i) => i.id), deleted);
    const single = /^\/crm\/v3\/objects\/\w+\/(\d+)$/.exec(call.path);
    if (call.method === 'DELETE' && single) tally([single[1]!], deleted);
  }
  return deleted;
}
