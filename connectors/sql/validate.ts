import { ConnectorError } from '../../core/errors.js';
import { type Catalog, type ForeignKey, closestName, columnOf } from './catalog.js';
import type { SqlConfig } from './config.js';
import { optOutValueProblem } from './opt-out-values.js';

/** The foreign key joining two tables, in either direction. */
export function linkBetween(catalog: Catalog, a: string, b: string): ForeignKey | undefined {
  return catalog.foreignKeys.find((fk) => (fk.table === a && fk.refTable === b) || (fk.table === b && fk.refTable === a));
}

/**
 * Checks every table and column the config names against the database, and
 * throws one configuration error listing each problem with a suggestion.
 */
export function validateAgainstCatalog(catalog: Catalog, config: SqlConfig, where: string): void {
  const problems: string[] = [];
  const table = (name: string, path: string) => {
    const found = catalog.tables.get(name);
    if (!found) {
      const guess = closestName(name, catalog.tables.keys());
      problems.push(`${path}: table "${name}" does not exist in ${where}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    return found;
  };
  const column = (tableName: string, name: string, path: string) => {
    const t = catalog.tables.get(tableName);
    if (t && !columnOf(t, name)) {
      const guess = closestName(name, t.columns.map((c) => c.name));
      problems.push(`${path}: column "${name}" does not exist in table "${tableName}"${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
  };

  config.subjects.forEach((subject, i) => {
    const t = table(subject.table, `subjects.${i}.table`);
    if (!t) return;
    if (t.primaryKey.length === 0) problems.push(`subjects.${i}.table: table "${subject.table}" has no primary key, so its rows cannot be pointed at`);
    for (const [kind, spec] of Object.entries(subject.identity)) {
      if (!spec) continue;
      const [other, col] = spec.includes('.') ? (spec.split('.') as [string, string]) : [subject.table, spec];
      const path = `subjects.${i}.identity.${kind}`;
      if (other !== subject.table) {
        if (!table(other, path)) continue;
        if (!linkBetween(catalog, subject.table, other)) problems.push(`${path}: no foreign key joins "${subject.table}" and "${other}"`);
      }
      column(other, col, path);
    }
    subject.name?.forEach((n, j) => column(subject.table, n, `subjects.${i}.name.${j}`));
  });
  config.skipTables?.forEach((name, i) => table(name, `skipTables.${i}`));
  for (const [name, columns] of Object.entries(config.categories ?? {})) {
    if (table(name, `categories.${name}`)) for (const col of Object.keys(columns)) column(name, col, `categories.${name}.${col}`);
  }
  for (const [name, erasure] of Object.entries(config.erasure ?? {})) {
    if (table(name, `erasure.${name}`)) erasure.fields?.forEach((f, j) => column(name, f, `erasure.${name}.fields.${j}`));
  }
  for (const [name, col] of Object.entries(config.restriction ?? {})) {
    if (table(name, `restriction.${name}`)) column(name, col, `restriction.${name}`);
  }
  for (const [name, columns] of Object.entries(config.optOut ?? {})) {
    const t = table(name, `optOut.${name}`);
    if (!t) continue;
    for (const [col, value] of Object.entries(columns)) {
      const found = columnOf(t, col);
      const isKey = t.primaryKey.includes(col) || catalog.foreignKeys.some((fk) => fk.table === name && fk.columns.includes(col));
      if (!found) column(name, col, `optOut.${name}.${col}`);
      else if (isKey) problems.push(`optOut.${name}.${col}: "${col}" is a key column of "${name}", not a marketing flag`);
      else {
        const problem = optOutValueProblem(found, value);
        if (problem) problems.push(`optOut.${name}.${col}: ${problem}`);
      }
    }
  }
  if (problems.length > 0) throw new ConnectorError('configuration', problems.join('; '));
}
