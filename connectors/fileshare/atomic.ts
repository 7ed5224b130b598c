/**
 * Rewrites and moves that a crash never leaves half done: the new content is
 * written to a temporary file beside the original, flushed to disk, and only
 * then renamed over it, so a reader sees the old file or the new one, never a mix.
 */
import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';

export interface AtomicHooks {
  /** Runs between the flushed temporary file and the rename: tests simulate a crash here. */
  beforeRename?(): void | Promise<void>;
}

export async function writeAtomically(target: string, bytes: Buffer, hooks: AtomicHooks = {}): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.gardien-${randomBytes(6).toString('hex')}.tmp`);
  const { mode } = await fs.stat(target);
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode & 0o777);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await hooks.beforeRename?.();
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Moves a file aside (quarantine): a rename when on the same disk, else copy, flush, then remove. */
export async function moveAtomically(source: string, target: string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  try {
    await fs.rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.copyFile(source, target, constants.COPYFILE_EXCL);
    const handle = await fs.open(target, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.unlink(source);
  }
  await syncDir(path.dirname(target));
  await syncDir(path.dirname(source));
}

/** Flushes a folder, so a rename in it survives a power cut. */
async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
