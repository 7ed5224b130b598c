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

/** A legacy SQL database as a connector; all behaviour follows the model read from its catalog. */
export class SqlConnector implements Connector {
  constructor(
    private readonly driver: SqlDriver,
    private readonly model: SqlModel,
    private readonly config: SqlConfig,
    private readonly context: ConnectorContext,
  ) {}

  async describe(): Promise<ConnectorDescription> {
    const capabilities: Capability[] = ['locate', 'read', 'erase', 'rectify'];
    if (Object.keys(this.config.restriction ?? {}).length > 0) capabilities.push('restrict');
    if (Object.keys(this.config.optOut ?? {}).length > 0) capabilities.push('opt_out');
    if (capabilities.includes('restrict') || capabilities.includes('opt_out')) capabilities.push('consent');
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

  /** Reads the configured restriction and opt-out columns back; rows of tables without them get no state. */
  consent(refs: RecordRef[]): Promise<ConsentState[]> {
    return consentStates(this.driver, this.model, refs);
  }

  /** Sets the configured opt-out columns; every ref is told apart when no column is configured for its table. */
  optOut(refs: RecordRef[]): Promise<OptOutOutcome[]> {
    return optOutRecords(this.driver, this.model, refs);
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
