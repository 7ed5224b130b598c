/**
 * consent() of the SQL connector on PostgreSQL, MariaDB and SQLite: the legacy
 * fixture's restriction and newsletter columns, plus a club membership table
 * with a composite key, a numeric restriction flag and a text opt-out value.
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_BYSTANDER, LEGACY_HOUSEHOLD_MEMBER, LEGACY_SUBJECT, legacyConnectorConfig } from '../../test/fixtures/legacy-schema.js';
import type { SqlConfig } from './config.js';
import type { SqlConnector } from './connector.js';
import { legacyMysql, legacyPostgres } from '../../test/support/sql/servers.js';
import { legacySqlite } from '../../test/support/sql/sqlite.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

interface Fixture {
  url: string;
  /** Runs a statement straight on the database, beside the connector. */
  run(sql: string): Promise<void>;
  /** One column of one row, as the driver returns it. */
  value(sql: string): Promise<unknown>;
  drop(): Promise<void>;
}

const FIXTURES: Record<string, () => Promise<Fixture>> = {
  PostgreSQL: async () => {
    const db = await legacyPostgres();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    return {
      url: db.url,
      run: async (sql) => void (await client.query(sql)),
      value: async (sql) => Object.values((await client.query(sql)).rows[0] as object)[0],
      drop: async () => {
        await client.end();
        await db.drop();
      },
    };
  },
  MariaDB: async () => {
    const db = await legacyMysql();
    const connection = await mysql.createConnection(db.url);
    return {
      url: db.url,
      run: async (sql) => void (await connection.query(sql)),
      value: async (sql) => Object.values((await connection.query<mysql.RowDataPacket[]>(sql))[0][0]!)[0],
      drop: async () => {
        await connection.end();
        await db.drop();
      },
    };
  },
  SQLite: async () => {
    const db = await legacySqlite();
    return {
      url: db.url,
      run: async (sql) => void (await db.client.execute(sql)),
      value: async (sql) => (await db.client.execute(sql)).rows[0]![0],
      drop: async () => db.remove(),
    };
  },
};

/** Club members, keyed by club and number: member 7 of LYS is the subject, member 7 of PAR someone else. */
const MEMBERS = [
  `CREATE TABLE members (club CHAR(3) NOT NULL, member_no INTEGER NOT NULL, email VARCHAR(120), restricted SMALLINT NOT NULL DEFAULT 0,
    marketing VARCHAR(10) NOT NULL DEFAULT 'yes', PRIMARY KEY (club, member_no))`,
  "INSERT INTO members (club, member_no, email) VALUES ('LYS', 7, 'Camille.Roux@Example.org'), ('PAR', 7, 'jean.roux@example.org'), ('LYS', 8, 'jean.roux@example.org')",
];
const MEMBER = { email: 'camille.roux@example.org' };

function withMembers(url: string): SqlConfig {
  const legacy = legacyConnectorConfig(url);
  return {
    ...legacy,
    subjects: [...legacy.subjects, { table: 'members', identity: { email: 'email' } }],
    restriction: { ...legacy.restriction, members: 'restricted' },
    optOut: { ...legacy.optOut, members: { marketing: 'no' } },
  };
}

const PERSON = { object: 'people', id: '1' };
const state = (ref: object, marketing: string, processingRestricted: boolean) => ({ ref: expect.objectContaining(ref), marketing, processingRestricted });

describe.each(Object.keys(FIXTURES))('SQL consent on %s', (dialect) => {
  let db: Fixture;
  let connector: SqlConnector;
  beforeAll(async () => {
    db = await FIXTURES[dialect]!();
    for (const sql of MEMBERS) await db.run(sql);
    connector = await openSqlConnector(withMembers(db.url));
  });
  afterAll(async () => {
    await connector?.close();
    await db?.drop();
  });

  it('lists consent, and gives states only for the rows that hold the configured columns', async () => {
    expect((await connector.describe()).capabilities).toEqual(expect.arrayContaining(['restrict', 'opt_out', 'consent']));
    const refs = await connector.locate(LEGACY_SUBJECT);
    expect(new Set(refs.map((r) => r.object))).toEqual(new Set(['people', 'addresses', 'orders', 'order_lines', 'invoices']));
    // Untouched: not restricted, and a newsletter still on is no consent either.
    expect(await connector.consent!(refs)).toEqual([state(PERSON, 'unknown', false)]);
    // Inês turned the newsletter off in the application itself.
    expect(await connector.consent!(await connector.locate(LEGACY_HOUSEHOLD_MEMBER))).toEqual([state({ object: 'people', id: '3' }, 'denied', false)]);
  });

  it('says restricted after restrict(), and not once it is lifted; the bystander stays as he was', async () => {
    const refs = await connector.locate(LEGACY_SUBJECT);
    const bystander = (await connector.locate(LEGACY_BYSTANDER)).filter((r) => r.object === 'people');
    await connector.restrict(refs, true);
    expect(await connector.consent!(refs)).toEqual([state(PERSON, 'unknown', true)]);
    expect(await connector.consent!(bystander)).toEqual([state({ object: 'people', id: '2' }, 'unknown', false)]);
    await connector.restrict(refs, false);
    expect(await connector.consent!(refs)).toEqual([state(PERSON, 'unknown', false)]);
    expect(Boolean(await db.value('SELECT restricted FROM people WHERE id = 1'))).toBe(false);
  });

  it('says denied after optOut(), restriction untouched', async () => {
    const refs = await connector.locate(LEGACY_SUBJECT);
    await connector.optOut(refs);
    expect(Boolean(await db.value('SELECT newsletter FROM people WHERE id = 1'))).toBe(false);
    expect(await connector.consent!(refs)).toEqual([state(PERSON, 'denied', false)]);
    expect(await connector.consent!(await connector.locate(LEGACY_BYSTANDER))).toEqual([state({ object: 'people', id: '2' }, 'unknown', false)]);
  });

  it('reads composite keys, a numeric restriction flag and a text opt-out value', async () => {
    const refs = await connector.locate(MEMBER);
    expect(refs).toEqual([{ object: 'members', id: '["LYS",7]', matchedOn: 'email' }]);
    const others = [{ object: 'members', id: '["PAR",7]' }, { object: 'members', id: '["LYS",8]' }];
    expect(await connector.consent!([...refs, ...others])).toEqual([state(refs[0]!, 'unknown', false), state(others[0]!, 'unknown', false), state(others[1]!, 'unknown', false)]);

    await connector.restrict(refs, true);
    await connector.optOut(refs);
    expect(Number(await db.value("SELECT restricted FROM members WHERE club = 'LYS' AND member_no = 7"))).toBe(1);
    expect(await connector.consent!([...refs, ...others])).toEqual([state(refs[0]!, 'denied', true), state(others[0]!, 'unknown', false), state(others[1]!, 'unknown', false)]);

    // A value the connector did not write (2 in the flag) is not read as its restriction.
    await db.run("UPDATE members SET restricted = 2, marketing = 'yes' WHERE club = 'LYS' AND member_no = 7");
    expect(await connector.consent!(refs)).toEqual([state(refs[0]!, 'unknown', false)]);
  });

  it('gives no state for a row gone since the lookup, nor for a table the connector does not know', async () => {
    await db.run("DELETE FROM members WHERE club = 'LYS' AND member_no = 8");
    expect(await connector.consent!([{ object: 'members', id: '["LYS",8]' }, { object: 'countries', id: 'FR' }, { object: 'members', id: '["PAR",7]' }])).toEqual([
      state({ object: 'members', id: '["PAR",7]' }, 'unknown', false),
    ]);
  });

  it('has no consent without a restriction or opt-out column, and one that reads only the restriction when that alone is configured', async () => {
    const { restriction: _restriction, optOut: _optOut, ...rest } = legacyConnectorConfig(db.url);
    const without = await openSqlConnector(rest, {}, `sql-without-flags-${dialect}`);
    try {
      expect((await without.describe()).capabilities).not.toContain('consent');
      // So a restriction request's report says "not checked" instead of "0 of 0 checked".
      expect(without.consent).toBeUndefined();
    } finally {
      await without.close();
    }
    const { optOut: _onlyRestriction, ...restricting } = legacyConnectorConfig(db.url);
    const restrictOnly = await openSqlConnector(restricting, {}, `sql-restriction-only-${dialect}`);
    try {
      expect((await restrictOnly.describe()).capabilities).toEqual(expect.arrayContaining(['restrict', 'consent']));
      // The newsletter is off by now, but this config does not say that column records an opt-out.
      expect(await restrictOnly.consent!(await restrictOnly.locate(LEGACY_SUBJECT))).toEqual([state(PERSON, 'unknown', false)]);
    } finally {
      await restrictOnly.close();
    }
  });
});
