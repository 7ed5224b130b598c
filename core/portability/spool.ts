import { createCipheriv, createDecipheriv, randomBytes, type Cipher } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ExportStore } from '../storage/exports.js';
import { readPart, type PartConnector } from './part-reader.js';

/** One record of one object, as a package file shows it. */
export interface ObjectRecord {
  id: string;
  fields: Record<string, unknown>;
}

/** A spool file and the key it is encrypted with, which lives in memory only: a spool left behind by a crash reads as noise. */
export interface Spool {
  file: string;
  key: Buffer;
  iv: Buffer;
}

export interface SpooledObject {
  name: string;
  records: number;
  /** Every field key found in the records, in the order first seen. */
  keys: string[];
  spool: Spool;
}

const CIPHER = 'aes-256-ctr';

/** Appends text to a file, encrypted, in batches of about 64 KiB, so several can be open at once cheaply. */
class SpoolFile {
  #pending = '';
  private constructor(
    private readonly handle: FileHandle,
    private readonly cipher: Cipher,
    readonly spool: Spool,
  ) {}

  static async create(file: string): Promise<SpoolFile> {
    const spool = { file, key: randomBytes(32), iv: randomBytes(16) };
    return new SpoolFile(await open(file, 'wx', 0o600), createCipheriv(CIPHER, spool.key, spool.iv), spool);
  }

  async append(text: string): Promise<void> {
    this.#pending += text;
    if (this.#pending.length >= 64 * 1024) await this.#flush();
  }

  async close(): Promise<void> {
    try {
      await this.#flush();
    } finally {
      await this.handle.close();
    }
  }

  async #flush(): Promise<void> {
    const text = this.#pending;
    this.#pending = '';
    if (text) await this.handle.appendFile(this.cipher.update(text, 'utf8'));
  }
}

/**
 * One pass over a part: its connector, and each object's records copied as
 * JSON lines to a file of its own (in a folder private to this package), so each
 * package file then reads only its own object's records.
 */
export async function spoolPart(store: ExportStore, partId: string, spool: { dir: string; prefix: string }): Promise<{ connector: PartConnector; objects: SpooledObject[] }> {
  let connector: PartConnector | undefined;
  const objects = new Map<string, { spooled: SpooledObject; keys: Set<string>; out: SpoolFile }>();
  try {
    for await (const item of readPart(store, partId)) {
      if ('connector' in item) {
        connector = item.connector;
        continue;
      }
      const { object: name, id, fields } = item.record;
      let object = objects.get(name);
      if (!object) {
        const out = await SpoolFile.create(path.join(spool.dir, `${spool.prefix}.${objects.size}.jsonl`));
        object = { spooled: { name, records: 0, keys: [], spool: out.spool }, keys: new Set(), out };
        objects.set(name, object);
      }
      object.spooled.records++;
      for (const key of Object.keys(fields)) object.keys.add(key);
      await object.out.append(`${JSON.stringify({ id, fields })}\n`);
    }
  } finally {
    for (const object of objects.values()) await object.out.close();
  }
  if (!connector) throw new Error(`Export ${partId} names no connector`);
  return { connector, objects: [...objects.values()].map(({ spooled, keys }) => ({ ...spooled, keys: [...keys] })) };
}

export async function* spooledRecords(spool: Spool): AsyncGenerator<ObjectRecord> {
  const decipher = createDecipheriv(CIPHER, spool.key, spool.iv);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of createReadStream(spool.file) as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.write(decipher.update(chunk))).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line) yield JSON.parse(line) as ObjectRecord;
  }
  if ((rest + decoder.end()).trim()) throw new Error(`Spool ${path.basename(spool.file)} ends mid-record`);
}
