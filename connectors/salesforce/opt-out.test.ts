/** Objection to direct marketing (Art. 21) on the emulated org: the flags set, consent denied, nothing written twice, vanished records reported. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseIdentity } from '../../core/identity.js';
import { emulatedOrg, personId, type EmulatedOrg } from '../../test/support/salesforce/org.js';

describe('Salesforce connector: opt-out', () => {
  let org: EmulatedOrg;
  const locate = (email: string) => org.connector.locate(normaliseIdentity({ email }));
  const record = (id: unknown) => org.sf.state.find(String(id))!;
  const writesSince = (mark: number) => org.sf.calls.slice(mark).filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);
  beforeAll(async () => {
    org = await emulatedOrg();
  });
  afterAll(() => org.stop());

  it('sets the email and call opt-outs on Contact and Lead and Don’t Market/Don’t Track on their Individuals, creating the Lead’s', async () => {
    const contact = personId(org.sf, 'Contact', 'Whitfield');
    const lead = personId(org.sf, 'Lead', 'Whitfield');
    expect(record(lead).IndividualId).toBeNull();
    const refs = await locate('james.whitfield@example.co.uk');
    const outcomes = await org.connector.optOut(refs);

    expect(outcomes.map((o) => o.ref)).toEqual(refs);
    expect(outcomes.filter((o) => o.optedOut).map((o) => [o.ref.object, o.changed]).sort()).toEqual([['Contact', true], ['Individual', true], ['Lead', true]]);
    expect(outcomes.find((o) => o.ref.object === 'Task')).toMatchObject({ optedOut: false, detail: expect.stringMatching(/holds no marketing preference/) });
    for (const id of [contact, lead]) {
      expect(record(id)).toMatchObject({ HasOptedOutOfEmail: true, DoNotCall: true });
      expect(record(record(id).IndividualId)).toMatchObject({ HasOptedOutSolicit: true, HasOptedOutTracking: true, HasOptedOutProcessing: false });
    }
    expect(record(record(lead).IndividualId)).toMatchObject({ FirstName: 'James', LastName: 'Whitfield' });
    // An objection to marketing is not a restriction of all processing.
    expect((await org.connector.consent(refs)).map((c) => [c.ref.object, c.marketing, c.processingRestricted])).toEqual([
      ['Contact', 'denied', false], ['Lead', 'denied', false],
    ]);
  });

  it('writes nothing when the person is already opted out, and reports the same', async () => {
    const refs = await locate('james.whitfield@example.co.uk');
    const first = await org.connector.optOut(refs);
    const mark = org.sf.calls.length;
    const again = await org.connector.optOut(refs);
    expect(writesSince(mark)).toEqual([]);
    expect(again).toEqual(first);
    expect(again.filter((o) => o.optedOut).map((o) => [o.ref.object, o.changed]).sort()).toEqual([['Contact', false], ['Individual', false], ['Individual', false], ['Lead', false]]);
  });

  it('leaves other people alone', async () => {
    const camille = record(personId(org.sf, 'Contact', 'Durand'));
    expect(camille).toMatchObject({ HasOptedOutOfEmail: false, DoNotCall: false });
    expect(record(camille.IndividualId)).toMatchObject({ HasOptedOutSolicit: false, HasOptedOutTracking: false });
  });

  it('reports a record deleted since the lookup instead of failing, and still opts out the rest', async () => {
    const refs = await locate('amina.benali@example.fr');
    const lead = personId(org.sf, 'Lead', 'Benali');
    const individual = String(record(lead).IndividualId);
    org.sf.state.delete(org.sf.state.object('Lead'), lead);
    const outcomes = await org.connector.optOut(refs);
    expect(outcomes.find((o) => o.ref.id === lead)).toEqual({ ref: expect.objectContaining({ object: 'Lead' }), optedOut: false, detail: 'the record no longer exists' });
    expect(outcomes.find((o) => o.ref.id === individual)).toMatchObject({ optedOut: true });
    expect(record(individual)).toMatchObject({ HasOptedOutSolicit: true, HasOptedOutTracking: true });
  });

  it('lists opt_out among its capabilities', async () => {
    expect((await org.connector.describe()).capabilities).toContain('opt_out');
  });
});
