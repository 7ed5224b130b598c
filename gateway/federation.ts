/**
 * The lookup: one identity, every enabled system asked at once, each under its
 * own deadline. A slow or broken system becomes an entry saying so; the others answer.
 */
import { performance } from 'node:perf_hooks';
import type { CountryCode } from 'libphonenumber-js';
import type { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import type { Connector, RecordRef } from '../connectors/sdk/contract.js';
import type { Actor } from '../core/actor.js';
import type { AuditTrail } from '../core/audit.js';
import { ConnectorError, GardienError, errorMessage } from '../core/errors.js';
import { normaliseIdentity, type IdentityInput, type SubjectIdentity } from '../core/identity.js';
import { createLogger } from '../core/logger.js';
import type { RestrictionMarks } from '../core/storage/restrictions.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import type { FoundRecord, SubjectLookup, SubjectView, SystemResult } from '../core/subject-view.js';
import { recordClassifier, sensitiveFindings } from './classify.js';

const log = createLogger('federation');

export interface FederationOptions {
  /** Each system's own deadline for locate + read. */
  timeoutMs: number;
  defaultCountry: string;
}

interface Answer {
  records: FoundRecord[];
  restricted: boolean | null;
}

export class Federation implements SubjectLookup {
  /** The connectors enabled at the last lookup, asked early by the next one. */
  #lastEnabled: ConnectorDoc[] | null = null;

  constructor(
    private readonly catalog: Pick<ConnectorCatalog, 'list' | 'open'>,
    private readonly audit: Pick<AuditTrail, 'record'>,
    private readonly options: FederationOptions,
    /** Gardien's own restriction marks (Art. 18), shown whatever the systems say. */
    private readonly restrictions?: Pick<RestrictionMarks, 'find'>,
  ) {}

  /** Throws ValidationError for a malformed identity (nothing is asked, nothing audited). */
  async lookup(input: IdentityInput, actor: Actor): Promise<SubjectView> {
    const identity = normaliseIdentity(input, this.options.defaultCountry as CountryCode);
    const started = performance.now();
    const [{ systems, discarded }, restriction] = await Promise.all([this.#askEnabledSystems(identity), this.restrictions?.find(identity) ?? null]);
    // No personal data leaves without its audit entry: a failed append fails the lookup.
    await this.audit.record({
      actor,
      action: 'subject.lookup',
      subject: identity,
      // A system asked early and dropped may have been read: the trail says so.
      systems: [...systems.map((s) => ({ connectorId: s.connectorId, status: s.status })), ...discarded.map((connectorId) => ({ connectorId, status: 'DISCARDED' }))],
    });
    log.info('lookup answered', {
      systems: systems.length,
      failed: systems.filter((s) => s.status !== 'OK').length,
      records: systems.reduce((n, s) => n + s.records.length, 0),
      ms: Math.round(performance.now() - started),
    });
    return { identity, systems, sensitiveFindings: sensitiveFindings(systems), restricted: restriction !== null || systems.some((s) => s.restricted === true), restriction };
  }

  /**
   * Every enabled system's answer. Reading the catalog costs a query as long as a
   * quick system's own answer, so the systems enabled at the last lookup are asked
   * while it is read: an answer counts only if the catalog still lists its
   * connector unchanged; any other enabled connector is asked once the catalog is
   * read, and an answer from a connector since disabled, removed or changed is
   * dropped (and named in the audit entry as discarded).
   */
  async #askEnabledSystems(identity: SubjectIdentity): Promise<{ systems: SystemResult[]; discarded: string[] }> {
    const current = this.catalog.list({ enabled: true });
    const early = new Map(
      (this.#lastEnabled ?? []).map((doc) => {
        const cancel = { abandoned: false };
        return [doc._id, { updatedAt: doc.updatedAt.getTime(), cancel, answer: this.#askSystem(doc, identity, cancel) }];
      }),
    );
    let connectors: ConnectorDoc[];
    try {
      connectors = await current;
    } catch (error) {
      for (const asked of early.values()) asked.cancel.abandoned = true;
      throw error;
    }
    this.#lastEnabled = connectors;
    const answers = connectors.map((doc) => {
      const asked = early.get(doc._id);
      if (asked && asked.updatedAt === doc.updatedAt.getTime()) {
        early.delete(doc._id);
        return asked.answer;
      }
      return this.#askSystem(doc, identity);
    });
    // Asked early but no longer enabled as they were: their answers are not wanted (#askSystem never rejects).
    for (const unwanted of early.values()) unwanted.cancel.abandoned = true;
    return { systems: await Promise.all(answers), discarded: [...early.keys()] };
  }

  async #askSystem(doc: ConnectorDoc, identity: SubjectIdentity, cancel = { abandoned: false }): Promise<SystemResult> {
    const started = performance.now();
    const entry = { connectorId: doc._id, name: doc.name, kind: doc.kind };
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    // Node's timers may fire a millisecond early (they count from the event loop's cached clock): the deadline is checked on ours.
    const deadline = new Promise<'timeout'>((resolve) => {
      const wait = (ms: number) => {
        timer = setTimeout(() => {
          const left = this.options.timeoutMs - (performance.now() - started);
          if (left > 0) wait(left);
          else resolve('timeout');
        }, ms);
      };
      wait(this.options.timeoutMs);
    });
    const work = this.#collect(doc, identity, () => abandoned || cancel.abandoned);
    work.catch(() => undefined); // a failure after the deadline has no one left to tell
    try {
      const answer = await Promise.race([work, deadline]);
      if (answer === 'timeout') {
        abandoned = true;
        return { ...entry, status: 'TIMEOUT', error: `${doc.name} did not answer within ${this.options.timeoutMs} ms`, durationMs: performance.now() - started, records: [], restricted: null };
      }
      return { ...entry, status: 'OK', error: null, durationMs: performance.now() - started, ...answer };
    } catch (error) {
      const timedOut = error instanceof ConnectorError && error.kind === 'timeout';
      if (!(error instanceof GardienError)) log.error('connector failed unexpectedly', { connector: doc._id, kind: doc.kind, reason: errorMessage(error) });
      return {
        ...entry,
        status: timedOut ? 'TIMEOUT' : 'ERROR',
        // Messages of our own errors are written for people; anything else may be an internal detail.
        error: error instanceof GardienError ? error.message : `${doc.name} failed unexpectedly (see the gateway log)`,
        durationMs: performance.now() - started,
        records: [],
        restricted: null,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  async #collect(doc: ConnectorDoc, identity: SubjectIdentity, abandoned: () => boolean): Promise<Answer> {
    const connector = await this.catalog.open(doc);
    const [description, refs] = await Promise.all([connector.describe(), connector.locate(identity)]);
    const classify = recordClassifier(description);
    const records: FoundRecord[] = [];
    if (refs.length > 0 && !abandoned()) {
      for await (const record of connector.read(refs)) {
        if (abandoned()) break;
        records.push(classify(record));
      }
    }
    const restricted = description.capabilities.includes('consent') ? await restrictionOf(connector, refs, doc) : null;
    return { records, restricted };
  }
}

/** Whether the system marks the subject's own records as restricted; null when it cannot say. */
async function restrictionOf(connector: Connector, refs: RecordRef[], doc: ConnectorDoc): Promise<boolean | null> {
  const own = refs.filter((r) => r.matchedOn !== 'relation');
  if (!connector.consent || own.length === 0) return own.length === 0 ? false : null;
  try {
    return (await connector.consent(own)).some((state) => state.processingRestricted);
  } catch (error) {
    log.warn('could not read the restriction state', { connector: doc._id, reason: errorMessage(error) });
    return null;
  }
}
