/**
 * What a database holds, read from its own catalog: tables, columns, keys.
 * Each dialect fills it from its system tables; the rest of the connector only
 * sees this shape.
 */
export type ValueKind = 'text' | 'number' | 'date' | 'time' | 'boolean' | 'binary' | 'other';

export interface Column {
  name: string;
  /** The database's own type name, e.g. `character varying(50)`, `SMALLINT UNSIGNED`. */
  type: string;
  kind: ValueKind;
  nullable: boolean;
  maxLength?: number;
}

export interface Table {
  name: string;
  columns: Column[];
  /** Empty when the table has none: such tables are never followed (rows could not be pointed at). */
  primaryKey: string[];
}

/** `table.columns` reference `refTable.refColumns`. */
export interface ForeignKey {
  table: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
}

export interface Catalog {
  tables: Map<string, Table>;
  foreignKeys: ForeignKey[];
}

export interface CatalogRows {
  columns: { table: string; name: string; type: string; nullable: boolean; maxLength?: number | null }[];
  primaryKeys: { table: string; column: string; position: number }[];
  foreignKeys: { name: string; table: string; column: string; refTable: string; refColumn: string; position: number }[];
}

export function kindOfType(type: string): ValueKind {
  const t = type.toLowerCase();
  if (/^(bool|boolean)\b/.test(t) || t === 'tinyint(1)') return 'boolean';
  if (/(char|text|clob|citext|^name$|^string)/.test(t)) return 'text';
  if (/((^|[^a-z])(tiny|small|medium|big)?int(eger)?\d*\b|numeric|decimal|real|double|float|money|serial|number)/.test(t)) return 'number';
  if (/^time\b/.test(t)) return 'time';
  if (/(date|time|year)/.test(t)) return 'date';
  if (/(bytea|blob|binary)/.test(t)) return 'binary';
  // SQLite accepts a column without a declared type: it holds whatever was stored, usually text.
  if (t === '') return 'text';
  return 'other';
}

/** Builds the catalog from the rows every dialect's system tables yield. */
export function catalogFrom(rows: CatalogRows): Catalog {
  const tables = new Map<string, Table>();
  for (const c of rows.columns) {
    let table = tables.get(c.table);
    if (!table) tables.set(c.table, (table = { name: c.table, columns: [], primaryKey: [] }));
    const column: Column = { name: c.name, type: c.type, kind: kindOfType(c.type), nullable: c.nullable };
    if (c.maxLength != null && Number(c.maxLength) > 0) column.maxLength = Number(c.maxLength);
    table.columns.push(column);
  }
  for (const pk of [...rows.primaryKeys].sort((a, b) => a.position - b.position)) {
    tables.get(pk.table)?.primaryKey.push(pk.column);
  }
  const grouped = new Map<string, ForeignKey>();
  for (const fk of [...rows.foreignKeys].sort((a, b) => a.position - b.position)) {
    const id = `${fk.table}\u0000${fk.name}`;
    let key = grouped.get(id);
    if (!key) grouped.set(id, (key = { table: fk.table, columns: [], refTable: fk.refTable, refColumns: [] }));
    key.columns.push(fk.column);
    key.refColumns.push(fk.refColumn);
  }
  // Partitioned tables (PostgreSQL) repeat one key per partition: keep each once.
  const unique = new Map<string, ForeignKey>();
  for (const fk of grouped.values()) {
    if (!tables.has(fk.table) || !tables.has(fk.refTable)) continue;
    unique.set(`${fk.table}(${fk.columns.join()})>${fk.refTable}(${fk.refColumns.join()})`, fk);
  }
  return { tables, foreignKeys: [...unique.values()] };
}

export function columnOf(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The closest existing name, to turn a typo into an actionable message. */
export function closestName(wanted: string, names: Iterable<string>): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(wanted.toLowerCase(), name.toLowerCase());
    if (distance <= Math.max(2, Math.floor(wanted.length / 3)) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
