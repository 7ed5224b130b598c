import type { RecordRef, SubjectRecord } from '../sdk/contract.js';
import type { HubspotApi } from './api.js';
import { chunks } from './batches.js';
import type { HubspotModel } from './model.js';

/**
 * Streams the records behind the refs, one batch read of 100 at a time, with
 * every property the portal defines; unset properties are left out, records
 * gone since the lookup are skipped. Memory holds one batch, whatever the count.
 */
export async function* readRecords(api: HubspotApi, model: HubspotModel, refs: readonly RecordRef[]): AsyncGenerator<SubjectRecord> {
  for (const [object, group] of model.refsByObject(refs)) {
    const properties = await model.propertyNames(object);
    for (const batch of chunks(group, 100)) {
      const records = new Map((await api.batchRead(object, batch.map((r) => r.id), properties)).map((r) => [r.id, r]));
      for (const ref of batch) {
        const record = records.get(ref.id);
        if (!record) continue;
        const fields = Object.fromEntries(Object.entries(record.properties).filter(([, v]) => v !== null && v !== ''));
        yield { ref, fields };
      }
    }
  }
}
