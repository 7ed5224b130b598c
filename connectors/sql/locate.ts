import type { CountryCode } from 'libphonenumber-js';
import { normalisePhone, type IdentifierKind, type SubjectIdentity } from '../../core/identity.js';
import type { RecordRef } from '../sdk/contract.js';
import type { ForeignKey } from './catalog.js';
import { batches, type SqlDriver, Statement } from './driver.js';
import { joinOn, keyColumns, keyOfRow, matchKeys } from './keys.js';
import type { Lookup, SqlModel } from './model.js';
import { ownedAlone } from './ownership.js';

export interface LocateOptions {
  defaultCountry: string;
  /** The connector's id and name: an external id meant for another system is not looked up here. */
  connector: { id: string; name: string };
}

/**
 * Finds the subject's rows, then follows foreign keys: down to the rows that
 * point at them (up to maxDepth), and up to the parent rows (an address) that
 * belong to this person alone.
 */
export async function locateSubject(driver: SqlDriver, model: SqlModel, identity: SubjectIdentity, options: LocateOptions): Promise<RecordRef[]> {
  const found = new Map<string, RecordRef>();
  const add = (ref: RecordRef) => {
    const key = `${ref.object}\u0000${ref.id}`;
    if (found.has(key)) return false;
    found.set(key, ref);
    return true;
  };
  // The queries of one step are independent: they run at once (the pool has several connections), their rows taken in order.
  const system = identity.externalSystem;
  const lookups = model.lookups.filter((l) => !(l.kind === 'externalId' && system && system !== options.connector.id && system !== options.connector.name));
  const matches = await Promise.all(lookups.map((lookup) => findByIdentifier(driver, model, lookup, identity, options.defaultCountry)));
  lookups.forEach((lookup, i) => {
    for (const id of matches[i]!) add({ object: lookup.subject, id, matchedOn: lookup.kind });
  });

  let frontier = [...found.values()];
  for (let depth = 1; depth <= model.maxDepth && frontier.length > 0; depth++) {
    const next: RecordRef[] = [];
    const from = frontier;
    const steps = model.children.map((fk) => ({ fk, ids: from.filter((ref) => ref.object === fk.refTable).map((ref) => ref.id) })).filter((step) => step.ids.length > 0);
    const reached = await Promise.all(steps.map(({ fk, ids }) => follow(driver, model, fk, 'down', ids)));
    steps.forEach(({ fk }, i) => {
      for (const [id, parentId] of reached[i]!) {
        const ref: RecordRef = { object: fk.table, id, matchedOn: 'relation', parent: { object: fk.refTable, id: parentId } };
        if (add(ref)) next.push(ref);
      }
    });
    frontier = next;
  }

  const subjects = new Set(model.lookups.map((l) => l.subject));
  const subjectRefs = [...found.values()].filter((ref) => subjects.has(ref.object));
  for (const fk of model.parents) {
    const ids = subjectRefs.filter((ref) => ref.object === fk.table).map((ref) => ref.id);
    for (const [id, childId] of await follow(driver, model, fk, 'up', ids)) {
      if (found.has(`${fk.refTable}\u0000${id}`) || !(await ownedAlone(driver, model, fk.refTable, id, found))) continue;
      add({ object: fk.refTable, id, matchedOn: 'relation', parent: { object: fk.table, id: childId } });
    }
  }
  return [...found.values()];
}

/** Pairs [row id, id of the row it was reached from] across one foreign key. */
async function follow(driver: SqlDriver, model: SqlModel, fk: ForeignKey, direction: 'down' | 'up', fromIds: string[]): Promise<[string, string][]> {
  const child = model.catalog.tables.get(fk.table)!;
  const parent = model.catalog.tables.get(fk.refTable)!;
  const [target, source] = direction === 'down' ? [child, parent] : [parent, child];
  const pairs: [string, string][] = [];
  for (const batch of batches(fromIds)) {
    const statement = new Statement(driver);
    const sourceKeys = source.primaryKey.map((c, i) => `s.${driver.quote(c)} AS s${i}`).join(', ');
    const [childAlias, parentAlias] = direction === 'down' ? ['t', 's'] : ['s', 't'];
    const rows = await driver.query(
      `SELECT DISTINCT ${keyColumns(driver, 't', target)}, ${sourceKeys} FROM ${driver.table(target.name)} t
       JOIN ${driver.table(source.name)} s ON ${joinOn(driver, childAlias, fk.columns, parentAlias, fk.refColumns)}
       WHERE ${matchKeys(statement, driver, 's', source, batch)}`,
      statement.params,
    );
    for (const row of rows) {
      const sourceRow = Object.fromEntries(source.primaryKey.map((_, i) => [`k${i}`, row[`s${i}`]]));
      pairs.push([keyOfRow(row, target.primaryKey.length), keyOfRow(sourceRow, source.primaryKey.length)]);
    }
  }
  return pairs;
}

async function findByIdentifier(driver: SqlDriver, model: SqlModel, lookup: Lookup, identity: SubjectIdentity, country: string): Promise<string[]> {
  const subject = model.catalog.tables.get(lookup.subject)!;
  const statement = new Statement(driver);
  let from = `${driver.table(subject.name)} s`;
  let holder = 's';
  if (lookup.via) {
    holder = 'o';
    const [childAlias, parentAlias] = lookup.via.table === subject.name ? ['s', 'o'] : ['o', 's'];
    from += ` JOIN ${driver.table(lookup.table)} o ON ${joinOn(driver, childAlias, lookup.via.columns, parentAlias, lookup.via.refColumns)}`;
  }
  const column = `${holder}.${driver.quote(lookup.column.name)}`;
  const where = condition(driver, statement, lookup, column, identity);
  if (!where) return [];
  const rows = await driver.query(`SELECT DISTINCT ${keyColumns(driver, 's', subject)}, ${column} AS v FROM ${from} WHERE ${where}`, statement.params);
  // SQL narrows phone candidates by their last digits; the exact match is decided on the normalised number.
  const matching = lookup.kind === 'phone' ? rows.filter((row) => phoneMatches(row.v, identity.phone!, country)) : rows;
  return [...new Set(matching.map((row) => keyOfRow(row, subject.primaryKey.length)))];
}

function condition(driver: SqlDriver, statement: Statement, lookup: Lookup, column: string, identity: SubjectIdentity): string | undefined {
  const kind: IdentifierKind = lookup.kind;
  if (kind === 'email' && identity.email) return `lower(trim(${column})) = ${statement.bind(identity.email)}`;
  if (kind === 'phone' && identity.phone) return `${driver.digitsOnly(column)} LIKE ${statement.bind(`%${identity.phone.slice(-7)}`)}`;
  if (kind === 'externalId' && identity.externalId) {
    const id = identity.externalId;
    if (lookup.column.kind === 'text') return `${column} = ${statement.bind(id)}`;
    if (lookup.column.kind === 'number') return /^-?\d+$/.test(id) ? `${column} = ${statement.bind(Number(id))}` : undefined;
    return `${driver.asText(column)} = ${statement.bind(id)}`;
  }
  return undefined;
}

/** Legacy phone columns hold national numbers, spaces, or international digits without `+`. */
export function phoneMatches(raw: unknown, e164: string, country: string): boolean {
  if (typeof raw !== 'string' && typeof raw !== 'number') return false;
  const text = String(raw);
  if (normalisePhone(text, country as CountryCode) === e164) return true;
  const digits = text.replace(/\D/g, '');
  if (digits.startsWith('00') && normalisePhone(`+${digits.slice(2)}`) === e164) return true;
  return digits.length >= 10 && normalisePhone(`+${digits}`) === e164;
}
