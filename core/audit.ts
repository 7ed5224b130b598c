/**
 * The audit trail: who did what, about whom (as a keyed hash), with which
 * systems. Entries form a hash chain, so removing or editing one shows.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Actor } from './actor.js';
import { keyedHash, type SecretKey } from './crypto.js';
import { identityKey, type SubjectIdentity } from './identity.js';
import { canonicalJson } from './report/canonical.js';
import { isDuplicateKey } from './storage/mongo.js';
import type { AuditEntry, AuditRepository } from './storage/audit.js';

export type AuditAction = 'subject.lookup' | 'connector.register' | 'connector.enable' | 'connector.disable' | 'connector.remove' | (string & {});

export interface AuditEvent {
  actor: Actor;
  action: AuditAction;
  subject?: SubjectIdentity;
  systems?: { connectorId: string; status: string }[];
  /** What the action was on when it is no person or system, e.g. `processing proc_… v3`. */
  target?: string;
}

export type ChainVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; problem: string };

export const GENESIS_HASH = '0'.repeat(64);
const MAX_ATTEMPTS = 200;

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, actor, action, subjectHash, systems, prevHash, target } = entry;
  const body = { seq, at: at.toISOString(), actor: { sub: actor.sub, role: actor.role }, action, subjectHash, systems, prevHash, ...(target ? { target } : {}) };
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

export class AuditTrail {
  readonly #subjectKey: Buffer;
  #tail: { seq: number; hash: string } | null = null;

  constructor(
    private readonly repository: AuditRepository,
    secretKey: SecretKey,
  ) {
    // A key of its own for subject hashes, derived so the sealing key is never used for anything else.
    this.#subjectKey = createHmac('sha256', secretKey.key).update('gardien audit subject hash').digest();
  }

  /** The keyed hash an entry holds for this identity: comparable across entries, meaningless without the key. */
  subjectHash(identity: SubjectIdentity): string {
    return keyedHash(identityKey(identity), this.#subjectKey);
  }

  /**
   * Appends one entry at the end of the chain. Concurrent writers (here or in
   * another process) race for the next `seq`; the unique index lets one win and
   * the others read the new end and try again.
   */
  async record(event: AuditEvent): Promise<AuditEntry> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The end of the chain as this process last wrote it saves a read per entry; a stale one costs one retry.
      const last = this.#tail ?? (await this.repository.last());
      const draft: Omit<AuditEntry, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: new Date(),
        actor: { sub: event.actor.sub, role: event.actor.role },
        action: event.action,
        subjectHash: event.subject ? this.subjectHash(event.subject) : null,
        systems: (event.systems ?? []).map((s) => ({ connectorId: s.connectorId, status: s.status })),
        prevHash: last?.hash ?? GENESIS_HASH,
        ...(event.target ? { target: event.target } : {}),
      };
      const entry: AuditEntry = { ...draft, hash: entryHash(draft) };
      try {
        await this.repository.insert(entry);
        if (!this.#tail || this.#tail.seq < entry.seq) this.#tail = { seq: entry.seq, hash: entry.hash };
        return entry;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        this.#tail = null;
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 * attempt)));
      }
    }
    throw new Error(`Could not append to the audit trail after ${MAX_ATTEMPTS} attempts`);
  }

  /** Walks the chain from the first entry: numbering, links and hashes must all hold. */
  async verifyChain(): Promise<ChainVerification> {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    for await (const { _id, ...entry } of this.repository.inOrder()) {
      const broken = (problem: string): ChainVerification => ({ ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq, problem });
      if (entry.seq !== expectedSeq) return broken(`entry ${expectedSeq} is missing (found ${entry.seq} next)`);
      if (entry.prevHash !== prevHash) return broken(`entry ${entry.seq} does not link to entry ${entry.seq - 1}`);
      if (entryHash(entry) !== entry.hash) return broken(`entry ${entry.seq} was altered after it was written`);
      prevHash = entry.hash;
      expectedSeq++;
    }
    return { ok: true, entries: expectedSeq - 1 };
  }

  /** Every entry about this subject, oldest first. */
  forSubject(identity: SubjectIdentity): Promise<AuditEntry[]> {
    return this.repository.bySubject(this.subjectHash(identity)).then((entries) => entries.map(({ _id, ...entry }) => entry));
  }
}
