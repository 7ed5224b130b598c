import { stringify } from 'csv-stringify/sync';
import type { PartConnector } from './part-reader.js';
import type { ObjectRecord } from './spool.js';

/** One CSV column, and one field of the manifest's schema for an object. */
export interface PackageColumn {
  name: string;
  /** The source system's own type name, when its connector describes the field. */
  type: string | null;
  category: string | null;
  /** False for a key found in the records that the connector's description does not list. */
  described: boolean;
}

// Names Windows refuses for a file, whatever the extension.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A name usable as one path segment on Windows, macOS and Linux: ASCII letters, digits, `.`, `_`, `-`. */
export function safeSegment(text: string, fallback: string): string {
  const ascii = text.normalize('NFKD').replace(/\p{M}+/gu, '');
  const name = ascii.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 64).replace(/[-.]+$/, '') || fallback;
  return WINDOWS_RESERVED.test(name) ? `${name}_` : name;
}

/** Hands out names unique regardless of case, since the subject may unpack on a file system that ignores it. */
export class UniqueNames {
  readonly #taken = new Set<string>();
  constructor(reserved: readonly string[] = []) {
    for (const name of reserved) this.#taken.add(name.toLowerCase());
  }

  take(base: string): string {
    let name = base;
    for (let n = 2; this.#taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.#taken.add(name.toLowerCase());
    return name;
  }
}

/**
 * One object's records as an indented JSON document, records last so it
 * streams: `{ system, object, exportedAt, records: [{ id, fields }] }`.
 */
export async function* objectJson(input: { system: PartConnector; object: string; exportedAt: Date; records: AsyncIterable<ObjectRecord> }): AsyncGenerator<string> {
  const head = JSON.stringify({ system: input.system, object: input.object, exportedAt: input.exportedAt.toISOString(), records: [] }, null, 2);
  yield `${head.slice(0, -'[]\n}'.length)}[`;
  let first = true;
  for await (const record of input.records) {
    yield `${first ? '' : ','}\n    ${JSON.stringify({ id: record.id, fields: record.fields }, null, 2).replaceAll('\n', '\n    ')}`;
    first = false;
  }
  yield '\n  ]\n}\n';
}

/** A CSV cell: nothing for a missing or null value, text as is, lists and objects as JSON text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const CSV_BATCH = 200;

/** One object's records as RFC 4180 CSV with a header row; a BOM so spreadsheets read it as UTF-8. */
export async function* objectCsv(columns: readonly PackageColumn[], records: AsyncIterable<ObjectRecord>): AsyncGenerator<string> {
  const options = { record_delimiter: 'windows' as const };
  yield stringify([columns.map((column) => column.name)], { ...options, bom: true });
  let rows: string[][] = [];
  for await (const record of records) {
    rows.push(columns.map((column) => cellText(Object.hasOwn(record.fields, column.name) ? record.fields[column.name] : undefined)));
    if (rows.length < CSV_BATCH) continue;
    yield stringify(rows, options);
    rows = [];
  }
  if (rows.length > 0) yield stringify(rows, options);
}
