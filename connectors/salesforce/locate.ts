/**
 * Finding a person: Contacts, Leads and web Cases by email (SOQL compares text
 * case-insensitively), by phone (SOSL phone search ignores formatting; each
 * hit is then normalised to E.164 and compared), or by record id; then what
 * hangs off them — Cases, Tasks, Notes, campaign memberships and the Individual.
 */
import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone, type SubjectIdentity } from '../../core/identity.js';
import type { RecordRef } from '../sdk/contract.js';
import type { SalesforceApi, SfRecord } from './api.js';
import type { OrgCatalog } from './catalog.js';
import type { SubjectObjectName } from './config.js';
import { objectOfId, toLongId } from './ids.js';
import { soqlIn, soqlString } from './soql.js';

interface Found {
  refs: Map<string, RecordRef>;
  add(ref: RecordRef): void;
}

export interface LocateContext {
  api: SalesforceApi;
  catalog: OrgCatalog;
  defaultCountry: string;
  /** Names this connector answers to, for identities tied to one system. */
  systemNames: string[];
}

export async function locateSubject(ctx: LocateContext, identity: SubjectIdentity): Promise<RecordRef[]> {
  const found: Found = {
    refs: new Map(),
    add(ref) {
      if (!this.refs.has(ref.id)) this.refs.set(ref.id, ref);
    },
  };
  const has = (name: SubjectObjectName) => ctx.catalog.has(name);
  const direct = (['Contact', 'Lead', 'Case'] as const).filter(has);
  if (identity.email) {
    for (const object of direct) {
      const fields = ctx.catalog.get(object)!.model.email;
      const where = fields.map((f) => `${f} = ${soqlString(identity.email!)}`).join(' OR ');
      for (const r of await ctx.api.all({ object, action: 'read' }, `SELECT Id FROM ${object} WHERE ${where}`)) {
        found.add({ object, id: r.Id, matchedOn: 'email' });
      }
    }
  }
  // Only objects whose phone fields are of type phone: SOSL's phone search covers those alone.
  const phoned = direct.filter((name) => ctx.catalog.get(name)!.model.phone.some((f) => ctx.catalog.get(name)!.fields.get(f)?.type === 'phone'));
  if (identity.phone && phoned.length > 0) await locateByPhone(ctx, identity.phone, phoned, found);
  if (identity.externalId && (!identity.externalSystem || ctx.systemNames.includes(identity.externalSystem))) {
    const id = toLongId(identity.externalId);
    const object = id ? objectOfId(id) : undefined;
    if (id && object && (['Contact', 'Lead', 'Case', 'Individual'] as string[]).includes(object) && has(object as SubjectObjectName)) {
      const rows = await ctx.api.all({ object, action: 'read' }, `SELECT Id FROM ${object} WHERE Id = ${soqlString(id)}`);
      for (const r of rows) found.add({ object, id: r.Id, matchedOn: 'externalId' });
    }
  }
  await addRelated(ctx, found);
  return [...found.refs.values()];
}

async function locateByPhone(ctx: LocateContext, phone: string, objects: SubjectObjectName[], found: Found): Promise<void> {
  // The national number without its trunk prefix: "+33612345678" is stored as "06 12 34 56 78" or "+33 6 12 34 56 78".
  const digits = phone.replace(/\D/g, '').slice(-9);
  const returning = objects.map((name) => {
    const model = ctx.catalog.get(name)!.model;
    const fields = ['Id', ...model.phone.filter((f) => ctx.catalog.get(name)!.fields.get(f)?.type === 'phone')];
    const country = model.countryField && ctx.catalog.get(name)!.fields.has(model.countryField) ? model.countryField : undefined;
    return `${name}(${[...fields, ...(country ? [country] : [])].join(', ')})`;
  });
  const sosl = `FIND {${digits}} IN PHONE FIELDS RETURNING ${returning.join(', ')}`;
  const { searchRecords } = await ctx.api.search({ object: objects.join(', '), action: 'read' }, sosl);
  for (const record of searchRecords) {
    const object = record.attributes?.type as SubjectObjectName | undefined;
    if (!object || !ctx.catalog.has(object)) continue;
    const model = ctx.catalog.get(object)!.model;
    const country = countryCode(model.countryField ? record[model.countryField] : undefined) ?? ctx.defaultCountry;
    const matches = model.phone.some((f) => typeof record[f] === 'string' && normalisePhone(record[f] as string, country as CountryCode) === phone);
    if (matches) found.add({ object, id: record.Id, matchedOn: 'phone' });
  }
}

/** Salesforce country fields hold free text: "FR", "France", "GB"… Two letters are taken as ISO codes. */
function countryCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value.trim()) ? value.trim().toUpperCase() : undefined;
}

async function addRelated(ctx: LocateContext, found: Found): Promise<void> {
  const ids = (object: string) => [...found.refs.values()].filter((r) => r.object === object).map((r) => r.id);
  const contacts = ids('Contact');
  const leads = ids('Lead');
  const people = [...contacts, ...leads];
  if (people.length === 0 && ids('Case').length === 0) return;
  const related = async (object: SubjectObjectName, parentObject: 'Contact' | 'Lead' | 'Case', parentIds: string[]) => {
    const live = ctx.catalog.get(object);
    const via = live?.model.parents[parentObject];
    if (!live || !via) return;
    for (const chunk of chunks(parentIds)) {
      for await (const page of ctx.api.pages({ object, action: 'read' }, `SELECT Id, ${via} FROM ${object} WHERE ${via} IN ${soqlIn(chunk)}`)) {
        for (const r of page) found.add({ object, id: r.Id, matchedOn: 'relation', parent: { object: parentObject, id: String(r[via]) } });
      }
    }
  };
  await related('Case', 'Contact', contacts);
  for (const parent of ['Contact', 'Lead'] as const) {
    await related('Task', parent, parent === 'Contact' ? contacts : leads);
    await related('CampaignMember', parent, parent === 'Contact' ? contacts : leads);
  }
  for (const parent of ['Contact', 'Lead', 'Case'] as const) await related('Note', parent, ids(parent));
  if (ctx.catalog.has('Individual')) {
    for (const parent of ['Contact', 'Lead'] as const) {
      for (const chunk of chunks(ids(parent))) {
        const rows: SfRecord[] = await ctx.api.all({ object: parent, action: 'read' }, `SELECT Id, IndividualId FROM ${parent} WHERE Id IN ${soqlIn(chunk)} AND IndividualId != null`);
        for (const r of rows) found.add({ object: 'Individual', id: String(r.IndividualId), matchedOn: 'relation', parent: { object: parent, id: r.Id } });
      }
    }
  }
}

/** Ids per IN list: the query travels in the URL, which Salesforce caps at 16 KB. */
export function chunks<T>(items: T[], size = 300): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
