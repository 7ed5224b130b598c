/**
 * The connector contract: what every system Gardien talks to must offer.
 * A connector is declared by what it holds (objects, fields, categories,
 * identifier fields, erasure strategy); behaviour follows the declaration.
 */
import type { z } from 'zod';
import type { DataCategory } from '../../core/categories.js';
import type { IdentifierKind, SubjectIdentity } from '../../core/identity.js';
import type { Logger } from '../../core/logger.js';
import type { ErasureOutcome, LegalHold, RecordRef, SubjectRecord } from '../../core/records.js';
import type { Storage } from '../../core/storage/mongo.js';

// Record types are the domain's (core/records.ts); a connector author finds them here with the rest of the contract.
export type { ErasureAction, ErasureOutcome, LegalHold, RecordRef, SubjectRecord } from '../../core/records.js';

export type Capability = 'locate' | 'read' | 'erase' | 'rectify' | 'restrict' | 'consent' | 'opt_out';

/** delete the record, overwrite its personal fields, ask the vendor's GDPR delete, keep it under a legal hold, or have a person do it. */
export type ErasureStrategy = 'delete' | 'anonymise' | 'vendor_delete' | 'retain' | 'manual';

export interface FieldDescription {
  name: string;
  /** The source's own type name (e.g. `varchar`, `email`, `picklist`). */
  type?: string;
  category: DataCategory;
  /** Set when the field identifies a subject (the connector locates by it). */
  identifier?: IdentifierKind;
  /** Notes, descriptions, comments: may hide anything, flagged for review. */
  freeText?: boolean;
  /** Primary or foreign key: never anonymised. */
  key?: boolean;
  nullable?: boolean;
}

export interface ObjectErasure {
  strategy: ErasureStrategy;
  /** For `anonymise` (and `retain` with anonymisation): fields to overwrite; default every non-key personal field. */
  fields?: string[];
  legalHold?: LegalHold;
}

export interface ObjectDescription {
  /** e.g. a table, a Salesforce sObject, a HubSpot object type. */
  name: string;
  label?: string;
  fields: FieldDescription[];
  erasure: ObjectErasure;
  /** Records reached through another object rather than by an identifier of their own. */
  relation?: { parent: string; via: string };
  /** What GDPR Art. 15 says must accompany the data. */
  purposes?: string[];
  recipients?: string[];
  retention?: string;
  source?: string;
}

export interface ConnectorDescription {
  kind: string;
  capabilities: Capability[];
  erasureStrategies: ErasureStrategy[];
  objects: ObjectDescription[];
  /** For a system a person works in (no API): who gets its tasks, and how to go about them. */
  handledBy?: { assignee?: string; instructions?: string };
}

export interface HealthCheck {
  ok: boolean;
  reachable: boolean;
  authenticated: boolean;
  permissions: { ok: boolean; missing: string[] };
  /** One sentence a person can act on: "wrong password for user x", "table customer not readable". */
  message: string;
  latencyMs: number;
}

export interface ErasurePlan {
  /** Per-object overrides of the described erasure. */
  objects?: Record<string, ObjectErasure>;
}

export interface FieldChange {
  object: string;
  field: string;
  value: string | number | boolean | null;
}

export interface RectifyOutcome {
  ref: RecordRef;
  applied: string[];
  skipped: { field: string; reason: string }[];
}

export interface RestrictOutcome {
  ref: RecordRef;
  restricted: boolean;
  /** False when nothing was written for the record: it already was as asked, or holds no flag of its own. Absent when the connector cannot tell. */
  changed?: boolean;
  detail?: string;
}

/** One outcome per ref; `optedOut` is false for a record that holds no marketing preference or no longer exists (`detail` says which). */
export interface OptOutOutcome {
  ref: RecordRef;
  optedOut: boolean;
  /** False when the record already was opted out and nothing was written. Absent when the connector cannot tell. */
  changed?: boolean;
  detail?: string;
}

export interface ConsentState {
  ref: RecordRef;
  marketing: 'granted' | 'denied' | 'unknown';
  processingRestricted: boolean;
}

export interface ConnectorContext {
  connectorId: string;
  name: string;
  logger: Logger;
  /** Per-call timeout the connector should honour. */
  timeoutMs: number;
  /** Country used to normalise phone numbers found in the source. */
  defaultCountry: string;
  /** Gardien's storage, for connectors that keep state of their own (the file share's index); set by the catalog. */
  storage?: Storage;
}

export interface Connector {
  describe(): Promise<ConnectorDescription>;
  check(): Promise<HealthCheck>;
  locate(identity: SubjectIdentity): Promise<RecordRef[]>;
  /** Streams the records; never one giant array. */
  read(refs: RecordRef[]): AsyncIterable<SubjectRecord>;
  /** Idempotent: running twice does no harm and reports `already_absent` or the same outcome. */
  erase?(refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]>;
  rectify?(ref: RecordRef, changes: FieldChange[]): Promise<RectifyOutcome>;
  restrict?(refs: RecordRef[], on: boolean): Promise<RestrictOutcome[]>;
  consent?(refs: RecordRef[]): Promise<ConsentState[]>;
  /** Art. 21: opts the person out of marketing (email, solicitation, tracking where the system records it). Idempotent. */
  optOut?(refs: RecordRef[]): Promise<OptOutOutcome[]>;
  /** The connector is being removed from Gardien: drop what Gardien keeps for it (an index). The system itself is not touched. */
  forget?(): Promise<void>;
  close(): Promise<void>;
}

export interface ConnectorPlugin<Config = unknown, Secrets extends Record<string, string> = Record<string, string>> {
  kind: string;
  displayName: string;
  configSchema: z.ZodType<Config>;
  secretsSchema: z.ZodType<Secrets>;
  /** Builds a connector; throws ConnectorError (configuration/unreachable/authentication) when it cannot. */
  create(config: Config, secrets: Secrets, context: ConnectorContext): Promise<Connector>;
}

/** Erasure settings of one object once the plan's overrides are applied. */
export function erasureFor(object: ObjectDescription, plan: ErasurePlan): ObjectErasure {
  return plan.objects?.[object.name] ?? object.erasure;
}
