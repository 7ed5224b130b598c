/** Test-only: opening a portability package with zip.js and with Debian's 7z, an independent implementation. */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import type { ExportStore } from '../../../core/storage/exports.js';
import type { PackageFile } from '../../../core/portability.js';

export interface PackageManifest {
  format: string;
  request: { id: string; type: string; exportedAt: string };
  encryption: { method: string; format: string; unencrypted: string[] } | null;
  systems: {
    connector: { id: string; kind: string; name: string };
    objects: { name: string; records: number; files: { json: string; csv: string }; columns: { name: string; type: string | null; category: string | null; described: boolean }[] }[];
  }[];
  files: PackageFile[];
}

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export async function storedBytes(store: ExportStore, id: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of store.read(id)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every entry's metadata, and a way to read one with or without a password. */
export async function openWithZipJs(zip: Uint8Array) {
  const reader = new ZipReader(new Uint8ArrayReader(zip), { useWebWorkers: false });
  const entries = await reader.getEntries();
  return {
    entries,
    async read(name: string, password?: string): Promise<Buffer> {
      const entry = entries.find((e) => e.filename === name);
      if (!entry || entry.directory) throw new Error(`No file ${name} in the package`);
      return Buffer.from(await entry.arrayBuffer(password === undefined ? {} : { password }));
    },
  };
}

/** Unpacks with `7z x` into a fresh folder; the files by path, or 7z's exit code when it refuses. */
export async function extractWith7z(zip: Uint8Array, password?: string): Promise<{ code: number; files: Map<string, Buffer>; listing: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gardien-7z-'));
  try {
    const archive = path.join(dir, 'package.zip');
    await writeFile(archive, zip);
    const run = promisify(execFile);
    const secret = password === undefined ? [] : [`-p${password}`];
    const { stdout: listing } = await run('7z', ['l', '-slt', ...secret, archive]).catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new Error('7z is missing: apt-get install p7zip-full (.ci/run installs it)') : error;
    });
    let code = 0;
    await run('7z', ['x', '-y', ...secret, `-o${path.join(dir, 'out')}`, archive]).catch((error: { code?: number }) => {
      code = error.code ?? -1;
    });
    const files = new Map<string, Buffer>();
    if (code === 0) {
      for (const entry of await readdir(path.join(dir, 'out'), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const full = path.join(entry.parentPath, entry.name);
        files.set(path.relative(path.join(dir, 'out'), full).split(path.sep).join('/'), await readFile(full));
      }
    }
    return { code, files, listing };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
