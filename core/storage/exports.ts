import { createHash } from 'node:crypto';
import { Binary, type Collection } from 'mongodb';
import type { Storage } from './mongo.js';

/** `part`: one system's export; `package`: what the subject downloads; `refs`: located record references. */
export type ExportKind = 'part' | 'package' | 'refs';

export interface ExportDoc {
  _id: string;
  requestId: string;
  connectorId: string | null;
  kind: ExportKind;
  contentType: string;
  sha256: string;
  bytes: number;
  chunks: number;
  createdAt: Date;
}

interface ChunkDoc {
  _id: string;
  exportId: string;
  n: number;
  data: Binary;
}

/** Chunks stay far below MongoDB's 16 MiB document limit. */
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Exports and other request files, stored in MongoDB in chunks and referenced
 * by id and SHA-256, so they never travel through workflow history.
 */
export class ExportStore {
  readonly #files: Collection<ExportDoc>;
  readonly #chunks: Collection<ChunkDoc>;
  constructor(
    storage: Storage,
    private readonly chunkBytes = DEFAULT_CHUNK_BYTES,
  ) {
    this.#files = storage.collection<ExportDoc>('exports');
    this.#chunks = storage.collection<ChunkDoc>('export_chunks');
  }

  async ensureIndexes(): Promise<void> {
    await this.#chunks.createIndex({ exportId: 1, n: 1 }, { unique: true });
    await this.#files.createIndex({ requestId: 1 });
  }

  /** Starts (or restarts, after a crash) writing the file `id`; it is visible only once finished. */
  async create(id: string, meta: Pick<ExportDoc, 'requestId' | 'connectorId' | 'kind' | 'contentType'>): Promise<ExportWriter> {
    await this.remove(id);
    return new ExportWriter(id, meta, this.chunkBytes, this.#chunks, this.#files);
  }

  get(id: string): Promise<ExportDoc | null> {
    return this.#files.findOne({ _id: id });
  }

  async *read(id: string): AsyncIterable<Buffer> {
    const file = await this.get(id);
    if (!file) throw new Error(`Export ${id} does not exist`);
    for (let n = 0; n < file.chunks; n++) {
      const chunk = await this.#chunks.findOne({ _id: `${id}:${n}` });
      if (!chunk) throw new Error(`Export ${id} is missing chunk ${n}`);
      yield Buffer.from(chunk.data.buffer);
    }
  }

  async readText(id: string): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of this.read(id)) parts.push(chunk);
    return Buffer.concat(parts).toString('utf8');
  }

  /** Stores `value` as the JSON file `id`, replacing what an earlier attempt left. */
  async writeJson(id: string, meta: Pick<ExportDoc, 'requestId' | 'connectorId' | 'kind'>, value: unknown): Promise<ExportDoc> {
    const writer = await this.create(id, { ...meta, contentType: 'application/json' });
    await writer.write(JSON.stringify(value));
    return writer.finish();
  }

  /** The JSON file `id` as `writeJson` stored it. */
  async readJson<T>(id: string): Promise<T> {
    return JSON.parse(await this.readText(id)) as T;
  }

  /**
   * Deletes by `_id` only, which every MongoDB-protocol server indexes: chunks
   * are written in order from `<id>:0`, so even a crash leaves a prefix, and
   * deleting stops at the first one missing (for a new id, after one try).
   */
  async remove(id: string): Promise<void> {
    await this.#files.deleteOne({ _id: id });
    let n = 0;
    while ((await this.#chunks.deleteOne({ _id: `${id}:${n}` })).deletedCount > 0) n++;
  }
}

export class ExportWriter {
  readonly #hash = createHash('sha256');
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #bytes = 0;
  #chunks = 0;

  constructor(
    readonly id: string,
    private readonly meta: Pick<ExportDoc, 'requestId' | 'connectorId' | 'kind' | 'contentType'>,
    private readonly chunkBytes: number,
    private readonly chunks: Collection<ChunkDoc>,
    private readonly files: Collection<ExportDoc>,
  ) {}

  async write(data: string | Buffer): Promise<void> {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#hash.update(buffer);
    this.#bytes += buffer.length;
    this.#pending.push(buffer);
    this.#pendingBytes += buffer.length;
    while (this.#pendingBytes >= this.chunkBytes) await this.#flush(this.chunkBytes);
  }

  async finish(): Promise<ExportDoc> {
    if (this.#pendingBytes > 0 || this.#chunks === 0) await this.#flush(this.#pendingBytes);
    const doc: ExportDoc = { _id: this.id, ...this.meta, sha256: this.#hash.digest('hex'), bytes: this.#bytes, chunks: this.#chunks, createdAt: new Date() };
    await this.files.insertOne(doc);
    return doc;
  }

  async #flush(size: number): Promise<void> {
    const all = Buffer.concat(this.#pending);
    const data = all.subarray(0, size);
    const rest = all.subarray(size);
    this.#pending = rest.length > 0 ? [rest] : [];
    this.#pendingBytes = rest.length;
    const n = this.#chunks++;
    await this.chunks.insertOne({ _id: `${this.id}:${n}`, exportId: this.id, n, data: new Binary(data) });
  }
}
