/** The values an opt-out config writes: checked against the column once, compared and bound the same way on every dialect. */
import type { Column } from './catalog.js';
import type { OptOutValue } from './config.js';

/** Why the value cannot go into the column, in words for the config's author; undefined when it can. */
export function optOutValueProblem(column: Column, value: OptOutValue): string | undefined {
  if (value === null) return column.nullable ? undefined : `column "${column.name}" is NOT NULL: give the value that means "no marketing"`;
  switch (column.kind) {
    case 'boolean':
      return typeof value === 'boolean' || value === 0 || value === 1 ? undefined : `column "${column.name}" is boolean: give true or false`;
    case 'number':
      return typeof value === 'number' || typeof value === 'boolean' ? undefined : `column "${column.name}" is numeric (${column.type}): give a number`;
    default:
      return typeof value === 'string' ? undefined : `column "${column.name}" is ${column.type}: give the value as text`;
  }
}

/** What is bound: booleans become 1/0 in numeric columns (MySQL `TINYINT`, SQLite). */
export function boundValue(column: Column, value: OptOutValue): unknown {
  return typeof value === 'boolean' && column.kind !== 'boolean' ? Number(value) : value;
}

/** Whether the stored value already says what the config wants, whatever form the driver returns it in (true, 1, '1.00'). */
export function holdsValue(stored: unknown, wanted: OptOutValue): boolean {
  if (wanted === null || stored === null || stored === undefined) return wanted === null && (stored ?? null) === null;
  if (typeof wanted === 'string') return String(stored) === wanted;
  return Number(stored) === Number(wanted);
}
