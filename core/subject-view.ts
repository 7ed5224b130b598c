/**
 * What a lookup ("everything about this person") answers: one entry per enabled
 * system, each record's fields classified, and the sensitive findings gathered.
 */
import type { Actor } from './actor.js';
import type { DataCategory } from './categories.js';
import type { IdentityInput, IdentifierKind, SubjectIdentity } from './identity.js';

export type SystemStatus = 'OK' | 'ERROR' | 'TIMEOUT';

export interface ClassifiedField {
  name: string;
  /** JSON-safe, as the connector gave it. */
  value: unknown;
  category: DataCategory;
  /** GDPR Art. 9 or Art. 10 data. */
  sensitive: boolean;
  /** Notes and comments may hide anything: a person should review them. */
  freeText: boolean;
}

export interface FoundRecord {
  object: string;
  id: string;
  matchedOn: IdentifierKind | 'relation' | null;
  fields: ClassifiedField[];
}

export interface SystemResult {
  connectorId: string;
  name: string;
  kind: string;
  status: SystemStatus;
  /** Why the system did not answer, in words a DPO can act on. */
  error: string | null;
  /** The system's own time, from opening it to its last record. */
  durationMs: number;
  records: FoundRecord[];
  /** Whether the system marks the subject's processing as restricted; null when it cannot tell. */
  restricted: boolean | null;
}

export interface SensitiveFinding {
  connectorId: string;
  connector: string;
  object: string;
  field: string;
  category: DataCategory;
}

export interface SubjectView {
  identity: SubjectIdentity;
  systems: SystemResult[];
  sensitiveFindings: SensitiveFinding[];
  /** True when a restriction request marked the subject, or any system says processing is restricted (GDPR Art. 18). */
  restricted: boolean;
  /** The restriction request that marked the subject in Gardien, if any. */
  restriction: { requestId: string; since: Date } | null;
}

/** The lookup as the schema sees it; the gateway's federation service implements it. */
export interface SubjectLookup {
  lookup(input: IdentityInput, actor: Actor): Promise<SubjectView>;
}
