/**
 * Rectification, restriction and objection end to end through GraphQL on the
 * legacy billing databases (SQLite and PostgreSQL), registered by IT with the
 * legacy config (restriction column, newsletter opt-out): what each request
 * writes shows in the DPO's lookup of both, and nowhere else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequestStack, type RequestStack } from '../support/stack/request-stack.js';
import { byName, fieldsOf, requestFlow, type Language, type LookupAnswer, type RequestAnswer, type RequestFlow } from './request-flow.js';

const AURELIE = 'aurelie.marchand@example.fr'; // typed Aurelie.Marchand@Example.FR in both databases
const TOMAS = 'tomas.ferreira@example.pt'; // shares his address with Inês
const INES = 'ines.ferreira@example.pt';
const DATABASES = ['billing-postgres', 'billing-sqlite'];
const AURELIE_WORDS = [AURELIE, 'Aurelie', 'Aurélie', 'Marchand', '06 12 34 56 78', '+33612345678', 'C-1001', 'Tanneurs'];

/** One object's rows of the person in one database. */
const rowsOf = (seen: LookupAnswer, system: string, object: string) => seen.systems[system]!.records.filter((r) => r.object === object).map(fieldsOf);

describe('amending requests on the legacy SQL databases, end to end through GraphQL', () => {
  let stack: RequestStack;
  let flow: RequestFlow;

  beforeAll(async () => {
    stack = await startRequestStack(['sqlite', 'postgres'], { CONNECTOR_TIMEOUT_MS: '10000' });
    flow = requestFlow(stack);
  }, 180_000);
  afterAll(() => stack?.close());

  async function carryOut(type: string, email: string, language: Language, extra: Record<string, unknown> = {}): Promise<RequestAnswer> {
    const { id, accessToken } = await flow.file(type, { email }, language, extra);
    await flow.verify(id, email, language);
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ type, status: 'COMPLETED', statusReason: null });
    expect(done.systems.map((s) => [s.name, s.status, s.error])).toEqual(DATABASES.map((name) => [name, 'DONE', null]));
    await flow.subjectMails(id, email, language, done, false);
    return done;
  }

  it('corrects her last name, birth date and city in both databases; the invoice keeps the name it was issued to', async () => {
    const before = await flow.lookup({ email: AURELIE });
    const done = await carryOut('RECTIFICATION', AURELIE, 'FR', {
      rectification: [{ attribute: 'LAST_NAME', value: 'Marchand-Leroy' }, { attribute: 'BIRTH_DATE', value: '1984-05-18' }, { attribute: 'CITY', value: 'Villeurbanne' }],
    });
    const after = await flow.lookup({ email: AURELIE });
    for (const name of DATABASES) {
      expect(byName(done.systems)[name], name).toMatchObject({ changed: 2, verified: 2 }); // her row and her address
      expect(rowsOf(after, name, 'people'), name).toEqual([expect.objectContaining({ first_name: 'Aurélie', last_name: 'Marchand-Leroy', birth_date: expect.stringMatching(/^1984-05-18/) })]);
      expect(rowsOf(after, name, 'addresses'), name).toEqual([expect.objectContaining({ street: '12 rue des Tanneurs', city: 'Villeurbanne' })]);
      expect(rowsOf(after, name, 'invoices'), name).toEqual(rowsOf(before, name, 'invoices'));
    }
    const report = byName((await flow.signedReport(done.reportUrl!)).systems);
    for (const name of DATABASES) {
      expect(report[name]!.amendment, name).toMatchObject({ action: 'rectify', changed: 2, fields: { people: ['birth_date', 'last_name'], addresses: ['city'] }, verifiedBy: 'read_back', verified: 2, unverified: 0 });
    }
    await flow.noPersonalData(done.id, [...AURELIE_WORDS, 'Marchand-Leroy', 'Villeurbanne', '1984-05-18']);
  }, 120_000);

  it('leaves an address he shares with another person alone', async () => {
    const ines = await flow.lookup({ email: INES });
    const done = await carryOut('RECTIFICATION', TOMAS, 'EN', { rectification: [{ attribute: 'CITY', value: 'Lisboa' }] });
    for (const system of done.systems) expect(system, system.name).toMatchObject({ changed: 0 });
    expect(await flow.lookup({ email: INES })).toEqual(ines);
  }, 120_000);

  it('restricts her in both databases and in Gardien, then lifts it', async () => {
    const restriction = await carryOut('RESTRICTION', AURELIE, 'EN');
    const restricted = await flow.lookup({ email: AURELIE });
    expect(restricted).toMatchObject({ restricted: true, restrictedBy: restriction.id });
    for (const name of DATABASES) expect(Boolean(rowsOf(restricted, name, 'people')[0]!.restricted), name).toBe(true);
    for (const name of DATABASES) expect(restricted.systems[name]!.restricted, name).toBe(true); // the databases say so themselves
    const report = byName((await flow.signedReport(restriction.reportUrl!)).systems);
    for (const name of DATABASES) expect(report[name]!.amendment, name).toMatchObject({ action: 'restrict', changed: 1, verifiedBy: 'consent', verified: 1, unverified: 0 });
    // Her other rows have no restriction flag of their own: one line per table, with how many rows, not one per row.
    for (const name of DATABASES) {
      const others = new Map<string, number>();
      for (const record of restricted.systems[name]!.records) if (record.object !== 'people') others.set(record.object, (others.get(record.object) ?? 0) + 1);
      expect([...others.values()].some((n) => n > 1), `${name} holds several rows of one table for her`).toBe(true);
      const expected = [...others].map(([object, records]) => ({ object, field: null, reason: `no restriction column is configured for ${object}`, records }));
      expect(report[name]!.amendment!.skipped, name).toEqual(expect.arrayContaining(expected));
      expect(report[name]!.amendment!.skipped, name).toHaveLength(expected.length);
    }
    expect(Boolean(rowsOf(await flow.lookup({ email: TOMAS }), 'billing-postgres', 'people')[0]!.restricted)).toBe(false);

    const lift = await carryOut('RESTRICTION', AURELIE, 'FR', { liftRestriction: true });
    const lifted = await flow.lookup({ email: AURELIE });
    expect(lifted).toMatchObject({ restricted: false, restrictedBy: null });
    for (const name of DATABASES) expect(Boolean(rowsOf(lifted, name, 'people')[0]!.restricted), name).toBe(false);
    for (const name of DATABASES) expect(lifted.systems[name]!.restricted, name).toBe(false);
    for (const name of DATABASES) expect(byName((await flow.signedReport(lift.reportUrl!)).systems)[name]!.amendment, name).toMatchObject({ action: 'lift_restriction', changed: 1, verifiedBy: 'consent', verified: 1, unverified: 0 });
    await flow.noPersonalData(restriction.id, AURELIE_WORDS);
  }, 120_000);

  it('takes her off the newsletter in both databases, and the second time writes nothing', async () => {
    const objection = await carryOut('OBJECTION', AURELIE, 'FR');
    for (const name of DATABASES) expect(Boolean(rowsOf(await flow.lookup({ email: AURELIE }), name, 'people')[0]!.newsletter), name).toBe(false);
    expect(Boolean(rowsOf(await flow.lookup({ email: TOMAS }), 'billing-sqlite', 'people')[0]!.newsletter)).toBe(true);
    const again = await carryOut('OBJECTION', AURELIE, 'EN');
    const [first, second] = [byName((await flow.signedReport(objection.reportUrl!)).systems), byName((await flow.signedReport(again.reportUrl!)).systems)];
    for (const name of DATABASES) {
      expect(first[name]!.amendment, name).toMatchObject({ action: 'opt_out', changed: 1, unchanged: 0, verifiedBy: 'consent', verified: 1, unverified: 0 });
      expect(second[name]!.amendment, name).toMatchObject({ action: 'opt_out', changed: 0, unchanged: 1, verifiedBy: 'consent', verified: 1, unverified: 0 });
    }
    await flow.noPersonalData(objection.id, AURELIE_WORDS);
  }, 120_000);
});
