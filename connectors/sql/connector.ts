import type { SubjectIdentity } from '../../core/identity.js';
import type {
  Capability, Connector, ConnectorContext, ConnectorDescription, ConsentState, ErasureOutcome, ErasurePlan, FieldChange,
  HealthCheck, OptOutOutcome, RecordRef, RectifyOutcome, RestrictOutcome, SubjectRecord,
} from '../sdk/contract.js';
import { rectifyRecord, restrictRecords } from './amend.js';
import type { SqlConfig } from './config.js';
import { consentStates } from './consent.js';
import type { SqlDriver } from './driver.js';
import { eraseRecords } from './erase.js';
import { checkHealth } from './health.js';
import { locateSubject } from './locate.js';
import type { SqlModel } from './model.js';
import { optOutRecords } from './opt-out.js';
import { readRecords } from './read.js';

const configured = (perTable: object | undefined) => Object.keys(perTable ?? {}).length > 0;

/** A legacy SQL database as a connector; all behaviour follows the model read from its catalog. */
export class SqlConnector implements Connector {
  /**
   * Reads the configured restriction and opt-out columns back; rows of tables without them get no state.
   * Absent when neither is configured, so a request's report says it was not checked rather than 0 of 0.
   */
  readonly consent?: (refs: RecordRef[]) => Promise<ConsentState[]>;

  constructor(
    private readonly driver: SqlDriver,
    private readonly model: SqlModel,
    private readonly config: SqlConfig,
    private readonly context: ConnectorContext,
  ) {
    if (configured(config.restriction) || configured(config.optOut)) this.consent = (refs) => consentStates(this.driver, this.model, refs);
  }

  async describe(): Promise<ConnectorDescription> {
    const capabilities: Capability[] = ['locate', 'read', 'erase', 'rectify'];
    if (configured(this.config.restriction)) capabilities.push('restrict');
    if (configured(this.config.optOut)) capabilities.push('opt_out');
    if (this.consent) capabilities.push('consent');
    return {
      kind: 'sql',
      capabilities,
      erasureStrategies: ['delete', 'anonymise', 'retain'],
      objects: [...this.model.tables.values()].map((t) => structuredClone(t.description)),
    };
  }

  check(): Promise<HealthCheck> {
    return checkHealth(this.driver, this.config.subjects.map((s) => s.table));
  }

  locate(identity: SubjectIdentity): Promise<RecordRef[]> {
    return locateSubject(this.driver, this.model, identity, {
      defaultCountry: this.context.defaultCountry,
      connector: { id: this.context.connectorId, name: this.context.name },
    });
  }

  read(refs: RecordRef[]): AsyncIterable<SubjectRecord> {
    return readRecords(this.driver, this.model, refs);
  }

  async erase(refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
    const outcomes = await eraseRecords(this.driver, this.model, refs, plan);
    const counts: Record<string, number> = {};
    for (const outcome of outcomes) counts[outcome.action] = (counts[outcome.action] ?? 0) + 1;
    this.context.logger.info('erasure applied', { records: outcomes.length, ...counts });
    return outcomes;
  }

  rectify(ref: RecordRef, changes: FieldChange[]): Promise<RectifyOutcome> {
    return rectifyRecord(this.driver, this.model, ref, changes);
  }

  restrict(refs: RecordRef[], on: boolean): Promise<RestrictOutcome[]> {
    return restrictRecords(this.driver, this.model, refs, on);
  }

  /** Sets the configured opt-out columns; every ref is told apart when no column is configured for its table. */
  optOut(refs: RecordRef[]): Promise<OptOutOutcome[]> {
    return optOutRecords(this.driver, this.model, refs);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
