import { createHash } from 'node:crypto';
import type { Column } from './catalog.js';

/** Written into a NOT NULL column that cannot be emptied; nullable columns get NULL. */
export function placeholderFor(column: Column, table: string, rowId: string): { value: unknown } | undefined {
  if (column.nullable) return { value: null };
  switch (column.kind) {
    case 'text': {
      // Unique per row, so a unique index (on an email, a customer number) still accepts it. Derived from the key only.
      const token = createHash('sha256').update(`${table}\u0000${rowId}`).digest('hex').slice(0, 10);
      const value = `erased-${token}`;
      return { value: column.maxLength ? value.slice(0, column.maxLength) : value };
    }
    case 'number':
      return { value: 0 };
    case 'date':
      return { value: '2000-01-01' };
    case 'time':
      return { value: '00:00:00' };
    case 'boolean':
      return { value: false };
    case 'binary':
      return { value: Buffer.alloc(0) };
    default:
      return undefined;
  }
}
