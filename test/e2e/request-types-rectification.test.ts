/**
 * Rectification (GDPR Art. 16) end to end through GraphQL on the real stack:
 * the customer says what is wrong in their own words ("my phone number", "my
 * last name"); Gardien writes the right values into each system's matching
 * fields, reads them back, and the signed report says which fields of which
 * objects were written. Other people's records are untouched; bad input is
 * refused as data and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, type DemoPerson } from '../../devstack/demo/people.js';
import { caughtMails } from '../support/stack/mail.js';
import type { RequestStack } from '../support/stack/request-stack.js';
import { byName, fieldsOf, needlesOf, requestFlow, startDemoStack, type LookupAnswer, type LookupRecord, type RequestFlow } from './request-flow.js';

const person = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key)!;
const JAMES = person('james'); // in the billing database, Salesforce and HubSpot
const PETER = person('peter'); // in the billing database only, which holds no birth date
const NEW_PHONE = '+447400123456';
const NEW_LAST_NAME = 'Whitfield-Hale';

/** Each system's records of the person, by object, with their fields. */
const recordsOf = (seen: LookupAnswer, system: string, object: string): Record<string, unknown>[] =>
  seen.systems[system]!.records.filter((r: LookupRecord) => r.object === object).map(fieldsOf);

describe('rectification request, end to end through GraphQL', () => {
  let stack: RequestStack;
  let flow: RequestFlow;

  beforeAll(async () => {
    stack = await startDemoStack();
    flow = requestFlow(stack);
  }, 180_000);
  afterAll(() => stack?.close());

  it('writes his new phone number and corrected last name wherever a system holds them, and only his', async () => {
    const others = DEMO_PEOPLE.filter((p) => p !== JAMES);
    const othersBefore = await Promise.all(others.map((p) => flow.lookup({ email: p.email })));
    const before = await flow.lookup({ email: JAMES.email });
    expect(recordsOf(before, 'crm-salesforce', 'Contact')).toEqual([expect.objectContaining({ LastName: 'Whitfield' })]);

    const rectification = [{ attribute: 'PHONE', value: '+44 7400 123456' }, { attribute: 'LAST_NAME', value: ` ${NEW_LAST_NAME} ` }];
    const { id, accessToken } = await flow.file('RECTIFICATION', { email: JAMES.email }, 'EN', { rectification });
    const filed = await stack.ask<{ request: { rectification: { attribute: string; value: string }[] } }>(null, 'query ($id: ID!, $t: String) { request(id: $id, accessToken: $t) { ... on Request { rectification { attribute value } } } }', { id, t: accessToken });
    expect(filed.data!.request.rectification).toEqual([{ attribute: 'PHONE', value: NEW_PHONE }, { attribute: 'LAST_NAME', value: NEW_LAST_NAME }]);
    await flow.verify(id, JAMES.email, 'EN');
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ type: 'RECTIFICATION', status: 'COMPLETED', statusReason: null });
    const systems = byName(done.systems);
    expect(systems['billing-db']).toMatchObject({ status: 'DONE', error: null, changed: 1, verified: 1 });
    expect(systems['crm-salesforce']).toMatchObject({ status: 'DONE', error: null, changed: 3, verified: 3 }); // his Contact, the Lead of a web form, his Individual
    expect(systems['crm-hubspot']).toMatchObject({ status: 'DONE', error: null, changed: 1, verified: 1 });

    // The DPO's lookup shows the right values in each system that holds them.
    const after = await flow.lookup({ email: JAMES.email });
    expect(recordsOf(after, 'billing-db', 'customers')).toEqual([expect.objectContaining({ last_name: NEW_LAST_NAME, phone: NEW_PHONE, first_name: 'James' })]);
    // The number replaces the one each record held; an empty phone field is not filled with it.
    expect(recordsOf(after, 'crm-salesforce', 'Contact')).toEqual([expect.objectContaining({ LastName: NEW_LAST_NAME, FirstName: 'James', MobilePhone: NEW_PHONE, Phone: null })]);
    expect(recordsOf(after, 'crm-salesforce', 'Lead')).toEqual([expect.objectContaining({ LastName: NEW_LAST_NAME, Phone: NEW_PHONE, MobilePhone: null })]);
    expect(recordsOf(after, 'crm-salesforce', 'CampaignMember')).toEqual([expect.objectContaining({ LastName: NEW_LAST_NAME, Phone: null })]); // Salesforce shows the Contact's
    expect(recordsOf(after, 'crm-salesforce', 'Individual')).toEqual([expect.objectContaining({ LastName: NEW_LAST_NAME })]);
    expect(recordsOf(after, 'crm-hubspot', 'contacts')).toEqual([expect.objectContaining({ lastname: NEW_LAST_NAME, phone: NEW_PHONE, firstname: 'James' })]);
    expect(recordsOf(after, 'crm-hubspot', 'contacts')[0]!.mobilephone ?? null).toBeNull();
    // Invoices keep the name they were issued to: a billed name is not the person's last name.
    expect(recordsOf(after, 'billing-db', 'invoices')).toEqual(recordsOf(before, 'billing-db', 'invoices'));

    // Nobody else's records changed, not even the note he shares with Camille.
    expect(await Promise.all(others.map((p) => flow.lookup({ email: p.email })))).toEqual(othersBefore);

    // The signed report says, per system, which fields of which objects were written and what reading them back found.
    const report = byName((await flow.signedReport(done.reportUrl!)).systems);
    expect(report['billing-db']).toMatchObject({ action: 'rectify', status: 'DONE', amendment: { action: 'rectify', changed: 1, fields: { customers: ['last_name', 'phone'] }, verifiedBy: 'read_back', verified: 1, unverified: 0, missing: 0 } });
    expect(report['crm-salesforce']!.amendment).toMatchObject({ action: 'rectify', changed: 3, fields: { Contact: ['LastName', 'MobilePhone'], Lead: ['LastName', 'Phone'], Individual: ['LastName'] }, verifiedBy: 'read_back', verified: 3, unverified: 0, missing: 0 });
    expect(report['crm-hubspot']!.amendment).toMatchObject({ action: 'rectify', changed: 1, fields: { contacts: ['lastname', 'phone'] }, verifiedBy: 'read_back', verified: 1, unverified: 0, missing: 0 });
    expect(JSON.stringify(report)).not.toContain(NEW_LAST_NAME);

    await flow.subjectMails(id, JAMES.email, 'EN', done, false);
    await flow.noPersonalData(id, [...needlesOf(JAMES, 'James.Whitfield', '07911 123456', 'CUST-1002'), NEW_LAST_NAME, NEW_PHONE, '7400 123456']);
  }, 150_000);

  it('finishes with nothing changed when no system holds what is corrected', async () => {
    const before = await flow.lookup({ email: PETER.email });
    const { id, accessToken } = await flow.file('RECTIFICATION', { email: PETER.email }, 'FR', { rectification: [{ attribute: 'BIRTH_DATE', value: '1979-04-23' }] });
    await flow.verify(id, PETER.email, 'FR');
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ status: 'COMPLETED', statusReason: null });
    for (const system of done.systems) expect(system, system.name).toMatchObject({ status: 'DONE', error: null, changed: 0, verified: 0 });
    expect(byName(done.systems)['billing-db']!.located).toBe(before.systems['billing-db']!.records.length);
    expect(await flow.lookup({ email: PETER.email })).toEqual(before);
    const report = byName((await flow.signedReport(done.reportUrl!)).systems);
    expect(report['billing-db']!.amendment).toMatchObject({ changed: 0, unchanged: 0, fields: {}, unverified: 0 });
    await flow.subjectMails(id, PETER.email, 'FR', done, false);
    await flow.noPersonalData(id, [...needlesOf(PETER, 'Peter.Novak', 'CUST-1006'), '1979-04-23']);
  }, 150_000);

  it('refuses an unknown attribute, a bad value or a correction on another request type, naming the path, and stores nothing', async () => {
    const before = (await stack.services.requests.list({ first: 100 })).items.length;
    const submit = (input: Record<string, unknown>) =>
      stack.ask<{ submitRequest: { __typename: string; problems?: { path: string; message: string }[] } }>(
        null,
        'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { __typename ... on ValidationError { problems { path message } } } }',
        { input: { type: 'RECTIFICATION', identity: { email: 'nobody.twice@example.org' }, ...input } },
      );
    const problems = async (input: Record<string, unknown>) => {
      const answer = await submit(input);
      expect(answer.data!.submitRequest.__typename).toBe('ValidationError');
      return answer.data!.submitRequest.problems;
    };
    expect(await problems({ rectification: [{ attribute: 'PHONE', value: '12' }] })).toEqual([{ path: 'rectification.0.value', message: '"12" is not a valid phone' }]);
    expect(await problems({ rectification: [{ attribute: 'EMAIL', value: 'not-an-email' }] })).toEqual([{ path: 'rectification.0.value', message: '"not-an-email" is not a valid email' }]);
    expect(await problems({ rectification: [{ attribute: 'CITY', value: 'Lyon' }, { attribute: 'CITY', value: 'Paris' }] })).toEqual([{ path: 'rectification.1.attribute', message: 'city is given twice' }]);
    expect(await problems({ rectification: [] })).toEqual([{ path: 'rectification', message: 'say at least one thing to correct' }]);
    expect(await problems({})).toEqual([{ path: 'rectification', message: 'say at least one thing to correct' }]);
    expect(await problems({ type: 'ACCESS', rectification: [{ attribute: 'CITY', value: 'Lyon' }] })).toEqual([{ path: 'rectification', message: 'only for RECTIFICATION' }]);
    // The attributes are an enum of the schema: an unknown one is refused by GraphQL itself, naming where it is.
    const unknown = await submit({ rectification: [{ attribute: 'SHOE_SIZE', value: '44' }] });
    expect(unknown.data).toBeUndefined();
    expect(unknown.errors?.[0]?.message).toMatch(/"SHOE_SIZE" .*input\.rectification\[0\]\.attribute.*PersonalAttribute/s);
    expect((await stack.services.requests.list({ first: 100 })).items.length).toBe(before);
    expect(await caughtMails({ to: 'nobody.twice@example.org' })).toEqual([]);
  });
});
