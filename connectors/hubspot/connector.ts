import type { Agent } from 'node:http';
import type { SubjectIdentity } from '../../core/identity.js';
import type {
  ConsentState, Connector, ConnectorContext, ConnectorDescription, ErasureOutcome, ErasurePlan, FieldChange,
  HealthCheck, OptOutOutcome, RecordRef, RectifyOutcome, RestrictOutcome, SubjectRecord,
} from '../sdk/contract.js';
import { consentStates, rectifyRecord, restrictRecords } from './amend.js';
import type { HubspotApi } from './api.js';
import type { HubspotConfig } from './config.js';
import { eraseRecords } from './erase.js';
import { checkHealth } from './health.js';
import { locateSubject } from './locate.js';
import type { HubspotModel } from './model.js';
import { optOutRecords } from './opt-out.js';
import { readRecords } from './read.js';

/** A HubSpot portal as a connector; behaviour follows the data map read from its properties API. */
export class HubspotConnector implements Connector {
  constructor(
    private readonly api: HubspotApi,
    private readonly model: HubspotModel,
    private readonly config: HubspotConfig,
    private readonly context: ConnectorContext,
    private readonly agent: Agent,
  ) {}

  async describe(): Promise<ConnectorDescription> {
    return {
      kind: 'hubspot',
      capabilities: ['locate', 'read', 'erase', 'rectify', 'restrict', 'consent', 'opt_out'],
      erasureStrategies: ['vendor_delete', 'delete', 'anonymise', 'retain'],
      objects: await this.model.descriptions(),
    };
  }

  check(): Promise<HealthCheck> {
    return checkHealth(this.api, this.model, this.config);
  }

  locate(identity: SubjectIdentity): Promise<RecordRef[]> {
    return locateSubject(this.api, this.model, identity, {
      defaultCountry: this.context.defaultCountry,
      connector: { id: this.context.connectorId, name: this.context.name },
    });
  }

  read(refs: RecordRef[]): AsyncIterable<SubjectRecord> {
    return readRecords(this.api, this.model, refs);
  }

  erase(refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
    return eraseRecords(this.api, this.model, refs, plan, this.context.logger);
  }

  rectify(ref: RecordRef, changes: FieldChange[]): Promise<RectifyOutcome> {
    return rectifyRecord(this.api, this.model, ref, changes);
  }

  restrict(refs: RecordRef[], on: boolean): Promise<RestrictOutcome[]> {
    return restrictRecords(this.api, refs, on, this.config.restrictionProperty);
  }

  consent(refs: RecordRef[]): Promise<ConsentState[]> {
    return consentStates(this.api, refs, this.config.restrictionProperty);
  }

  optOut(refs: RecordRef[]): Promise<OptOutOutcome[]> {
    return optOutRecords(this.api, refs);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
