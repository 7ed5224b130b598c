/**
 * A person with 5,000 tasks and 5,000 notes: read page by page with memory
 * bounded by a page, not by the person; erased in batches, each record once.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../devstack/emulators/salesforce/server.js';
import type { ErasurePlan, RecordRef } from '../sdk/contract.js';
import type { SalesforceConnector } from './connector.js';
import { openConnector, personId } from '../../test/support/salesforce/org.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const deleteEverything: ErasurePlan = {
  objects: Object.fromEntries(['Contact', 'Individual', 'Case', 'Task', 'Note', 'CampaignMember'].map((o) => [o, { strategy: 'delete' as const }])),
};

describe('Salesforce connector: large data', () => {
  let sf: SalesforceEmulator;
  let connector: SalesforceConnector;
  let refs: RecordRef[];
  const pageCalls = () => sf.calls.filter((c) => c.method === 'GET' && /\/query\/01g/.test(c.path));
  beforeAll(async () => {
    sf = await startSalesforceEmulator();
    sf.seedBulk(personId(sf, 'Contact', 'Durand'), 5_000);
    connector = await openConnector(sf, { queryBatchSize: 200 });
    refs = await connector.locate({ email: 'camille.durand@example.fr' });
  }, 60_000);
  afterAll(async () => {
    await connector.close();
    await sf.stop();
  });

  it('locates every activity of the person', () => {
    const count = (object: string) => refs.filter((r) => r.object === object).length;
    expect(count('Task')).toBe(5_002);
    expect(count('Note')).toBe(5_001);
  });

  it('reads them page by page, holding about one page in memory', async () => {
    const pagesBefore = pageCalls().length;
    let records = 0;
    let payload = 0;
    for await (const record of connector.read(refs)) {
      records++;
      payload += JSON.stringify(record.fields).length;
    }
    expect(records).toBe(refs.length);
    // 5,002 tasks and 5,001 notes at 200 a page: 26 pages each, 25 of them through nextRecordsUrl.
    expect(pageCalls().length - pagesBefore).toBe(50);
    expect(payload).toBeGreaterThan(9_000_000);

    // Measured on a second pass, once the code is compiled, against what holding the whole person costs.
    const baseline = heap();
    let peak = 0;
    let seen = 0;
    for await (const record of connector.read(refs)) {
      if (++seen % 250 === 0) peak = Math.max(peak, heap() - baseline);
      expect(record.ref.id).toBeTruthy();
    }
    const held: unknown[] = [];
    const before = heap();
    for await (const record of connector.read(refs)) held.push(record);
    const whole = heap() - before;
    expect(held).toHaveLength(records);
    console.info(`large data: ${records} records, ${payload} characters; streaming peak heap growth ${peak} bytes, all held ${whole} bytes`);
    expect(peak).toBeLessThan(whole / 5);
  }, 90_000);

  it('asks for the next page only when the reader gets there', async () => {
    const tasks = refs.filter((r) => r.object === 'Task');
    const before = sf.calls.length;
    let read = 0;
    for await (const record of connector.read(tasks)) {
      expect(record.ref.object).toBe('Task');
      if (++read === 10) break;
    }
    expect(sf.calls.slice(before).map((c) => c.path)).toEqual(['/services/data/v60.0/query']);
  });

  it('erases in batches of 200, and a second erasure deletes nothing', async () => {
    const deletes = () => sf.calls.filter((c) => c.method === 'DELETE').flatMap((c) => (c.query.ids ?? '').split(',').filter(Boolean));
    const first = await connector.erase(refs, deleteEverything);
    expect(first.filter((o) => o.action === 'deleted')).toHaveLength(refs.length);
    const deleted = deletes();
    expect(deleted).toHaveLength(refs.length);
    expect(new Set(deleted).size).toBe(refs.length);
    expect(Math.max(...sf.calls.filter((c) => c.method === 'DELETE').map((c) => c.query.ids!.split(',').length))).toBe(200);

    const second = await connector.erase(refs, deleteEverything);
    expect(second.every((o) => o.action === 'already_absent')).toBe(true);
    expect(deletes()).toHaveLength(refs.length);
    expect(await connector.locate({ email: 'camille.durand@example.fr' })).toEqual([]);
  }, 60_000);
});
