/**
 * Canonical JSON in the manner of RFC 8785 (JCS): object keys sorted by UTF-16
 * code units, no whitespace, numbers and strings as ECMAScript serialises them.
 * The same value always gives the same bytes, so a signature or a hash over it
 * can be checked by anyone who re-serialises it.
 */
export function canonicalJson(value: unknown): string {
  const out = serialise(value, '$');
  if (out === undefined) throw new TypeError('Cannot serialise undefined as canonical JSON');
  return out;
}

function serialise(value: unknown, path: string): string | undefined {
  if (value === null) return 'null';
  if (value !== undefined && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return serialise((value as { toJSON: () => unknown }).toJSON(), path);
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError(`${path}: bigint has no canonical JSON form`);
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, i) => serialise(item, `${path}[${i}]`) ?? 'null').join(',')}]`;
  }
  const entries: string[] = [];
  // Default sort compares UTF-16 code units, which is what JCS asks for.
  for (const key of Object.keys(value as object).sort()) {
    const item = serialise((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (item !== undefined) entries.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${entries.join(',')}}`;
}
