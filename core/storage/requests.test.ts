import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import type { RequestStatus } from '../requests.js';
import { RequestRepository, newRequestId, type RequestDoc } from './requests.js';

const NOW = new Date('2026-06-15T12:00:00Z');

function request(status: RequestStatus, dueAt: string, receivedAt: string): RequestDoc {
  const id = newRequestId();
  return {
    _id: id, type: 'ACCESS', status, statusReason: null, identity: { email: `${id}@example.org` }, language: 'en', details: null,
    accessTokenHash: 'x', workflowId: `dsr-${id}`, receivedAt: new Date(receivedAt), dueAt: new Date(dueAt), verifiedAt: null,
    verificationMethod: null, completedAt: null, updatedAt: new Date(receivedAt), reportId: null, exportId: null,
  };
}

describe("the DPO's work queue (FerretDB)", () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  let repository: RequestRepository;
  const late = request('IN_PROGRESS', '2026-06-01T00:00:00Z', '2026-05-01T00:00:00Z');
  const lateWaiting = request('AWAITING_VERIFICATION', '2026-06-10T00:00:00Z', '2026-05-10T00:00:00Z');
  const onTime = request('IN_PROGRESS', '2026-07-01T00:00:00Z', '2026-06-01T00:00:00Z');
  const doneLate = request('COMPLETED', '2026-06-02T00:00:00Z', '2026-05-02T00:00:00Z');

  beforeAll(async () => {
    storage = await openTestStorage();
    repository = new RequestRepository(storage);
    await repository.ensureIndexes();
    for (const doc of [late, lateWaiting, onTime, doneLate]) await repository.insert(doc);
  });
  afterAll(async () => storage?.drop());

  const ids = (page: { items: RequestDoc[] }) => page.items.map((doc) => doc._id);

  it('lists the overdue requests: past their due date and not finished, newest first', async () => {
    expect(ids(await repository.list({ overdue: true, now: NOW, first: 10 }))).toEqual([lateWaiting._id, late._id]);
  });

  it('lists the others apart, and combines with a status', async () => {
    expect(ids(await repository.list({ overdue: false, now: NOW, first: 10 }))).toEqual([onTime._id, doneLate._id]);
    expect(ids(await repository.list({ overdue: true, status: 'IN_PROGRESS', now: NOW, first: 10 }))).toEqual([late._id]);
    expect(ids(await repository.list({ overdue: true, status: 'COMPLETED', now: NOW, first: 10 }))).toEqual([]);
  });
});
