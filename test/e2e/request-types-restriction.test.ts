/**
 * Restriction of processing (GDPR Art. 18) and its lifting, end to end through
 * GraphQL on the real stack: Gardien marks the person itself (the DPO's lookup
 * says so, naming the request) and sets each system's flag — the billing
 * database's column, Salesforce's Individual, HubSpot's restriction property —
 * as the emulators' state shows; a later request lifts both. The mark covers
 * the identifiers the request proved, and no other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, type DemoPerson } from '../../devstack/demo/people.js';
import type { RequestStack } from '../support/stack/request-stack.js';
import { byName, fieldsOf, needlesOf, requestFlow, startDemoStack, type Language, type LookupAnswer, type RequestAnswer, type RequestFlow } from './request-flow.js';

const person = (key: string): DemoPerson => DEMO_PEOPLE.find((p) => p.key === key)!;
const CAMILLE = person('camille');
const JAMES = person('james');

describe('restriction request and its lifting, end to end through GraphQL', () => {
  let stack: RequestStack;
  let flow: RequestFlow;

  beforeAll(async () => {
    stack = await startDemoStack();
    flow = requestFlow(stack);
  }, 180_000);
  afterAll(() => stack?.close());

  /** Files and verifies (by code, or by the DPO's attestation) a request, and follows it to the end. */
  async function carryOut(type: string, subject: DemoPerson, language: Language, identity: Record<string, string>, extra: Record<string, unknown> = {}, attest = false): Promise<RequestAnswer> {
    const { id, accessToken } = await flow.file(type, identity, language, extra);
    if (attest) {
      const answer = await stack.ask<{ verifyRequestManually: { __typename: string } }>(stack.services.tokens.dpo, 'mutation ($id: ID!) { verifyRequestManually(id: $id, justification: "Passport checked at the front desk") { __typename } }', { id });
      expect(answer.data!.verifyRequestManually).toEqual({ __typename: 'Request' });
    } else {
      await flow.verify(id, subject.email, language);
    }
    const done = await flow.follow(id, accessToken);
    expect(done).toMatchObject({ type, status: 'COMPLETED', statusReason: null });
    for (const system of done.systems) expect(system, system.name).toMatchObject({ status: 'DONE', error: null });
    return done;
  }

  /** Her flags as each system holds them: the billing database's column (through the lookup), Salesforce's and HubSpot's records. */
  function flagsOf(seen: LookupAnswer, subject: DemoPerson) {
    const { salesforce, hubspot } = stack.demo!;
    const idOf = (system: string, object: string) => seen.systems[system]!.records.find((r) => r.object === object)!.id;
    const contact = salesforce.state.find(idOf('crm-salesforce', 'Contact'))!;
    const individual = salesforce.state.find(String(contact.IndividualId))!;
    const hsContact = hubspot.state.get('contacts', idOf('crm-hubspot', 'contacts'))!;
    const customer = fieldsOf(seen.systems['billing-db']!.records.find((r) => r.object === 'customers')!);
    return {
      sql: Boolean(customer.processing_restricted),
      salesforce: { processing: individual.HasOptedOutProcessing, email: contact.HasOptedOutOfEmail },
      hubspot: { property: hsContact.properties.gdpr_processing_restricted ?? null, subscribed: [...(hubspot.state.subscriptions.get(subject.email)?.values() ?? [])].filter((s) => s.status === 'SUBSCRIBED').length },
    };
  }

  const restrictedIn = (seen: LookupAnswer) => Object.fromEntries(Object.entries(seen.systems).map(([name, s]) => [name, s.restricted]));

  it('marks her restricted in Gardien and in every system, then lifts both', async () => {
    const before = await flow.lookup({ email: CAMILLE.email });
    expect(before).toMatchObject({ restricted: false, restrictedBy: null });
    expect(flagsOf(before, CAMILLE)).toEqual({ sql: false, salesforce: { processing: false, email: false }, hubspot: { property: null, subscribed: 2 } });

    // She gives her phone number too; only the email is proven by the code.
    const restriction = await carryOut('RESTRICTION', CAMILLE, 'FR', { email: CAMILLE.email, phone: '06 12 34 56 78' });
    const systems = byName(restriction.systems);
    expect(systems['billing-db']).toMatchObject({ changed: 1, verified: 1 }); // its customers row, its restriction column read back
    expect(systems['crm-salesforce']).toMatchObject({ changed: 2, verified: 1 }); // her Contact and Individual written; consent is read on the Contact
    expect(systems['crm-hubspot']).toMatchObject({ changed: 1, verified: 1 });

    const restricted = await flow.lookup({ email: CAMILLE.email });
    expect(restricted).toMatchObject({ restricted: true, restrictedBy: restriction.id, restrictedSince: expect.any(String) });
    expect(restrictedIn(restricted)).toEqual({ 'billing-db': true, 'crm-hubspot': true, 'crm-salesforce': true });
    expect(flagsOf(restricted, CAMILLE)).toEqual({ sql: true, salesforce: { processing: true, email: true }, hubspot: { property: 'true', subscribed: 0 } });
    // By her phone number alone the systems still say so, but Gardien's mark is not there: that number was never proven hers.
    const byPhone = await flow.lookup({ phone: CAMILLE.phone });
    expect(byPhone).toMatchObject({ restricted: true, restrictedBy: null });
    expect(byPhone.systems['crm-salesforce']!.restricted).toBe(true);
    // Also when the email is given beside an unproven identifier.
    expect(await flow.lookup({ email: CAMILLE.email, phone: '+33 7 00 00 00 00' })).toMatchObject({ restricted: true, restrictedBy: restriction.id });

    const report = byName((await flow.signedReport(restriction.reportUrl!)).systems);
    expect(report['billing-db']).toMatchObject({ action: 'restrict', amendment: { action: 'restrict', changed: 1, verifiedBy: 'consent', verified: 1, unverified: 0 } });
    expect(report['crm-salesforce']!.amendment).toMatchObject({ action: 'restrict', verifiedBy: 'consent', verified: 1, unverified: 0 });
    expect(report['crm-hubspot']!.amendment).toMatchObject({ action: 'restrict', changed: 1, verifiedBy: 'consent', verified: 1, unverified: 0 });
    await flow.subjectMails(restriction.id, CAMILLE.email, 'FR', restriction, false);
    await flow.noPersonalData(restriction.id, needlesOf(CAMILLE, 'Camille.Durand', '06 12 34 56 78', '+33 6 12 34 56 78', 'CUST-1001'));

    // A later request lifts it: Gardien's mark and each system's restriction flag are cleared.
    const lift = await carryOut('RESTRICTION', CAMILLE, 'EN', { email: CAMILLE.email }, { liftRestriction: true });
    expect(lift.systems.map((s) => [s.name, s.changed])).toEqual([['billing-db', 1], ['crm-hubspot', 1], ['crm-salesforce', 1]]); // her row, her contact, her Individual
    const lifted = await flow.lookup({ email: CAMILLE.email });
    expect(lifted).toMatchObject({ restricted: false, restrictedBy: null, restrictedSince: null });
    expect(restrictedIn(lifted)).toEqual({ 'billing-db': false, 'crm-hubspot': false, 'crm-salesforce': false });
    // Email opt-outs stay: consent is not given back on her behalf (HubSpot does not resubscribe, Salesforce keeps HasOptedOutOfEmail).
    expect(flagsOf(lifted, CAMILLE)).toEqual({ sql: false, salesforce: { processing: false, email: true }, hubspot: { property: 'false', subscribed: 0 } });
    const liftReport = byName((await flow.signedReport(lift.reportUrl!)).systems);
    expect(liftReport['billing-db']!.amendment).toMatchObject({ action: 'lift_restriction', changed: 1, verifiedBy: 'consent', verified: 1, unverified: 0 });
    expect(liftReport['crm-hubspot']!.amendment).toMatchObject({ action: 'lift_restriction', changed: 1, verified: 1, unverified: 0 });
    expect(liftReport['crm-salesforce']!.amendment).toMatchObject({ action: 'lift_restriction', changed: 1, verified: 1, unverified: 0 });
    await flow.subjectMails(lift.id, CAMILLE.email, 'EN', lift, false);
    await flow.noPersonalData(lift.id, needlesOf(CAMILLE, 'Camille.Durand', 'CUST-1001'));
  }, 240_000);

  it('marks every identifier the DPO attested, and a lift proven by email clears them all and keeps his objection', async () => {
    // He objected to direct marketing first.
    await carryOut('OBJECTION', JAMES, 'EN', { email: JAMES.email });
    const objected = flagsOf(await flow.lookup({ email: JAMES.email }), JAMES);
    expect(objected.salesforce.email).toBe(true);

    // The DPO checked his passport: the whole identity is proven, so his phone number is marked too.
    const restriction = await carryOut('RESTRICTION', JAMES, 'EN', { email: JAMES.email, phone: JAMES.phone }, {}, true);
    expect(await flow.lookup({ phone: JAMES.phone })).toMatchObject({ restricted: true, restrictedBy: restriction.id });

    // He lifts it by email code: every mark of his restriction goes, and his objection stands.
    await carryOut('RESTRICTION', JAMES, 'EN', { email: JAMES.email }, { liftRestriction: true });
    expect(await flow.lookup({ email: JAMES.email })).toMatchObject({ restricted: false, restrictedBy: null });
    expect(await flow.lookup({ phone: JAMES.phone })).toMatchObject({ restricted: false, restrictedBy: null });
    expect(flagsOf(await flow.lookup({ email: JAMES.email }), JAMES)).toEqual({ sql: false, salesforce: { processing: false, email: true }, hubspot: { property: 'false', subscribed: 0 } });
  }, 240_000);
});
