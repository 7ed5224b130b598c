import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStorage } from '../../test/support/workflows/harness.js';
import { writeExportPackage, writeSystemExport } from '../exports.js';
import { ExportStore } from './exports.js';

describe('export storage (FerretDB)', () => {
  let storage: Awaited<ReturnType<typeof openTestStorage>>;
  beforeAll(async () => {
    storage = await openTestStorage();
  });
  afterAll(async () => storage?.drop());

  async function* records(n: number) {
    for (let i = 0; i < n; i++) yield { ref: { object: 'rental', id: String(i), matchedOn: 'relation' }, fields: { z: i, a: `row ${i}`, note: 'é'.repeat(50) } };
  }

  it('streams a large export in chunks, hashed, and reads it back byte for byte', async () => {
    const store = new ExportStore(storage, 4096);
    const { file, records: count } = await writeSystemExport(store, {
      requestId: 'req_big',
      connector: { id: 'conn_1', kind: 'sql', name: 'rentals' },
      exportedAt: new Date('2025-05-01T00:00:00Z'),
      records: records(500),
    });
    expect(count).toBe(500);
    expect(file.chunks).toBeGreaterThan(10);
    const text = await store.readText(file._id);
    expect(Buffer.byteLength(text)).toBe(file.bytes);
    expect(createHash('sha256').update(text).digest('hex')).toBe(file.sha256);
    const parsed = JSON.parse(text) as { connector: { name: string }; records: { fields: Record<string, unknown> }[] };
    expect(parsed.records[499]!.fields).toEqual({ a: 'row 499', note: 'é'.repeat(50), z: 499 });
    expect(text.startsWith('{"connector":{"id":"conn_1","kind":"sql","name":"rentals"},"exportedAt":"2025-05-01T00:00:00.000Z","records":[{"fields":{"a":"row 0"')).toBe(true);
  });

  it('packages parts verbatim, and rewriting a file after a crash replaces it', async () => {
    const store = new ExportStore(storage, 1024);
    const part = await writeSystemExport(store, { requestId: 'req_p', connector: { id: 'conn_2', kind: 'memory', name: 'crm' }, exportedAt: new Date(0), records: records(3) });
    const again = await writeSystemExport(store, { requestId: 'req_p', connector: { id: 'conn_2', kind: 'memory', name: 'crm' }, exportedAt: new Date(0), records: records(2) });
    expect(again.file._id).toBe(part.file._id);
    const pkg = await writeExportPackage(store, { requestId: 'req_p', type: 'ACCESS', exportedAt: new Date(0), partIds: [again.file._id] });
    const parsed = JSON.parse(await store.readText(pkg._id)) as { systems: { records: unknown[] }[]; type: string };
    expect(parsed.type).toBe('ACCESS');
    expect(parsed.systems[0]!.records).toHaveLength(2);
    expect(await store.readText(pkg._id)).toContain(await store.readText(again.file._id));
  });
});
