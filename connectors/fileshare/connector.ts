import { constants, promises as fs } from 'node:fs';
import { ConnectorError, errorMessage } from '../../core/errors.js';
import type { SubjectIdentity } from '../../core/identity.js';
import type { Connector, ConnectorContext, ConnectorDescription, ErasureOutcome, ErasurePlan, HealthCheck, RecordRef, SubjectRecord } from '../sdk/contract.js';
import type { AtomicHooks } from './atomic.js';
import { FILE_FORMATS, type FileshareConfig, erasureOf } from './config.js';
import { type CrawlOptions, type CrawlProgress, crawlShare } from './crawl.js';
import { describeShare } from './describe.js';
import { eraseRecords } from './erase.js';
import { subjectHashes } from './identifiers.js';
import { readRecords } from './read.js';
import { ShareRoots } from './roots.js';
import type { FileIndexStore, FileState } from './store.js';

/**
 * A file share as a connector: locate answers from the index a crawl builds;
 * read and erase go back to the documents. The roots are opened on each use,
 * so a share mounted after registration is picked up.
 */
export class FileshareConnector implements Connector {
  constructor(
    readonly config: FileshareConfig,
    private readonly context: ConnectorContext,
    readonly store: FileIndexStore,
    private readonly hooks: AtomicHooks = {},
  ) {}

  async describe(): Promise<ConnectorDescription> {
    return describeShare(this.config);
  }

  async check(): Promise<HealthCheck> {
    const started = Date.now();
    const writes = FILE_FORMATS.some((f) => erasureOf(this.config, f) !== 'manual');
    const missing: string[] = [];
    let reachable = true;
    for (const root of this.config.roots) {
      try {
        await fs.access(root, constants.R_OK | constants.X_OK);
      } catch {
        reachable = false;
        missing.push(`read ${root}`);
        continue;
      }
      if (writes && (await fs.access(root, constants.W_OK).then(() => false, () => true))) missing.push(`write ${root} (to redact or delete)`);
    }
    if (this.config.quarantineDir && (await fs.access(this.config.quarantineDir, constants.W_OK).then(() => false, () => true))) {
      missing.push(`write ${this.config.quarantineDir} (the quarantine folder)`);
    }
    let indexed: string;
    try {
      const run = await this.store.run();
      indexed = run?.lastCompletedAt ? `last crawled ${run.lastCompletedAt.toISOString()}` : 'not crawled yet: lookups answer once the first crawl has finished';
    } catch (error) {
      return health(started, { ok: false, reachable, missing, message: `The index cannot be read: ${errorMessage(error)}` });
    }
    const ok = reachable && missing.length === 0;
    const message = ok ? `${this.config.roots.length} folder(s) readable and writable; ${indexed}` : `Missing access: ${missing.join('; ')}`;
    return health(started, { ok, reachable, missing, message });
  }

  async locate(identity: SubjectIdentity): Promise<RecordRef[]> {
    const hashes = subjectHashes(identity);
    if (hashes.length === 0) return [];
    const run = await this.store.run();
    if (!run?.lastCompletedAt) {
      throw new ConnectorError('unreachable', `The share "${this.context.name}" has not been indexed yet: its first crawl must finish before it can answer`, { retryable: true });
    }
    const kindOf = new Map(hashes.map((h) => [h.hash, h.kind]));
    const refs = new Map<string, RecordRef>();
    for (const entry of await this.store.locate(hashes.map((h) => h.hash))) {
      const matchedOn = kindOf.get(entry.hash)!;
      const known = refs.get(entry.locId);
      if (!known || (known.matchedOn === 'phone' && matchedOn === 'email')) refs.set(entry.locId, { object: entry.format, id: entry.locId, matchedOn });
    }
    return [...refs.values()];
  }

  read(refs: RecordRef[]): AsyncIterable<SubjectRecord> {
    const share = this.#share();
    return (async function* () {
      yield* readRecords({ ...(await share) }, refs);
    })();
  }

  async erase(refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
    return eraseRecords({ ...(await this.#share()), hooks: this.hooks }, refs, plan);
  }

  /** Brings the index up to date: reads new and changed files, drops deleted ones, resumes an interrupted crawl. */
  async crawl(options: CrawlOptions = {}): Promise<CrawlProgress> {
    return crawlShare(await this.#share(), options);
  }

  /** Files the last crawls could not index, and why (too large, zip bomb, malformed, link leaving the share…). */
  skipped(): Promise<FileState[]> {
    return this.store.skippedFiles();
  }

  /** Removed from Gardien: the index (hashed identifiers, where they occur) and the crawl state go too; the files stay. */
  forget(): Promise<void> {
    return this.store.drop();
  }

  async close(): Promise<void> {
    // Nothing held open: files are opened per call, the storage belongs to Gardien.
  }

  async #share() {
    const roots = await ShareRoots.open(this.config.roots, this.config.include, this.config.exclude);
    return { roots, store: this.store, config: this.config, defaultCountry: this.context.defaultCountry };
  }
}

function health(started: number, s: { ok: boolean; reachable: boolean; missing: string[]; message: string }): HealthCheck {
  return { ok: s.ok, reachable: s.reachable, authenticated: true, permissions: { ok: s.missing.length === 0, missing: s.missing }, message: s.message, latencyMs: Date.now() - started };
}
