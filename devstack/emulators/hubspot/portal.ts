/**
 * The emulated portal's data: CRM records per object type, the associations
 * between them (with HubSpot's association type ids), email subscriptions and
 * the GDPR blocklist. Handlers read and change it; tests inspect it.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { CRM_OBJECT_TYPES, type CrmObjectType } from './properties.js';

export interface CrmRecord {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
}

/** HubSpot-defined association type ids, from → to. */
const ASSOCIATION_TYPE_IDS: Record<string, number> = {
  'deals:contacts': 3, 'contacts:deals': 4, 'contacts:tickets': 15, 'tickets:contacts': 16,
  'deals:tickets': 27, 'tickets:deals': 28, 'contacts:calls': 193, 'calls:contacts': 194,
  'contacts:emails': 197, 'emails:contacts': 198, 'contacts:notes': 201, 'notes:contacts': 202,
  'deals:calls': 205, 'calls:deals': 206, 'deals:emails': 209, 'emails:deals': 210,
  'deals:notes': 213, 'notes:deals': 214, 'tickets:calls': 219, 'calls:tickets': 220,
  'tickets:emails': 223, 'emails:tickets': 224, 'tickets:notes': 227, 'notes:tickets': 228,
};

export function associationTypeId(from: CrmObjectType, to: CrmObjectType): number | undefined {
  return ASSOCIATION_TYPE_IDS[`${from}:${to}`];
}

/** `contact`, `contacts` and the type id `0-1` all name the same object type. */
const ALIASES: Record<string, CrmObjectType> = {
  contact: 'contacts', '0-1': 'contacts', note: 'notes', '0-46': 'notes', email: 'emails', '0-49': 'emails',
  call: 'calls', '0-48': 'calls', ticket: 'tickets', '0-5': 'tickets', deal: 'deals', '0-3': 'deals',
};

export function objectTypeOf(name: string): CrmObjectType | undefined {
  const lower = name.toLowerCase();
  return (CRM_OBJECT_TYPES as readonly string[]).includes(lower) ? (lower as CrmObjectType) : ALIASES[lower];
}

/** Ids look like a real portal's: 11-digit numbers, different ranges per type. */
const ID_BASES: Record<CrmObjectType, number> = {
  contacts: 51_823_400_101, notes: 60_114_872_301, emails: 60_114_990_457, calls: 60_115_230_019, tickets: 18_224_610_077, deals: 27_904_130_553,
};

export interface SubscriptionStatus {
  status: 'SUBSCRIBED' | 'NOT_SUBSCRIBED';
  legalBasis?: string;
  legalBasisExplanation?: string;
}

export class PortalState {
  readonly portalId = 146_733_321;
  readonly records: Record<CrmObjectType, Map<string, CrmRecord>> = {
    contacts: new Map(), notes: new Map(), emails: new Map(), calls: new Map(), tickets: new Map(), deals: new Map(),
  };
  /** `from:id:to` → ids of the associated records. */
  readonly #links = new Map<string, Set<string>>();
  /** Lower-cased email → subscription id → status. */
  readonly subscriptions = new Map<string, Map<string, SubscriptionStatus>>();
  /** Emails of GDPR-deleted contacts: they cannot be added back. */
  readonly blocklist = new Set<string>();
  readonly #sequence: Record<CrmObjectType, number> = { contacts: 0, notes: 0, emails: 0, calls: 0, tickets: 0, deals: 0 };
  #clock = Date.parse('2024-01-08T08:00:00.000Z');

  /** A deterministic, ever-increasing timestamp, so seeded data looks the same on every start. */
  tick(stepMs = 3_600_000): string {
    this.#clock += stepMs;
    return new Date(this.#clock).toISOString();
  }

  create(type: CrmObjectType, properties: Record<string, string | null>, at = this.tick()): CrmRecord {
    const id = String(ID_BASES[type] + ++this.#sequence[type] * 37);
    const record: CrmRecord = { id, properties: {}, createdAt: at, updatedAt: at };
    this.records[type].set(id, record);
    this.update(type, record, properties, at);
    return record;
  }

  /** Sets properties and the ones HubSpot computes from them. */
  update(type: CrmObjectType, record: CrmRecord, properties: Record<string, string | null>, at = new Date().toISOString()): void {
    for (const [name, value] of Object.entries(properties)) record.properties[name] = value === '' ? null : value;
    record.updatedAt = at;
    const p = record.properties;
    p.hs_object_id = record.id;
    const [created, modified] = type === 'contacts' ? ['createdate', 'lastmodifieddate'] : type === 'tickets' || type === 'deals' ? ['createdate', 'hs_lastmodifieddate'] : ['hs_createdate', 'hs_lastmodifieddate'];
    p[created!] = record.createdAt;
    p[modified!] = at;
    if (type === 'contacts') {
      // Kept as typed; searches and the uniqueness check ignore case.
      if (p.email) p.email = p.email.trim();
      const country = countryCode(p.country);
      p.hs_searchable_calculated_phone_number = nationalDigits(p.phone, country);
      p.hs_searchable_calculated_mobile_number = nationalDigits(p.mobilephone, country);
      p.hs_calculated_phone_number = e164(p.phone, country);
    }
    if (type === 'emails' && p.hs_email_headers) {
      const headers = parseHeaders(p.hs_email_headers);
      p.hs_email_from_email = headers.from ?? null;
      p.hs_email_to_email = headers.to.join(';') || null;
    }
  }

  get(type: CrmObjectType, id: string): CrmRecord | undefined {
    return this.records[type].get(id);
  }

  /** Removes a record and every association it had. */
  remove(type: CrmObjectType, id: string): boolean {
    if (!this.records[type].delete(id)) return false;
    for (const to of CRM_OBJECT_TYPES) for (const other of this.associated(type, id, to)) this.unassociate(type, id, to, other);
    return true;
  }

  associate(from: CrmObjectType, fromId: string, to: CrmObjectType, toId: string): void {
    this.#set(from, fromId, to).add(toId);
    this.#set(to, toId, from).add(fromId);
  }

  unassociate(from: CrmObjectType, fromId: string, to: CrmObjectType, toId: string): void {
    this.#links.get(`${from}:${fromId}:${to}`)?.delete(toId);
    this.#links.get(`${to}:${toId}:${from}`)?.delete(fromId);
  }

  /** Ids of the `to` records associated with one record, in id order. */
  associated(from: CrmObjectType, fromId: string, to: CrmObjectType): string[] {
    return [...(this.#links.get(`${from}:${fromId}:${to}`) ?? [])].sort(byNumericId);
  }

  findContactByEmail(email: string): CrmRecord | undefined {
    const wanted = email.trim().toLowerCase();
    for (const record of this.records.contacts.values()) if (record.properties.email?.toLowerCase() === wanted) return record;
    return undefined;
  }

  #set(from: CrmObjectType, id: string, to: CrmObjectType): Set<string> {
    const key = `${from}:${id}:${to}`;
    let set = this.#links.get(key);
    if (!set) this.#links.set(key, (set = new Set()));
    return set;
  }
}

export function byNumericId(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const COUNTRIES: Record<string, CountryCode> = { france: 'FR', 'united kingdom': 'GB', italy: 'IT', germany: 'DE', czechia: 'CZ', 'united states': 'US' };

/** Numbers written without a country code are read in the contact's country, as HubSpot does. */
function countryCode(country: string | null | undefined): CountryCode {
  const name = country?.trim() ?? '';
  if (/^[A-Za-z]{2}$/.test(name)) return name.toUpperCase() as CountryCode;
  return COUNTRIES[name.toLowerCase()] ?? 'US';
}

/** HubSpot's searchable phone: the national number's digits, without country code or trunk prefix. */
function nationalDigits(raw: string | null | undefined, country: CountryCode): string | null {
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.nationalNumber ? String(parsed.nationalNumber) : raw.replace(/\D/g, '') || null;
}

function e164(raw: string | null | undefined, country: CountryCode): string | null {
  if (!raw) return null;
  return parsePhoneNumberFromString(raw, country)?.number ?? null;
}

function parseHeaders(raw: string): { from?: string; to: string[] } {
  try {
    const headers = JSON.parse(raw) as { from?: { email?: string }; to?: { email?: string }[] };
    return { from: headers.from?.email, to: (headers.to ?? []).map((t) => t.email ?? '').filter(Boolean) };
  } catch {
    return { to: [] };
  }
}
