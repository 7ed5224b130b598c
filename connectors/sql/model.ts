import { type DataCategory, guessCategory, looksLikeFreeText } from '../../core/categories.js';
import { ConnectorError } from '../../core/errors.js';
import type { IdentifierKind } from '../../core/identity.js';
import type { FieldDescription, ObjectDescription, ObjectErasure } from '../sdk/contract.js';
import type { Catalog, Column, ForeignKey, Table } from './catalog.js';
import type { OptOutValue, SqlConfig } from './config.js';
import { defaultErasure, erasureOrder } from './erasure-defaults.js';
import { linkBetween } from './validate.js';

/** Categories whose columns are overwritten when a row is anonymised. */
const PERSONAL: ReadonlySet<DataCategory> = new Set(['identity', 'contact', 'location', 'communication', 'behavioural', 'special', 'criminal', 'financial']);
const IDENTIFIER_CATEGORY: Record<IdentifierKind, DataCategory> = { email: 'contact', phone: 'contact', externalId: 'identity' };

/** How a subject table is searched: a column of its own, or of a table joined to it. */
export interface Lookup {
  subject: string;
  kind: IdentifierKind;
  table: string;
  column: Column;
  via?: ForeignKey;
}

export interface TableModel {
  table: Table;
  role: 'subject' | 'child' | 'parent';
  description: ObjectDescription;
  /** Primary and foreign key columns: never overwritten. */
  keys: Set<string>;
  /** Columns anonymised by default. */
  personal: string[];
  /**
   * Anonymised only because kept rows may point at it: each row is still deleted
   * when nothing references it any more (an order without an invoice).
   */
  deleteWhenUnreferenced: boolean;
  restriction?: string;
  /** Columns and values recording an objection to direct marketing (Art. 21). */
  optOut?: Record<string, OptOutValue>;
}

export interface SqlModel {
  catalog: Catalog;
  tables: Map<string, TableModel>;
  lookups: Lookup[];
  /** child → parent keys followed downwards from subject rows. */
  children: ForeignKey[];
  /** subject → parent keys to parent rows that may belong to the person alone. */
  parents: ForeignKey[];
  maxDepth: number;
  /** Tables whose rows reference others come first. */
  erasureOrder: string[];
}

interface Reach {
  role: TableModel['role'];
  relation?: ObjectDescription['relation'];
}

/**
 * The personal-data map of the database: the subject tables, their child tables
 * (rows pointing at the person) up to `maxDepth`, and their direct parent tables
 * holding personal columns (an address, not a store or a city).
 */
export function buildModel(catalog: Catalog, config: SqlConfig): SqlModel {
  const skip = new Set(config.skipTables ?? []);
  const usable = (name: string) => !skip.has(name) && (catalog.tables.get(name)?.primaryKey.length ?? 0) > 0;
  const maxDepth = config.maxDepth ?? 3;
  const reach = new Map<string, Reach>(config.subjects.map((s) => [s.table, { role: 'subject' }]));
  const lookups = config.subjects.flatMap((s) => lookupsOf(catalog, s));

  const children: ForeignKey[] = [];
  let frontier = config.subjects.map((s) => s.table);
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const parent of frontier) {
      for (const fk of catalog.foreignKeys) {
        if (fk.refTable !== parent || fk.table === parent || !usable(fk.table) || children.includes(fk)) continue;
        children.push(fk);
        if (!reach.has(fk.table)) {
          reach.set(fk.table, { role: 'child', relation: { parent, via: `${fk.table}.${fk.columns.join(',')}` } });
          next.push(fk.table);
        }
      }
    }
    frontier = next;
  }

  const draft = (name: string) => describeColumns(catalog.tables.get(name)!, config, lookups, catalog);
  const parents: ForeignKey[] = [];
  for (const subject of config.subjects) {
    for (const fk of catalog.foreignKeys) {
      if (fk.table !== subject.table || fk.refTable === fk.table || !usable(fk.refTable)) continue;
      const viaLookup = lookups.some((l) => l.via === fk);
      if (!viaLookup && draft(fk.refTable).personal.length === 0) continue; // reference data: cities, stores, products
      parents.push(fk);
      if (!reach.has(fk.refTable)) reach.set(fk.refTable, { role: 'parent', relation: { parent: subject.table, via: `${fk.table}.${fk.columns.join(',')}` } });
    }
  }

  for (const [setting, perTable] of Object.entries({ erasure: config.erasure, optOut: config.optOut })) {
    for (const name of Object.keys(perTable ?? {})) {
      if (reach.has(name)) continue;
      throw new ConnectorError('configuration', `${setting}.${name}: table "${name}" is not related to any subject table (within maxDepth ${maxDepth})`);
    }
  }
  const names = [...reach.keys()];
  const strategies = defaultErasure(names, [...children, ...parents], config.erasure ?? {});
  const tables = new Map<string, TableModel>();
  for (const [name, { role, relation }] of reach) {
    const { fields, keys, personal } = draft(name);
    const erasure: ObjectErasure = { ...strategies.get(name)! };
    if (erasure.strategy === 'anonymise' && !erasure.fields) erasure.fields = personal;
    const description: ObjectDescription = { name, fields, erasure, source: `table ${name}` };
    if (relation) description.relation = relation;
    const deleteWhenUnreferenced = erasure.strategy === 'anonymise' && !config.erasure?.[name];
    const model: TableModel = { table: catalog.tables.get(name)!, role, description, keys, personal, deleteWhenUnreferenced };
    const restriction = config.restriction?.[name];
    if (restriction) model.restriction = restriction;
    const optOut = config.optOut?.[name];
    if (optOut) model.optOut = optOut;
    tables.set(name, model);
  }
  return { catalog, tables, lookups, children, parents, maxDepth, erasureOrder: erasureOrder(names, catalog.foreignKeys) };
}

function lookupsOf(catalog: Catalog, subject: SqlConfig['subjects'][number]): Lookup[] {
  const lookups: Lookup[] = [];
  for (const kind of ['email', 'phone', 'externalId'] as const) {
    const spec = subject.identity[kind];
    if (!spec) continue;
    const [table, column] = spec.includes('.') ? (spec.split('.') as [string, string]) : [subject.table, spec];
    const lookup: Lookup = { subject: subject.table, kind, table, column: catalog.tables.get(table)!.columns.find((c) => c.name === column)! };
    if (table !== subject.table) lookup.via = linkBetween(catalog, subject.table, table)!;
    lookups.push(lookup);
  }
  return lookups;
}

function describeColumns(table: Table, config: SqlConfig, lookups: Lookup[], catalog: Catalog) {
  const keys = new Set(table.primaryKey);
  for (const fk of catalog.foreignKeys) {
    if (fk.table === table.name) fk.columns.forEach((c) => keys.add(c));
    if (fk.refTable === table.name) fk.refColumns.forEach((c) => keys.add(c));
  }
  const names = new Set(config.subjects.find((s) => s.table === table.name)?.name ?? []);
  const overrides = config.categories?.[table.name] ?? {};
  const personal: string[] = [];
  const fields = table.columns.map((column): FieldDescription => {
    const identifier = lookups.find((l) => l.table === table.name && l.column.name === column.name)?.kind;
    const key = keys.has(column.name);
    const category: DataCategory =
      overrides[column.name] ??
      (identifier ? IDENTIFIER_CATEGORY[identifier] : names.has(column.name) ? 'identity' : key ? 'technical' : guessCategory(column.name, column.type));
    const field: FieldDescription = { name: column.name, type: column.type, category, nullable: column.nullable };
    if (identifier) field.identifier = identifier;
    if (key) field.key = true;
    if (!key && looksLikeFreeText(column.name, column.type)) field.freeText = true;
    // Amounts stay (accounting needs them); card numbers and IBANs, held as text, go.
    const personalValue = PERSONAL.has(category) && !(category === 'financial' && column.kind === 'number');
    if (!key && (identifier || field.freeText || personalValue)) personal.push(column.name);
    return field;
  });
  return { fields, keys, personal };
}
