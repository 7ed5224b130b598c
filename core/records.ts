/**
 * A subject's records as Gardien handles them, whichever system holds them:
 * references, records, erasure outcomes and legal holds. Connectors produce
 * them (the SDK's contract re-exports these types); the domain counts them.
 */
import type { IdentifierKind } from './identity.js';

/** A pointer to one record of the subject; carries no personal data. */
export interface RecordRef {
  object: string;
  /** The record's key, as text (JSON for composite keys). */
  id: string;
  /** Which identifier found it, or `relation` when reached through a parent. */
  matchedOn?: IdentifierKind | 'relation';
  parent?: { object: string; id: string };
}

/** One record, with JSON-safe values. */
export interface SubjectRecord {
  ref: RecordRef;
  fields: Record<string, unknown>;
}

/** Why a record is kept despite an erasure request (GDPR Art. 17(3)). */
export interface LegalHold {
  /** e.g. "French Commercial Code L123-22: accounting records kept 10 years". */
  basis: string;
  retainForDays?: number;
}

export type ErasureAction = 'deleted' | 'anonymised' | 'retained' | 'vendor_deleted' | 'already_absent' | 'manual';

export interface ErasureOutcome {
  ref: RecordRef;
  action: ErasureAction;
  legalHold?: LegalHold;
  detail?: string;
}
