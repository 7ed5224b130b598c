/**
 * Test-only: hostile values for fast-check. Strings that have broken parsers,
 * queries, paths and headers elsewhere; JSON with prototype-pollution keys
 * and deep nesting; connector configs of every built-in kind with one field
 * made hostile. Every address a config could make Gardien call is on this
 * machine's loopback (port 1, closed) or is no network address at all.
 */
import fc from 'fast-check';

/** A closed port on loopback: a connector told to reach it fails at once, and nothing leaves the machine. */
export const LOOPBACK = 'http://127.0.0.1:1';

const HOSTILE_CONSTANTS = [
  '', ' ', '\0', 'a\0b', '\r\n', 'x\r\nSet-Cookie: pwned=1', '%0d%0aLocation:%20http://127.0.0.1:1', '\u202egnp.exe', '\ud800', '\ufeff', '🦜'.repeat(50),
  'é'.normalize('NFD'), 'ＡＢＣ＠ｅｘａｍｐｌｅ．ｆｒ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  "' OR '1'='1", "'; DROP TABLE customer; --", '" OR ""="', '1; SELECT pg_sleep(10)', '\\', '`id`', '$(id)', '${7*7}', '{{7*7}}',
  '{"$gt": ""}', '{"$ne": null}', '$where', '$regex', '.*', '^.*$', '(a+)+$', '(.*a){25}', '[', '*', '%', '_', '?', '*@example.fr', '%@example.fr', '_@example.fr',
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', '..%2f..%2fetc%2fpasswd', '%2e%2e%2f', '/etc/passwd', 'file:///etc/passwd', '\\\\server\\share',
  '%', '%E0%A4%A', '%ZZ', '%00', 'req_', 'req_../../x', 'rep_', 'rep_x.html', 'exp_', 'conn_', 'task_',
  '-1', '0', '1e309', 'NaN', 'Infinity', '9007199254740993', '-0', '0x10', '1'.repeat(400),
  'camille.durand@example.fr', 'CAMILLE.DURAND@EXAMPLE.FR', 'camille.durand@example.fr\n', 'a@b', '@example.fr', 'camille@', 'a@b@c', '"a b"@example.fr',
  '+33 6 12 34 56 78', '+33612345678', '0612345678', '+999999999999999999', '+', 'tel:+33612345678',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)',
];

/** A long string; one in six passes the gateway's body limit (256 KiB) on purpose. */
const longString = fc.constantFrom(2_001, 5_000, 20_000, 65_536, 100_000, 300_000).chain((length) => fc.constantFrom('x', 'é', '\0', '*', '%').map((c) => c.repeat(length)));

const metaUnit = fc.constantFrom('\0', '\r', '\n', '\t', '\u0007', '\u202e', '*', '%', '_', '$', '{', '}', '.', '/', '\\', "'", '"', '`', ';', '-', '(', ')', '[', ']', '^', '|', '?', '+', '@', ':', '#', '&', '=', '<', '>');

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_CONSTANTS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.string({ unit: metaUnit, maxLength: 40 }), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_CONSTANTS), fc.constantFrom(...HOSTILE_CONSTANTS)).map(([a, b]) => a + b), weight: 1 },
  { arbitrary: fc.emailAddress(), weight: 1 },
  { arbitrary: longString, weight: 1 },
);

/** Strings a header can carry (fetch refuses CR, LF and NUL in header values, as HTTP does). */
export const hostileHeaderValue = hostileString.map((s) => s.replace(/[\r\n\0]/g, '').slice(0, 8000)).filter((s) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s));

export const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_VALUE, -0, 1e308));

const pollutionKey = fc.constantFrom('__proto__', 'constructor', 'prototype', '$where', '$gt', '$ne', '$set', 'toString', 'valueOf', '');

/** JSON with pollution keys, hostile strings and numbers, arrays; `deep` nests a value hundreds of levels down. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(pollutionKey, hostileString), tie('value'), { maxKeys: 4 }),
  ),
})).value;

const POLLUTION = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"objects": {"__proto__": {"polluted": "yes"}}}') as unknown,
];
const deep = fc.constantFrom(50, 150, 1000).map((depth) => {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});

export const hostileObject: fc.Arbitrary<unknown> = fc.oneof(hostileJson, fc.constantFrom(...POLLUTION), deep);

/** An identity: each of its fields absent or hostile; often a real-looking email beside them, so checks past the email run too. */
export const hostileIdentity = fc.record(
  { email: fc.oneof(hostileString, fc.emailAddress()), phone: hostileString, externalId: hostileString, externalSystem: hostileString, name: hostileString },
  { requiredKeys: [] },
);

/** Mostly well-typed values (so the call reaches Gardien's own checks), sometimes of the wrong GraphQL type. */
export function typeConfused<T>(wellTyped: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ arbitrary: wellTyped, weight: 9 }, { arbitrary: hostileObject, weight: 1 });
}

/** A valid-looking config per kind, aimed at loopback, and the fields a hostile value may replace. */
const BASES: Record<string, Record<string, unknown>> = {
  sql: { url: 'postgres://127.0.0.1:1/boutique', subjects: [{ table: 'client', identity: { email: 'courriel' } }] },
  salesforce: { loginUrl: LOOPBACK, instanceUrl: LOOPBACK, apiVersion: '60.0', erasure: { strategy: 'anonymise' } },
  hubspot: { basePath: LOOPBACK, restrictionProperty: 'rgpd_limitation', externalIdProperty: 'numero_client', erasure: { strategy: 'delete' } },
  fileshare: { roots: ['/nonexistent-gardien-share'], include: ['**/*.csv'], crawlEvery: '1h' },
  manual: { assignee: 'archives@example.fr', instructions: 'Boîtes par année, salle B12', objects: [{ name: 'courriers', fields: [{ name: 'corps', category: 'contact' }] }] },
};

/** Values a URL or path field may take: never a network address off this machine. */
const hostileLocation = fc.constantFrom(
  'postgres://127.0.0.1:1/x', 'mysql://127.0.0.1:1/x', 'mariadb://[::1]:1/x', 'sqlite:../../../../etc/passwd', 'sqlite:/etc/passwd', 'file:///etc/shadow', 'sqlite::memory:',
  'postgres://user:secret@127.0.0.1:1/x', 'postgres://127.0.0.1:1/x?sslmode=disable&options=-c%20statement_timeout%3D0', `${LOOPBACK}/../../admin`, 'http://[::1]:1', 'http://localhost:1',
  'javascript:alert(1)', 'ftp://127.0.0.1:1', '/', '/etc', '/tmp/../etc', '../../etc', '\\\\server\\share', '/nonexistent\0/x', '/dev/zero',
);

export const KINDS = Object.keys(BASES);

/** A config for `kind`: the base with fields replaced or added, or hostile JSON; network fields stay on loopback. */
export function hostileConfig(kind: string): fc.Arbitrary<unknown> {
  const base = BASES[kind]!;
  const field = fc.oneof(fc.constantFrom(...Object.keys(base), 'roots', 'subjects', 'objects', 'erasure', 'maxDepth', 'crawlEvery', 'include', 'categories', 'optOut'), pollutionKey);
  const value = fc.oneof(hostileObject, hostileLocation, hostileLocation.map((l) => [l]), fc.array(hostileObject, { maxLength: 3 }));
  const patched = fc.tuple(field, value).map(([key, v]) => ({ ...base, [key]: v }));
  const leaves = stringLeaves(base).filter((path) => !URL_FIELDS.has(path.at(-1) as string));
  const leaf = fc.tuple(fc.constantFrom(...leaves), hostileString).map(([path, v]) => withLeaf(base, path, v));
  return fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: patched, weight: 2 }, { arbitrary: hostileObject, weight: 1 }).map((config) => pinnedToLoopback(kind, config));
}

/** Fields that name where Gardien connects: only hostileLocation may change them. */
const URL_FIELDS = new Set(['url', 'loginUrl', 'instanceUrl', 'basePath', 'roots']);

function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => (URL_FIELDS.has(k) ? [] : stringLeaves(v, [...path, k])));
  return [];
}

/** A copy of `base` with the string at `path` replaced. */
function withLeaf(base: unknown, path: (string | number)[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy = (Array.isArray(base) ? [...base] : { ...(base as object) }) as Record<string | number, unknown>;
  copy[head!] = withLeaf(copy[head!], rest, value);
  return copy;
}

/** Salesforce and HubSpot default to the vendors' own hosts: whatever the config says, they are sent to loopback. */
function pinnedToLoopback(kind: string, config: unknown): unknown {
  const isObject = typeof config === 'object' && config !== null && !Array.isArray(config);
  if ((kind !== 'salesforce' && kind !== 'hubspot') || !isObject) return config; // not an object: refused before any call
  return kind === 'salesforce' ? { ...config, loginUrl: LOOPBACK, instanceUrl: LOOPBACK } : { ...config, basePath: LOOPBACK };
}
