/**
 * The only way the connector touches the file system: walking the configured
 * roots and resolving a path back inside one. Nothing outside the roots is
 * read or written: `..` is refused, symbolic links are never followed, and a
 * path is checked again against the roots' real paths before every use.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConnectorError } from '../../core/errors.js';

export interface WalkedFile {
  type: 'file';
  root: number;
  /** Relative to the root, with `/` separators. */
  rel: string;
  /** The root's real path joined with `rel`: the file's identity in the index. */
  file: string;
  size: number;
  mtimeMs: number;
}

export type SkipReason = 'too_large' | 'archive_bomb' | 'unsafe_archive' | 'malformed' | 'unsupported' | 'symlink_outside' | 'symlink' | 'unreadable' | 'not_regular';

export interface WalkedSkip {
  type: 'skip';
  root: number;
  rel: string;
  file: string;
  reason: SkipReason;
  detail: string;
}

export type Walked = WalkedFile | WalkedSkip;

/** Where a crawl stopped: the last file handled, in walk order. */
export interface WalkCursor {
  root: number;
  rel: string;
}

/** Our own temporary files (an interrupted rewrite); never indexed. */
export const TEMP_FILE = /^\..+\.gardien-[0-9a-f]+\.tmp$/;

/** Walk order: depth first, names sorted by code unit, which is the order of the paths' segment lists. */
export function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

export class ShareRoots {
  private constructor(
    /** Real paths of the configured roots. */
    readonly roots: readonly string[],
    private readonly include: ((rel: string) => boolean) | undefined,
    private readonly exclude: ((rel: string) => boolean) | undefined,
  ) {}

  /** Resolves each root's real path; a root that is missing or not a folder is a ConnectorError a person can act on. */
  static async open(roots: readonly string[], include?: readonly string[], exclude?: readonly string[]): Promise<ShareRoots> {
    const real: string[] = [];
    for (const root of roots) {
      try {
        const resolved = await fs.realpath(root);
        if (!(await fs.stat(resolved)).isDirectory()) throw new Error('not a folder');
        real.push(resolved);
      } catch (error) {
        throw new ConnectorError('unreachable', `The share root ${root} cannot be opened (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): is it mounted?`);
      }
    }
    const matcher = (globs?: readonly string[]) => (globs && globs.length > 0 ? picomatch([...globs], { dot: true }) : undefined);
    return new ShareRoots(real, matcher(include), matcher(exclude));
  }

  /** Files of one root in walk order, after `after` when resuming. */
  async *walk(root: number, after?: string): AsyncGenerator<Walked> {
    yield* this.#walkDir(root, '', after);
  }

  async *#walkDir(root: number, dirRel: string, after: string | undefined): AsyncGenerator<Walked> {
    const base = this.roots[root]!;
    const dir = dirRel ? path.join(base, ...dirRel.split('/')) : base;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      yield { type: 'skip', root, rel: dirRel || '.', file: dir, reason: 'unreadable', detail: `folder not readable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      const file = path.join(dir, entry.name);
      // Entirely before the resume point: a file at or before it, or a folder the cursor is not inside.
      if (after !== undefined && comparePaths(rel, after) <= 0 && !after.startsWith(`${rel}/`)) continue;
      if (entry.isDirectory()) {
        yield* this.#walkDir(root, rel, after);
        continue;
      }
      if (TEMP_FILE.test(entry.name)) continue;
      if (this.include && !this.include(rel)) continue;
      if (this.exclude?.(rel)) continue;
      if (entry.isSymbolicLink()) {
        yield { type: 'skip', root, rel, file, ...(await this.#symlinkReason(file)) };
        continue;
      }
      if (!entry.isFile()) {
        yield { type: 'skip', root, rel, file, reason: 'not_regular', detail: 'not a regular file (device, socket or pipe)' };
        continue;
      }
      try {
        const stat = await fs.lstat(file);
        yield { type: 'file', root, rel, file, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) };
      } catch (error) {
        yield { type: 'skip', root, rel, file, reason: 'unreadable', detail: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
      }
    }
  }

  async #symlinkReason(link: string): Promise<{ reason: SkipReason; detail: string }> {
    const target = await fs.realpath(link).catch(() => undefined);
    if (target === undefined || !this.#rootOf(target)) {
      return { reason: 'symlink_outside', detail: 'symbolic link leading outside the share: refused' };
    }
    return { reason: 'symlink', detail: 'symbolic link: not followed (its target is indexed where it lives)' };
  }

  #rootOf(real: string): string | undefined {
    return this.roots.find((root) => real === root || real.startsWith(root + path.sep));
  }

  /**
   * The real path of an indexed file, after checking it is still a regular file
   * inside a root. Throws ConnectorError('permission') for anything that would
   * leave the share; returns undefined when the file no longer exists.
   */
  async resolve(file: string): Promise<string | undefined> {
    if (!path.isAbsolute(file) || file.split(/[\\/]/).includes('..') || !this.#rootOf(path.normalize(file))) {
      throw new ConnectorError('permission', 'A path outside the share was refused');
    }
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (!this.#rootOf(real) || real !== path.normalize(file)) {
      throw new ConnectorError('permission', 'A symbolic link leading elsewhere was refused');
    }
    const stat = await fs.lstat(real);
    if (!stat.isFile()) throw new ConnectorError('permission', 'Not a regular file: refused');
    return real;
  }
}
