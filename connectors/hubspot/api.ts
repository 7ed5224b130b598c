/**
 * The one HubSpot client of the connector: the official `@hubspot/api-client`,
 * used unchanged and pointed at `basePath`; every call goes through the call
 * policy (policy.ts). Calls the client has no typed method for (GDPR delete,
 * account details, token scopes) go through its own `apiRequest`.
 */
import type { Agent } from 'node:http';
import { Client } from '@hubspot/api-client';
import { ConnectorError } from '../../core/errors.js';
import { HubspotHttpError, httpFailureOf } from './errors.js';
import { type CallPolicy, callHubspot } from './policy.js';

type SearchRequest = Parameters<Client['crm']['objects']['searchApi']['doSearch']>[1];
type UnsubscribeRequest = Parameters<Client['communicationPreferences']['statusApi']['unsubscribe']>[0];
export type Operator = 'EQ' | 'IN' | 'CONTAINS_TOKEN';
export interface SearchFilter {
  propertyName: string;
  operator: Operator;
  value?: string;
  values?: string[];
}

export interface HubspotRecord {
  id: string;
  properties: Record<string, string | null>;
}

export interface HubspotProperty {
  name: string;
  type: string;
  fieldType: string;
  /** HubSpot computes or guards the value: no API call can set it. */
  readOnly: boolean;
}

export interface SubscriptionState {
  id: string;
  name: string;
  status: 'SUBSCRIBED' | 'NOT_SUBSCRIBED';
  legalBasis?: string;
}

export interface HubspotApiOptions extends CallPolicy {
  accessToken: string;
  /** The connection pool the client's typed calls use. */
  agent?: Agent;
}

export class HubspotApi {
  readonly basePath: string;
  readonly #client: Client;
  readonly #crm: Client['crm'];
  readonly #preferences: Client['communicationPreferences'];
  readonly #options: HubspotApiOptions;

  constructor(options: HubspotApiOptions) {
    this.#options = options;
    this.basePath = options.basePath;
    this.#client = new Client({ accessToken: options.accessToken, basePath: options.basePath, ...(options.agent ? { httpAgent: options.agent } : {}) });
    // Built now, while the decorator singleton holds this client's (empty) decorators.
    this.#crm = this.#client.crm;
    void [this.#crm.objects.basicApi, this.#crm.associations.v4.basicApi, this.#crm.properties.coreApi];
    this.#preferences = this.#client.communicationPreferences;
  }

  async search(type: string, groups: SearchFilter[][], properties: string[], after?: string): Promise<{ results: HubspotRecord[]; after?: string }> {
    const request: SearchRequest = {
      filterGroups: groups.map((filters) => ({ filters: filters as NonNullable<SearchRequest['filterGroups']>[number]['filters'] })),
      properties,
      limit: 200,
      sorts: [],
      ...(after ? { after } : {}),
    };
    const page = await this.call(`searching ${type}`, () => this.#crm.objects.searchApi.doSearch(type, request));
    return { results: page.results.map(plain), after: page.paging?.next?.after };
  }

  /** Reads one record of a type, or none: proves the token may read it. */
  async firstRecord(type: string): Promise<void> {
    await this.call(`reading ${type}`, () => this.#crm.objects.basicApi.getPage(type, 1));
  }

  /** One page (up to 500) of the ids associated with a record. */
  async associations(type: string, id: string, toType: string, after?: string): Promise<{ ids: string[]; after?: string }> {
    const page = await this.call(`listing the ${toType} of a ${type} record`, () => this.#crm.associations.v4.basicApi.getPage(type, id, toType, after, 500));
    return { ids: page.results.map((r) => String(r.toObjectId)), after: page.paging?.next?.after };
  }

  /** For up to 1,000 records, the ids of their associated `toType` records (first 500 each; more is marked by `more`). */
  async associationsOf(type: string, ids: string[], toType: string): Promise<Map<string, { ids: string[]; more: boolean }>> {
    const answer = await this.call(`reading the ${toType} associated with ${type}`, () =>
      this.#crm.associations.v4.batchApi.getPage(type, toType, { inputs: ids.map((id) => ({ id })) }),
    );
    return new Map(answer.results.map((r) => [String(r._from.id), { ids: r.to.map((t) => String(t.toObjectId)), more: Boolean(r.paging?.next) }]));
  }

  /** Up to 100 records; the ones that no longer exist are left out. */
  async batchRead(type: string, ids: string[], properties: string[]): Promise<HubspotRecord[]> {
    const answer = await this.call(`reading ${type}`, () => this.#crm.objects.batchApi.read(type, { inputs: ids.map((id) => ({ id })), properties, propertiesWithHistory: [] }));
    return answer.results.map(plain);
  }

  async batchUpdate(type: string, inputs: { id: string; properties: Record<string, string> }[]): Promise<void> {
    await this.call(`updating ${type}`, () => this.#crm.objects.batchApi.update(type, { inputs }));
  }

  /** Sets properties of one record; false when the record no longer exists. */
  async update(type: string, id: string, properties: Record<string, string>): Promise<boolean> {
    try {
      await this.call(`updating a ${type} record`, () => this.#crm.objects.basicApi.update(type, id, { properties }));
      return true;
    } catch (error) {
      if (error instanceof ConnectorError && httpFailureOf(error.cause)?.status === 404) return false;
      throw error;
    }
  }

  /** Archives up to 100 records (HubSpot answers 204 whether or not they still existed). */
  async batchArchive(type: string, ids: string[]): Promise<void> {
    await this.call(`deleting ${type}`, () => this.#crm.objects.batchApi.archive(type, { inputs: ids.map((id) => ({ id })) }));
  }

  /** GDPR delete of one contact; false when HubSpot no longer knows it. */
  async gdprDelete(contactId: string): Promise<boolean> {
    try {
      await this.request('permanently deleting a contact', 'POST', '/crm/v3/objects/contacts/gdpr-delete', { objectId: contactId });
      return true;
    } catch (error) {
      if (error instanceof ConnectorError && httpFailureOf(error.cause)?.status === 404) return false;
      throw error;
    }
  }

  async properties(type: string): Promise<HubspotProperty[]> {
    const answer = await this.call(`reading the properties of ${type}`, () => this.#crm.properties.coreApi.getAll(type));
    return answer.results.map((p) => ({ name: p.name, type: p.type, fieldType: p.fieldType, readOnly: Boolean(p.modificationMetadata?.readOnlyValue || p.calculated) }));
  }

  async accountDetails(): Promise<{ portalId: number }> {
    return (await this.request('reading the account details', 'GET', '/account-info/v3/details')) as { portalId: number };
  }

  /** The scopes the private app holds, or undefined when the token is not a private app's. */
  async tokenScopes(): Promise<string[] | undefined> {
    try {
      const info = (await this.request('reading the token scopes', 'POST', '/oauth/v2/private-apps/get/access-token-info', { tokenKey: this.#options.accessToken })) as { scopes?: unknown };
      return Array.isArray(info.scopes) ? info.scopes.map(String) : undefined;
    } catch (error) {
      if (error instanceof ConnectorError && error.kind !== 'unreachable' && error.kind !== 'timeout') return undefined;
      throw error;
    }
  }

  async subscriptions(email: string): Promise<SubscriptionState[]> {
    const answer = await this.call('reading email subscriptions', () => this.#preferences.statusApi.getEmailStatus(email));
    return answer.subscriptionStatuses.map((s) => ({ id: s.id, name: s.name, status: s.status as SubscriptionState['status'], legalBasis: s.legalBasis }));
  }

  /** `why`: the legal basis the subscription had and an explanation, which GDPR-enabled portals require on a status change. */
  async unsubscribe(email: string, subscriptionId: string, why?: { legalBasis?: string; legalBasisExplanation: string }): Promise<void> {
    const legalBasis = why?.legalBasis as UnsubscribeRequest['legalBasis'];
    const request: UnsubscribeRequest = { emailAddress: email, subscriptionId, ...(legalBasis ? { legalBasis } : {}), ...(why ? { legalBasisExplanation: why.legalBasisExplanation } : {}) };
    await this.call('unsubscribing from email', () => this.#preferences.statusApi.unsubscribe(request));
  }

  /** A call the client has no typed method for, through its own `apiRequest` (same base path, same token). */
  async request(what: string, method: string, path: string, body?: unknown): Promise<unknown> {
    return this.call(what, async () => {
      const response = await this.#client.apiRequest({ method, path, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      const json: unknown = text ? JSON.parse(text) : undefined;
      if (response.ok) return json;
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      throw new HubspotHttpError(response.status, json, headers);
    });
  }

  /** One call under the connector's policy (timeout, 429 waits, one 5xx retry, ConnectorErrors). */
  call<T>(what: string, run: () => Promise<T>): Promise<T> {
    return callHubspot(this.#options, what, run);
  }
}

function plain(record: { id: string; properties: Record<string, string | null> }): HubspotRecord {
  return { id: record.id, properties: { ...record.properties } };
}
