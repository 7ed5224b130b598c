import { describe, expect, it } from 'vitest';
import { kindOfType } from './catalog.js';
import { connectionUrl, dialectOf } from './config.js';
import { isoTimestamp } from './dialects/postgres.js';
import { mysqlKeyValue } from './dialects/mysql.js';
import { sqliteFile } from './dialects/sqlite.js';
import { phoneMatches } from './locate.js';
import { jsonSafe } from './values.js';

describe('phone numbers as legacy databases hold them', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12-34-56-78', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['380657522649', '+380657522649'],
    ['+351 913 222 111', '+351913222111'],
  ])('%s is %s', (raw, e164) => expect(phoneMatches(raw, e164, 'FR')).toBe(true));

  it('does not match on shared last digits alone', () => {
    expect(phoneMatches('01 12 34 56 78', '+33612345678', 'FR')).toBe(false);
    expect(phoneMatches(null, '+33612345678', 'FR')).toBe(false);
  });
});

describe('column types', () => {
  it.each([
    ['character varying(50)', 'text'], ['text', 'text'], ['SMALLINT UNSIGNED', 'number'], ['smallint unsigned', 'number'],
    ['numeric(5,2)', 'number'], ['tinyint(1)', 'boolean'], ['boolean', 'boolean'], ['timestamp with time zone', 'date'],
    ['datetime', 'date'], ['date', 'date'], ['time without time zone', 'time'], ['bytea', 'binary'], ['blob', 'binary'],
    ['mpaa_rating', 'other'], ['point', 'other'], ['interval', 'other'], ['', 'text'],
  ])('%s is %s', (type, kind) => expect(kindOfType(type)).toBe(kind));
});

describe('timestamps keep every digit', () => {
  it('PostgreSQL text becomes ISO 8601', () => {
    expect(isoTimestamp('2022-01-23 14:26:35.170456+00')).toBe('2022-01-23T14:26:35.170456Z');
    expect(isoTimestamp('2022-01-23 14:26:35')).toBe('2022-01-23T14:26:35Z');
    expect(isoTimestamp('2022-01-23 14:26:35+05:30')).toBe('2022-01-23T14:26:35+05:30');
    expect(isoTimestamp('infinity')).toBe('infinity');
  });

  it('a MariaDB key goes back to the text DATETIME compares with', () => {
    expect(mysqlKeyValue('2005-05-25T11:30:37.123456Z')).toBe('2005-05-25 11:30:37.123456');
    expect(mysqlKeyValue('42')).toBe('42');
  });
});

describe('connection URLs', () => {
  it('recognises each dialect', () => {
    expect(['postgres://h/db', 'postgresql://h/db', 'mysql://h/db', 'mariadb://h/db', 'sqlite:x.db', 'file:x.db', 'oracle://h/db'].map(dialectOf)).toEqual([
      'postgres', 'postgres', 'mysql', 'mysql', 'sqlite', 'sqlite', undefined,
    ]);
  });

  it('merges the secrets into the URL, encoded', () => {
    const url = connectionUrl({ url: 'postgres://db.internal:5433/billing' }, { user: 'gardien', password: 'p@ss/word' });
    expect(url.toString()).toBe('postgres://gardien:p%40ss%2Fword@db.internal:5433/billing');
  });

  it('resolves SQLite paths', () => {
    expect(sqliteFile('file:///var/data/app.db')).toBe('/var/data/app.db');
    expect(sqliteFile('sqlite:/var/data/app.db')).toBe('/var/data/app.db');
    expect(sqliteFile('file:data/app.db')).toBe(`${process.cwd()}/data/app.db`);
  });
});

it('makes driver values JSON-safe', () => {
  expect(jsonSafe({ n: 12n, d: new Date('2024-01-02T03:04:05Z'), b: Buffer.from('hi'), list: [1, Number.NaN] })).toEqual({
    n: '12', d: '2024-01-02T03:04:05.000Z', b: 'aGk=', list: [1, 'NaN'],
  });
});
