/**
 * Test-only: requests stored straight into the read model (no workflow), with
 * a known access token, and the counts that show whether a call changed anything.
 */
import { createHash } from 'node:crypto';
import type { RequestDoc } from '../../../core/storage/requests.js';
import { newRequestId } from '../../../core/storage/requests.js';
import type { SystemProgress } from '../../../core/requests.js';
import type { Services } from '../../../gateway/services.js';

export const ACCESS_TOKEN = 'access-token-handed-out-at-submission';

/** A request as submitRequest would have stored it; `email` defaults to the subject tokens' email. */
export async function storedRequest(services: Services, overrides: Partial<RequestDoc> = {}): Promise<RequestDoc> {
  const now = new Date();
  const id = newRequestId();
  const doc: RequestDoc = {
    _id: id, type: 'ACCESS', status: 'IN_PROGRESS', statusReason: null, identity: { email: 'lea.martin@example.org' }, language: 'fr', details: null,
    accessTokenHash: createHash('sha256').update(ACCESS_TOKEN).digest('hex'), workflowId: `dsr-${id}`, receivedAt: now, dueAt: new Date(now.getTime() + 30 * 86_400_000),
    verifiedAt: now, verificationMethod: 'email_code', completedAt: null, updatedAt: now, reportId: null, exportId: null,
    ...overrides,
  };
  await services.dsr.requests.insert(doc);
  return doc;
}

/** A system of the request that failed, with the words a connector gives (they name the host). */
export async function failedSystem(services: Services, requestId: string, error: string): Promise<SystemProgress> {
  const progress: SystemProgress = { connectorId: 'conn_billing', name: 'billing', kind: 'sql', status: 'FAILED', counts: { located: 0, exported: 0 }, error, updatedAt: new Date() };
  await services.dsr.requests.setSystem(requestId, progress);
  return progress;
}

/** Documents in every collection, by name: what a refused call must leave as it was. */
export async function collectionCounts(services: Services): Promise<Record<string, number>> {
  const names = (await services.storage.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = await services.storage.db.collection(name).countDocuments();
  return counts;
}

/** Workflows Temporal holds on the services' task queue (visibility may lag: poll when expecting some). */
export async function workflowsStarted(services: Services): Promise<number> {
  let count = 0;
  for await (const _ of services.temporal.client.workflow.list({ query: `TaskQueue = "${services.config.temporal.taskQueue}"` })) count += 1;
  return count;
}
