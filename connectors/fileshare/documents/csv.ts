/**
 * CSV and TSV: a fragment per row. Redaction empties the row's cells in place
 * and keeps every other byte, so row numbers, quoting and encoding elsewhere
 * stay exactly as they were.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { headerOf, rowContent, rowName } from './columns.js';
import { type DocumentFormat, type Fragment, RedactionRefused, UnreadableDocument } from './fragment.js';
import { decodeText } from './text.js';

interface Row {
  cells: string[];
  /** Byte offsets of the row, its record delimiter included. */
  start: number;
  end: number;
}

function delimiterOf(bytes: Buffer, tab: boolean): string {
  if (tab) return '\t';
  const firstLine = decodeText(bytes.subarray(0, 4096)).split('\n')[0] ?? '';
  const count = (c: string) => firstLine.split(c).length;
  return count(';') > count(',') ? ';' : ',';
}

function rows(bytes: Buffer, delimiter: string): Row[] {
  const utf8 = isUtf8(bytes);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(bytes, { delimiter, bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, encoding: utf8 ? 'utf8' : 'latin1' }) as unknown as typeof records;
  } catch (error) {
    throw new UnreadableDocument('malformed', `not a readable ${delimiter === '\t' ? 'TSV' : 'CSV'} file: ${(error as Error).message}`);
  }
  let start = 0;
  return records.map(({ record, info }) => {
    const row = { cells: record, start, end: info.bytes };
    start = info.bytes;
    return row;
  });
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function delimitedFormat(tab: boolean): DocumentFormat {
  return {
    async read(bytes) {
      const table = rows(bytes, delimiterOf(bytes, tab));
      const header = table.length > 1 ? headerOf(table[0]!.cells) : undefined;
      const fragments: Fragment[] = [];
      table.forEach((row, i) => {
        if ((header && i === 0) || row.cells.every((c) => c.trim() === '')) return;
        fragments.push({
          location: { kind: 'row', row: i + 1 },
          text: row.cells.join(' , '),
          content: rowContent(header, row.cells),
          names: rowName(header, row.cells),
        });
      });
      return fragments;
    },

    async redact(bytes, targets) {
      const delimiter = delimiterOf(bytes, tab);
      const table = rows(bytes, delimiter);
      const wanted = new Set(targets.flatMap((t) => (t.location.kind === 'row' ? [t.location.row] : [])));
      const parts: Buffer[] = [];
      let last = 0;
      table.forEach((row, i) => {
        if (!wanted.has(i + 1)) return;
        const original = bytes.subarray(row.start, row.end);
        const ending = /\r?\n$|\r$/.exec(original.toString('latin1'))?.[0] ?? '';
        const blank = stringify([row.cells.map(() => '')], { delimiter, record_delimiter: ending === '' ? '\n' : ending }).replace(/\r?\n$|\r$/, ending);
        parts.push(bytes.subarray(last, row.start), Buffer.from(blank));
        last = row.end;
      });
      if (parts.length === 0) throw new RedactionRefused('the rows to redact are no longer in the file');
      parts.push(bytes.subarray(last));
      return Buffer.concat(parts);
    },
  };
}
