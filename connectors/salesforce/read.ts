/**
 * Reading the located records, page by page as Salesforce serves them. Related
 * records are read through their parent (`WHERE WhoId IN (…)`), so a person
 * with thousands of tasks costs a few paged queries, and memory holds one page.
 */
import type { RecordRef, SubjectRecord } from '../sdk/contract.js';
import { groupByObject } from '../sdk/group-refs.js';
import type { SalesforceApi, SfRecord } from './api.js';
import type { OrgCatalog } from './catalog.js';
import type { SubjectObjectName } from './config.js';
import { chunks } from './locate.js';
import { soqlIn } from './soql.js';

export async function* readRecords(api: SalesforceApi, catalog: OrgCatalog, refs: RecordRef[]): AsyncGenerator<SubjectRecord> {
  for (const [object, objectRefs] of groupByObject(refs)) {
    const live = catalog.get(object as SubjectObjectName);
    if (!live) continue;
    const wanted = new Map(objectRefs.map((r) => [r.id, r]));
    const select = `SELECT ${live.readFields.join(', ')} FROM ${object}`;
    const emit = function* (page: SfRecord[]): Generator<SubjectRecord> {
      for (const record of page) {
        const ref = wanted.get(record.Id);
        if (!ref) continue;
        wanted.delete(record.Id);
        const { attributes: _attributes, ...fields } = record;
        yield { ref, fields };
      }
    };
    // Through the parent where the object is linked to one: one paged query instead of one per id.
    const parentsByField = new Map<string, Set<string>>();
    for (const ref of objectRefs) {
      const via = ref.parent ? live.model.parents[ref.parent.object as 'Contact' | 'Lead' | 'Case'] : undefined;
      if (via && ref.parent) parentsByField.set(via, (parentsByField.get(via) ?? new Set()).add(ref.parent.id));
    }
    for (const [via, parents] of parentsByField) {
      for (const chunk of chunks([...parents])) {
        for await (const page of api.pages({ object, action: 'read' }, `${select} WHERE ${via} IN ${soqlIn(chunk)}`)) yield* emit(page);
      }
    }
    // The rest (people, and records whose link changed) by id; what is no longer there is simply not read.
    for (const chunk of chunks([...wanted.keys()])) {
      for await (const page of api.pages({ object, action: 'read' }, `${select} WHERE Id IN ${soqlIn(chunk)}`)) yield* emit(page);
    }
  }
}
