import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import type { ExportStore } from '../storage/exports.js';

/** The system a part came from, as `writeSystemExport` wrote it. */
export interface PartConnector {
  id: string;
  kind: string;
  name: string;
}

/** One record of a part, as `writeSystemExport` wrote it. */
export interface PartRecord {
  object: string;
  id: string;
  fields: Record<string, unknown>;
}

export type PartItem = { connector: PartConnector } | { record: PartRecord };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** 64 KiB views of the stored chunks: the parser's stage queues up to 16 writes, which then hold little. The next chunk is fetched while the last 256 KiB are parsed. */
async function* pieces(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) for (let at = 0; at < chunk.length; at += 64 * 1024) yield chunk.subarray(at, at + 64 * 1024);
}

/**
 * Reads one system's part record by record, never the whole part: its
 * envelope's keys are sorted, so the connector comes first, then the records.
 */
export async function* readPart(store: ExportStore, partId: string): AsyncGenerator<PartItem> {
  const values = chain([Readable.from(pieces(store.read(partId)), { objectMode: false, highWaterMark: 256 * 1024 }), parser({ streamValues: false }), pick({ filter: /^(connector|records\.\d+)$/ }), streamValues()]);
  let connector = false;
  for await (const { value } of values as AsyncIterable<{ value: unknown }>) {
    if (!isObject(value)) throw new Error(`Export ${partId} is not a system export`);
    if (!connector) {
      if (typeof value.id !== 'string' || typeof value.kind !== 'string' || typeof value.name !== 'string') throw new Error(`Export ${partId} names no connector`);
      connector = true;
      yield { connector: { id: value.id, kind: value.kind, name: value.name } };
    } else {
      if (typeof value.object !== 'string' || typeof value.id !== 'string' || !isObject(value.fields)) throw new Error(`Export ${partId} holds a malformed record`);
      yield { record: { object: value.object, id: value.id, fields: value.fields } };
    }
  }
  if (!connector) throw new Error(`Export ${partId} names no connector`);
}
