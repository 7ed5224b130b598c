import { objectOfId, toLongId } from '../../../connectors/salesforce/ids.js';
import { SfError, entityDeleted, notFound } from './errors.js';
import { fieldNamed, objectNamed, type FieldDef, type ObjectDef } from './schema.js';
import { checkWrite } from './validation.js';

export type SfValue = string | number | boolean | null;
export type StoredRecord = Record<string, SfValue> & { Id: string };
export type Access = { read: boolean; create: boolean; edit: boolean; delete: boolean };

const FULL_ACCESS: Access = { read: true, create: true, edit: true, delete: true };
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Salesforce's datetime format: `2024-03-12T09:15:00.000+0000`. */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/**
 * The emulated org: records of every object (deleted ones stay in the recycle
 * bin with IsDeleted = true, as queryAll shows), the integration user's object
 * permissions, and the daily API request counter.
 */
export class OrgState {
  readonly orgId = toLongId('00D5g000004Gard')!;
  readonly userId: string;
  apiRequests = 0;
  apiRequestLimit = 100_000;
  readonly #records = new Map<string, StoredRecord>();
  readonly #sequences = new Map<string, number>();
  readonly #access = new Map<string, Access>();

  constructor() {
    this.userId = this.newId('005');
  }

  newId(prefix: string): string {
    const next = (this.#sequences.get(prefix) ?? 0) + 1;
    this.#sequences.set(prefix, next);
    let n = next;
    let seq = '';
    for (let i = 0; i < 6; i++, n = Math.floor(n / 62)) seq = BASE62[n % 62] + seq;
    return toLongId(`${prefix}5g0000${seq}`)!;
  }

  object(name: string): ObjectDef {
    const def = objectNamed(name);
    if (!def) throw new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');
    return def;
  }

  access(object: string): Access {
    return this.#access.get(object) ?? FULL_ACCESS;
  }

  /** Changes what the integration user's profile allows on an object (tests use it to remove a permission). */
  setAccess(object: string, access: Partial<Access>): void {
    this.#access.set(object, { ...this.access(object), ...access });
  }

  /** The record with this id, deleted or not; undefined when no such id was ever issued. */
  find(id: string): StoredRecord | undefined {
    const long = toLongId(id);
    return long ? this.#records.get(long) : undefined;
  }

  /** A live record of the given object; NOT_FOUND / ENTITY_IS_DELETED as the API answers. */
  live(object: ObjectDef, id: string): StoredRecord {
    const record = this.find(id);
    if (!record || !record.Id.startsWith(object.keyPrefix)) throw notFound();
    if (record.IsDeleted) throw entityDeleted();
    return record;
  }

  *records(object: ObjectDef, options: { includeDeleted?: boolean } = {}): Iterable<StoredRecord> {
    for (const record of this.#records.values()) {
      if (!record.Id.startsWith(object.keyPrefix)) continue;
      if (record.IsDeleted && !options.includeDeleted) continue;
      yield record;
    }
  }

  insert(objectName: string, values: Record<string, unknown>, options: { system?: boolean } = {}): StoredRecord {
    const object = this.object(objectName);
    const checked = checkWrite(this, object, values, 'create', options.system ?? false);
    const now = sfDateTime(new Date());
    const record: StoredRecord = { Id: this.newId(object.keyPrefix) };
    for (const f of object.fields) {
      if (f.type === 'address' || f.type === 'id' || f.calculated) continue;
      record[f.name] = f.defaultValue ?? null;
    }
    Object.assign(record, {
      IsDeleted: false,
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      CreatedById: this.userId,
      LastModifiedById: this.userId,
      ...(fieldNamed(object, 'OwnerId') ? { OwnerId: this.userId } : {}),
      ...(object.name === 'Case' ? { CaseNumber: String(this.#nextCaseNumber()).padStart(8, '0') } : {}),
      ...checked,
    });
    this.#records.set(record.Id, record);
    return record;
  }

  update(object: ObjectDef, id: string, values: Record<string, unknown>): StoredRecord {
    const record = this.live(object, id);
    const checked = checkWrite(this, object, values, 'update', false);
    const now = sfDateTime(new Date());
    Object.assign(record, checked, { LastModifiedDate: now, SystemModstamp: now, LastModifiedById: this.userId });
    return record;
  }

  /** Moves a record to the recycle bin, with what Salesforce deletes alongside it. */
  delete(object: ObjectDef, id: string): void {
    const record = this.live(object, id);
    if (object.name === 'Contact' || object.name === 'Account') {
      const cases = [...this.records(this.object('Case'))].filter((c) => c[`${object.name}Id`] === record.Id);
      if (cases.length > 0) {
        throw new SfError(400, 'DELETE_FAILED', `Your attempt to delete ${this.label(record)} could not be completed because it is associated with the following cases.: ${cases.map((c) => c.CaseNumber).join(', ')}`);
      }
    }
    record.IsDeleted = true;
    record.SystemModstamp = sfDateTime(new Date());
    if (!['Contact', 'Lead', 'Individual'].includes(object.name)) return;
    for (const other of this.#records.values()) {
      if (other.IsDeleted) continue;
      const type = objectOfId(other.Id);
      const cascades =
        (type === 'Note' && other.ParentId === record.Id) ||
        (type === 'CampaignMember' && (other.ContactId === record.Id || other.LeadId === record.Id)) ||
        (type === 'Task' && other.WhoId === record.Id);
      if (cascades) other.IsDeleted = true;
      if (object.name === 'Individual' && other.IndividualId === record.Id) other.IndividualId = null;
    }
  }

  /** Saves every record's current state; calling the result puts it back (all-or-none requests). */
  checkpoint(): () => void {
    const saved = new Map([...this.#records].map(([id, record]) => [id, { ...record }]));
    return () => {
      this.#records.clear();
      for (const [id, record] of saved) this.#records.set(id, record);
    };
  }

  /** A record as the API shows it: stored fields plus the calculated ones. */
  view(object: ObjectDef, record: StoredRecord, field: FieldDef): unknown {
    if (field.name === 'Name' && field.calculated) {
      return [record.FirstName, record.LastName].filter((v) => v != null && v !== '').join(' ');
    }
    if (field.type === 'address') {
      return Object.fromEntries(Object.entries(field.components ?? {}).map(([key, name]) => [key, record[name] ?? null]));
    }
    if (object.name === 'CampaignMember' && ['FirstName', 'LastName', 'Email', 'Phone'].includes(field.name)) {
      const person = this.find(String(record.ContactId ?? record.LeadId ?? ''));
      return person && !person.IsDeleted ? (person[field.name] ?? null) : null;
    }
    return record[field.name] ?? null;
  }

  label(record: StoredRecord): string {
    return String(record.Name ?? [record.FirstName, record.LastName].filter(Boolean).join(' ') ?? record.Id);
  }

  #nextCaseNumber(): number {
    return 1000 + [...this.records(this.object('Case'), { includeDeleted: true })].length + 1;
  }
}
