import { ConnectorError } from '../../core/errors.js';
import type { RecordRef, SubjectRecord } from '../sdk/contract.js';
import { groupByObject } from '../sdk/group-refs.js';
import { batches, type SqlDriver, Statement } from './driver.js';
import { keyOfRecord, matchKeys } from './keys.js';
import { jsonSafeRow } from './values.js';
import type { SqlModel } from './model.js';

/** Streams the rows behind the refs, a batch of keys per query, as JSON-safe records. Rows gone since the lookup are skipped. */
export async function* readRecords(driver: SqlDriver, model: SqlModel, refs: readonly RecordRef[]): AsyncGenerator<SubjectRecord> {
  for (const ref of refs) {
    if (!model.tables.has(ref.object)) throw new ConnectorError('configuration', `"${ref.object}" is not a table of this connector's data map`);
  }
  for (const [name, tableRefs] of groupByObject(refs)) {
    const table = model.tables.get(name)!.table;
    for (const batch of batches(tableRefs, 100)) {
      const statement = new Statement(driver);
      const rows = await driver.query(
        `SELECT * FROM ${driver.table(name)} t WHERE ${matchKeys(statement, driver, 't', table, batch.map((r) => r.id))}`,
        statement.params,
      );
      const byKey = new Map(rows.map((row) => [keyOfRecord(table, row), row]));
      for (const ref of batch) {
        const row = byKey.get(ref.id);
        if (row) yield { ref, fields: jsonSafeRow(row) };
      }
    }
  }
}
