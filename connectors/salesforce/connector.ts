import type { SubjectIdentity } from '../../core/identity.js';
import type {
  Connector, ConnectorContext, ConnectorDescription, ConsentState, ErasureOutcome, ErasurePlan, FieldChange,
  HealthCheck, OptOutOutcome, RecordRef, RectifyOutcome, RestrictOutcome, SubjectRecord,
} from '../sdk/contract.js';
import type { SalesforceApi } from './api.js';
import { describeObject, subjectObjects, type OrgCatalog } from './catalog.js';
import type { SalesforceConfig } from './config.js';
import { eraseRecords } from './erase.js';
import { checkHealth } from './health.js';
import { locateSubject } from './locate.js';
import { optOutRecords } from './opt-out.js';
import { consentStates, rectifyRecord, restrictRecords } from './preferences.js';
import { readRecords } from './read.js';
import type { SalesforceSession } from './session.js';

/** A Salesforce org as Gardien sees it: Contacts, Leads and what hangs off them. */
export class SalesforceConnector implements Connector {
  #catalog?: Promise<OrgCatalog>;

  constructor(
    private readonly session: SalesforceSession,
    private readonly api: SalesforceApi,
    private readonly config: SalesforceConfig,
    private readonly context: ConnectorContext,
  ) {}

  async describe(): Promise<ConnectorDescription> {
    const catalog = await this.#loadCatalog();
    return {
      kind: 'salesforce',
      capabilities: ['locate', 'read', 'erase', 'rectify', 'restrict', 'consent', 'opt_out'],
      erasureStrategies: ['anonymise', 'delete', 'retain', 'manual'],
      objects: [...catalog.values()].map((o) => o.description),
    };
  }

  check(): Promise<HealthCheck> {
    return checkHealth(this.api, this.session, this.config);
  }

  async locate(identity: SubjectIdentity): Promise<RecordRef[]> {
    const catalog = await this.#loadCatalog();
    return locateSubject(
      { api: this.api, catalog, defaultCountry: this.context.defaultCountry, systemNames: [this.context.name, this.context.connectorId] },
      identity,
    );
  }

  async *read(refs: RecordRef[]): AsyncIterable<SubjectRecord> {
    yield* readRecords(this.api, await this.#loadCatalog(), refs);
  }

  async erase(refs: RecordRef[], plan: ErasurePlan): Promise<ErasureOutcome[]> {
    return eraseRecords(this.api, await this.#loadCatalog(), refs, plan);
  }

  async rectify(ref: RecordRef, changes: FieldChange[]): Promise<RectifyOutcome> {
    return rectifyRecord(this.api, await this.#loadCatalog(), ref, changes);
  }

  async restrict(refs: RecordRef[], on: boolean): Promise<RestrictOutcome[]> {
    return restrictRecords(this.api, await this.#loadCatalog(), refs, on);
  }

  async consent(refs: RecordRef[]): Promise<ConsentState[]> {
    return consentStates(this.api, await this.#loadCatalog(), refs);
  }

  async optOut(refs: RecordRef[]): Promise<OptOutOutcome[]> {
    return optOutRecords(this.api, await this.#loadCatalog(), refs);
  }

  close(): Promise<void> {
    return this.session.close();
  }

  /** Describe metadata, once per connector (it changes when an admin edits the org, and the connector is reopened then). */
  #loadCatalog(): Promise<OrgCatalog> {
    this.#catalog ??= (async () => {
      const source = `Salesforce org ${this.session.instanceUrl}`;
      const entries = await Promise.all(
        subjectObjects(this.config).map(async (model) => [model.name, describeObject(await this.api.describe(model.name), model, this.config, source)] as const),
      );
      return new Map(entries);
    })();
    this.#catalog.catch(() => (this.#catalog = undefined));
    return this.#catalog;
  }
}
