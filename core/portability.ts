/**
 * The GDPR Art. 20 portability package: a ZIP with, per system and object,
 * the records as JSON and as CSV, a manifest (schemas, counts, hashes) and a
 * README; optionally AES-256 encrypted with the subject's passphrase. Memory
 * stays bounded: each part is parsed as a stream once, its records spooled by
 * object to local files (encrypted, removed at the end), and the ZIP is written
 * as a stream into the export store.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ZipWriter } from '@zip.js/zip.js';
import { ValidationError } from './errors.js';
import { UniqueNames, objectCsv, objectJson, safeSegment, type PackageColumn } from './portability/files.js';
import type { PartConnector } from './portability/part-reader.js';
import { portabilityReadme } from './portability/readme.js';
import { spoolPart, spooledRecords, type Spool } from './portability/spool.js';
import type { RequestType } from './requests.js';
import { portabilityExportId } from './storage/export-ids.js';
import type { ExportDoc, ExportStore } from './storage/exports.js';

/** What a connector says it holds (structurally the SDK's ObjectDescription; core does not import connectors). */
export interface PortableObjectDescription {
  name: string;
  fields: readonly { name: string; type?: string; category: string }[];
}

export interface PortabilityInput {
  requestId: string;
  /** PORTABILITY unless said otherwise. */
  type?: RequestType;
  exportedAt: Date;
  /** The systems' parts, as for `writeExportPackage`. */
  partIds: readonly string[];
  /** By connector id. */
  descriptions: Readonly<Record<string, { objects: readonly PortableObjectDescription[] }>>;
  passphrase?: string | null;
  /** Where each object's records are spooled while the package is built; the OS's temporary folder by default. */
  scratchDir?: string;
}

export const PASSPHRASE_MIN_LENGTH = 8;
const PASSPHRASE_MAX_LENGTH = 256;

/** The subject's passphrase, checked (also at the edge, when the request is filed); null for an unencrypted package. */
export function validatePortabilityPassphrase(passphrase: string | null | undefined): string | null {
  if (passphrase === null || passphrase === undefined) return null;
  const length = [...passphrase].length;
  if (length < PASSPHRASE_MIN_LENGTH || length > PASSPHRASE_MAX_LENGTH) {
    const message = `The passphrase must have between ${PASSPHRASE_MIN_LENGTH} and ${PASSPHRASE_MAX_LENGTH} characters`;
    throw new ValidationError(message, [{ path: 'passphrase', message }]);
  }
  return passphrase;
}

export interface PackageFile {
  path: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

interface ObjectPlan {
  name: string;
  records: number;
  columns: PackageColumn[];
  files: { json: string; csv: string };
  /** The object's records, spooled to a local file while the package is built. */
  spool: Spool;
}

interface SystemPlan {
  connector: PartConnector;
  objects: ObjectPlan[];
}

const MANIFEST = 'manifest.json';
const README = 'README.txt';

/** Spools a part by object, then lays out its files: the connector's objects and fields in its own order first, then those it does not describe. */
async function planSystem(store: ExportStore, partId: string, spool: { dir: string; prefix: string }, input: PortabilityInput, folders: UniqueNames): Promise<SystemPlan> {
  const { connector, objects: spooled } = await spoolPart(store, partId, spool);
  const described = input.descriptions[connector.id]?.objects ?? [];
  const rank = (name: string) => {
    const i = described.findIndex((object) => object.name === name);
    return i < 0 ? described.length : i;
  };
  const folder = folders.take(safeSegment(connector.name.toLowerCase(), 'system'));
  const files = new UniqueNames();
  const objects = [...spooled].sort((a, b) => rank(a.name) - rank(b.name)).map((object): ObjectPlan => {
    const fields = described.find((d) => d.name === object.name)?.fields ?? [];
    const known = new Set(fields.map((field) => field.name));
    const columns = [
      ...fields.map((field) => ({ name: field.name, type: field.type ?? null, category: field.category, described: true })),
      ...object.keys.filter((key) => !known.has(key)).map((key) => ({ name: key, type: null, category: null, described: false })),
    ];
    const base = `${folder}/${files.take(safeSegment(object.name, 'records'))}`;
    return { name: object.name, records: object.records, columns, files: { json: `${base}.json`, csv: `${base}.csv` }, spool: object.spool };
  });
  return { connector, objects };
}

/** Text in chunks of about 64 KiB, hashed and counted on the way into the ZIP. */
async function* measured(content: AsyncIterable<string> | Iterable<string>, file: PackageFile, hash = createHash('sha256')): AsyncGenerator<Uint8Array> {
  let pending = '';
  const emit = () => {
    const bytes = Buffer.from(pending, 'utf8');
    hash.update(bytes);
    file.bytes += bytes.length;
    pending = '';
    return bytes;
  };
  for await (const text of content) {
    pending += text;
    if (pending.length >= 64 * 1024) yield emit();
  }
  if (pending.length > 0) yield emit();
  file.sha256 = hash.digest('hex');
}

/** Writes the package into the export store as `application/zip`, by reference like the JSON package. */
export async function writePortabilityPackage(store: ExportStore, input: PortabilityInput): Promise<ExportDoc> {
  const passphrase = validatePortabilityPassphrase(input.passphrase);
  // Private to this process (mode 0700) and removed however the package ends.
  const dir = await mkdtemp(path.join(input.scratchDir ?? tmpdir(), 'gardien-portability-'));
  try {
    const folders = new UniqueNames([MANIFEST, README]);
    const systems: SystemPlan[] = [];
    for (const [i, partId] of input.partIds.entries()) systems.push(await planSystem(store, partId, { dir, prefix: `part-${i}` }, input, folders));
    return await writeZip(store, input, passphrase, systems);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeZip(store: ExportStore, input: PortabilityInput, passphrase: string | null, systems: readonly SystemPlan[]): Promise<ExportDoc> {
  const out = await store.create(portabilityExportId(input.requestId), { requestId: input.requestId, connectorId: null, kind: 'package', contentType: 'application/zip' });
  const zip = new ZipWriter(new WritableStream<Uint8Array>({ write: (chunk) => out.write(Buffer.from(chunk)) }), {
    useWebWorkers: false,
    lastModDate: input.exportedAt,
  });
  const files: PackageFile[] = [];
  // Entries are added one after another: zip.js then streams each into the archive instead of buffering it.
  const add = async (path: string, mediaType: string, content: AsyncIterable<string> | Iterable<string>, encrypt = true) => {
    const file: PackageFile = { path, mediaType, bytes: 0, sha256: '' };
    const data = Readable.toWeb(Readable.from(measured(content, file), { objectMode: false, highWaterMark: 1 })) as ReadableStream<Uint8Array>;
    await zip.add(path, data, encrypt && passphrase ? { password: passphrase, encryptionStrength: 3 } : {});
    files.push(file);
  };

  await add(README, 'text/plain', [portabilityReadme(passphrase !== null)], false);
  for (const system of systems) {
    for (const object of system.objects) {
      await add(object.files.json, 'application/json', objectJson({ system: system.connector, object: object.name, exportedAt: input.exportedAt, records: spooledRecords(object.spool) }));
      await add(object.files.csv, 'text/csv', objectCsv(object.columns, spooledRecords(object.spool)));
    }
  }
  await add(MANIFEST, 'application/json', [`${JSON.stringify(manifest(input, passphrase !== null, systems, files), null, 2)}\n`]);
  await zip.close();
  return out.finish();
}

function manifest(input: PortabilityInput, encrypted: boolean, systems: readonly SystemPlan[], files: readonly PackageFile[]) {
  return {
    format: 'gardien-portability/1',
    request: { id: input.requestId, type: input.type ?? 'PORTABILITY', exportedAt: input.exportedAt.toISOString() },
    encryption: encrypted ? { method: 'AES-256', format: 'WinZip AE-2', unencrypted: [README] } : null,
    systems: systems.map((system) => ({
      connector: system.connector,
      objects: system.objects.map(({ name, records, files, columns }) => ({ name, records, files, columns })),
    })),
    files,
  };
}
