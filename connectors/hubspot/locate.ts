/**
 * Finds the subject's contacts by CRM search (email in any case, phone in any
 * written form, external id), then what is associated with them: notes,
 * emails, calls, tickets and deals, page by page.
 */
import { ConnectorError } from '../../core/errors.js';
import type { IdentifierKind, SubjectIdentity } from '../../core/identity.js';
import type { RecordRef } from '../sdk/contract.js';
import type { HubspotApi, SearchFilter } from './api.js';
import type { HubspotModel } from './model.js';
import { phoneForms, samePhone } from './phone.js';

export interface LocateOptions {
  defaultCountry: string;
  /** An external id meant for another system is not looked up here. */
  connector: { id: string; name: string };
}

export async function locateSubject(api: HubspotApi, model: HubspotModel, identity: SubjectIdentity, options: LocateOptions): Promise<RecordRef[]> {
  const contacts = new Map<string, IdentifierKind>();
  const found = (ids: string[], kind: IdentifierKind) => {
    for (const id of ids) if (!contacts.has(id)) contacts.set(id, kind);
  };
  if (identity.email) found(await byEmail(api, model, identity.email), 'email');
  if (identity.phone) found(await byPhone(api, model, identity.phone, options.defaultCountry), 'phone');
  const system = identity.externalSystem;
  if (identity.externalId && (!system || system === options.connector.id || system === options.connector.name)) {
    found(await byExternalId(api, model, identity.externalId), 'externalId');
  }

  const refs: RecordRef[] = [...contacts].map(([id, matchedOn]) => ({ object: 'contacts', id, matchedOn }));
  const seen = new Set(refs.map((r) => `${r.object}:${r.id}`));
  for (const contactId of contacts.keys()) {
    for (const type of model.objects.filter((o) => o !== 'contacts')) {
      let after: string | undefined;
      do {
        const page = await api.associations('contacts', contactId, type, after);
        for (const id of page.ids) {
          if (seen.has(`${type}:${id}`)) continue;
          seen.add(`${type}:${id}`);
          refs.push({ object: type, id, matchedOn: 'relation', parent: { object: 'contacts', id: contactId } });
        }
        after = page.after;
      } while (after);
    }
  }
  return refs;
}

/** Every page of a contact search; HubSpot itself stops at 10,000 results. */
async function searchContacts(api: HubspotApi, groups: SearchFilter[][], properties: string[]) {
  const results = [];
  let after: string | undefined;
  do {
    const page = await api.search('contacts', groups, properties, after);
    results.push(...page.results);
    after = page.after;
  } while (after);
  return results;
}

async function existing(model: HubspotModel, names: string[]): Promise<string[]> {
  const known = new Set(await model.propertyNames('contacts'));
  return names.filter((n) => known.has(n));
}

async function byEmail(api: HubspotApi, model: HubspotModel, email: string): Promise<string[]> {
  // HubSpot compares text without regard to case; secondary addresses sit in a `;`-separated list.
  const groups: SearchFilter[][] = [[{ propertyName: 'email', operator: 'EQ', value: email }]];
  if ((await existing(model, ['hs_additional_emails'])).length > 0) groups.push([{ propertyName: 'hs_additional_emails', operator: 'CONTAINS_TOKEN', value: email }]);
  return (await searchContacts(api, groups, ['email'])).map((c) => c.id);
}

async function byPhone(api: HubspotApi, model: HubspotModel, e164: string, defaultCountry: string): Promise<string[]> {
  const forms = phoneForms(e164);
  const [written, searchable] = await Promise.all([
    existing(model, ['phone', 'mobilephone']),
    existing(model, ['hs_searchable_calculated_phone_number', 'hs_searchable_calculated_mobile_number']),
  ]);
  const groups: SearchFilter[][] = [
    ...written.map((propertyName): SearchFilter[] => [{ propertyName, operator: 'IN', values: forms.written }]),
    ...searchable.map((propertyName): SearchFilter[] => [{ propertyName, operator: 'EQ', value: forms.nationalDigits }]),
  ];
  if (groups.length === 0) return [];
  // The searchable form drops the country code: keep only the contacts whose number really is this one.
  const candidates = await searchContacts(api, groups, written);
  return candidates.filter((c) => written.some((p) => samePhone(c.properties[p], e164, defaultCountry))).map((c) => c.id);
}

async function byExternalId(api: HubspotApi, model: HubspotModel, externalId: string): Promise<string[]> {
  const property = model.externalIdProperty;
  if (property === 'hs_object_id' && !/^\d+$/.test(externalId)) return [];
  if ((await existing(model, [property])).length === 0) {
    throw new ConnectorError('configuration', `externalIdProperty "${property}" is not a contact property of this HubSpot portal: name an existing one in the connector's config`);
  }
  return (await searchContacts(api, [[{ propertyName: property, operator: 'EQ', value: externalId }]], [property])).map((c) => c.id);
}
