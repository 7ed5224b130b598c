import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_PROOF, openTestLedger, type TestLedger } from '../../test/support/consent/ledger.js';
import { ValidationError } from '../errors.js';
import type { ConsentEntry } from './model.js';

const dpo = { sub: 'claire@acme.example', role: 'dpo' as const };
const form = { sub: 'signup-form', role: 'integration' as const };
const source = { kind: 'web_form' as const, name: 'newsletter-signup', version: 'v3' };
const WORDING = "J'accepte de recevoir la lettre d'information par e-mail.";

let t: TestLedger;
beforeAll(async () => {
  t = await openTestLedger();
  await t.ledger.purposes.declare({ id: 'newsletter', name: 'Newsletter', description: 'Monthly news of our shops', processingId: 'proc-marketing-email' }, dpo);
  await t.ledger.purposes.declare({ id: 'offers', name: 'Offers by phone', description: 'Calls about our energy offers', relatedToContract: true }, dpo);
});
afterAll(() => t?.drop());

const grant = (email: string, capturedAt = new Date('2026-05-02T10:00:00Z'), extra: object = {}) =>
  t.ledger.recordConsent({ email }, { purpose: 'newsletter', channel: 'email', status: 'granted', source, capturedAt, proof: FORM_PROOF, wording: WORDING, language: 'fr', ...extra }, form);

async function validationOf(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('the consent ledger (FerretDB)', () => {
  it('records a consent with its proof and finds the person by any identifier given with it', async () => {
    await t.ledger.recordConsent(
      { email: 'Camille.Durand@example.fr', phone: '06 12 34 56 78' },
      { purpose: 'newsletter', channel: 'email', status: 'granted', source, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: FORM_PROOF, wording: WORDING, language: 'fr' },
      form,
    );
    const byPhone = await t.ledger.person({ phone: '+33612345678' }, dpo);
    expect(byPhone.states).toEqual([expect.objectContaining({ purpose: 'newsletter', channel: 'email', status: 'granted' })]);
    expect(byPhone.states[0]!.entry).toMatchObject({ legalBasis: 'consent', source, proof: FORM_PROOF, wording: WORDING, capturedBy: 'signup-form', recordedBy: form });
    expect(byPhone.personId).toBe((await t.ledger.person({ email: 'camille.durand@example.fr' }, dpo)).personId);
  });

  it('keeps neither the email nor the phone number in clear, in the ledger or the audit trail', async () => {
    const everything = JSON.stringify(await Promise.all(['consents', 'consent_identifiers', 'audit'].map((c) => t.storage.db.collection(c).find().toArray())));
    expect(everything).not.toMatch(/camille|durand|example\.fr|612345678/i);
  });

  it('hands later work (a confirmation email, a CRM sync) the person’s contact, unsealed and audited', async () => {
    const { personId } = await t.ledger.person({ email: 'camille.durand@example.fr' }, dpo);
    const worker = { sub: 'double-opt-in', role: 'dpo' as const };
    expect(await t.ledger.contactOf(personId!, worker)).toEqual({ email: 'camille.durand@example.fr', phone: '+33612345678' });
    expect((await t.audit.forSubject({ email: 'camille.durand@example.fr', phone: '+33612345678' })).at(-1)).toMatchObject({ action: 'consent.contact_read', actor: worker });
  });

  it('never overwrites: a withdrawal is a new entry, the grant stays in the history unchanged', async () => {
    const granted = await grant('lea.martin@example.org');
    await t.ledger.recordConsent({ email: 'lea.martin@example.org' }, { purpose: 'newsletter', channel: 'email', status: 'withdrawn', source: { kind: 'crm', name: 'hubspot', version: null }, capturedAt: new Date('2026-06-01T08:00:00Z') }, form);
    const person = await t.ledger.person({ email: 'lea.martin@example.org' }, dpo);
    expect(person.states.map((s) => s.status)).toEqual(['withdrawn']);
    expect(person.entries.map((e) => [e.seq, (e as ConsentEntry).status])).toEqual([[1, 'granted'], [2, 'withdrawn']]);
    const stored = await t.storage.db.collection('consents').findOne({ _id: granted._id as never });
    expect(stored).toMatchObject({ status: 'granted', hash: granted.hash });
    expect(person.intact).toBe(true);
  });

  it('derives the state at any date from the history', async () => {
    const before = await t.ledger.person({ email: 'lea.martin@example.org' }, dpo, new Date('2026-05-20T00:00:00Z'));
    expect(before.states.map((s) => s.status)).toEqual(['granted']);
    const earlier = await t.ledger.person({ email: 'lea.martin@example.org' }, dpo, new Date('2026-01-01T00:00:00Z'));
    expect(earlier.states).toEqual([]);
  });

  it('numbers one person’s history exactly when many writers append at once', async () => {
    const writers = 25;
    await Promise.all(Array.from({ length: writers }, (_, i) => grant('hugo.bernard@example.fr', new Date(Date.UTC(2026, 4, 1, 10, i)))));
    const person = await t.ledger.person({ email: 'hugo.bernard@example.fr' }, dpo);
    expect(person.entries.map((e) => e.seq)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    expect(person.intact).toBe(true);
    // Every writer's entry is there, none lost to a race.
    expect(new Set(person.entries.map((e) => (e as ConsentEntry).capturedAt.toISOString())).size).toBe(writers);
  });

  it('makes one person of the first writers of a new person arriving at once', async () => {
    await Promise.all(Array.from({ length: 8 }, () => grant('ines.petit@example.fr')));
    const links = await t.storage.db.collection('consent_identifiers').find().toArray();
    const person = await t.ledger.person({ email: 'ines.petit@example.fr' }, dpo);
    expect(person.entries).toHaveLength(8);
    expect(links.filter((l) => l.personId === person.personId)).toHaveLength(1);
  });

  it('shows when an entry was altered after it was written', async () => {
    const entry = await grant('nora.lefevre@example.fr');
    await grant('nora.lefevre@example.fr', new Date('2026-05-03T10:00:00Z'));
    await t.storage.db.collection('consents').updateOne({ _id: entry._id as never }, { $set: { status: 'denied' } });
    expect((await t.ledger.person({ email: 'nora.lefevre@example.fr' }, dpo)).intact).toBe(false);
  });

  it('refuses, and stores nothing for, a grant without proof, an undeclared purpose, an unknown channel or a date ahead of now', async () => {
    const count = () => t.storage.db.collection('consents').countDocuments();
    const before = await count();
    const identity = { email: 'paul.roux@example.fr' };
    const base = { purpose: 'newsletter', channel: 'email', status: 'granted' as const, source, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: FORM_PROOF };
    expect((await validationOf(t.ledger.recordConsent(identity, { ...base, proof: null }, form))).problems).toEqual([{ path: 'input.proof', message: expect.stringContaining('proof') }]);
    expect((await validationOf(t.ledger.recordConsent(identity, { ...base, purpose: 'raffle' }, form))).message).toBe('No purpose "raffle" is declared');
    expect((await validationOf(t.ledger.recordConsent(identity, { ...base, channel: 'carrier-pigeon' }, form))).problems[0]!.message).toBe('one of email, sms, phone, post');
    expect((await validationOf(t.ledger.recordConsent(identity, { ...base, capturedAt: new Date(Date.now() + 3_600_000) }, form))).message).toBe('A date is in the future');
    expect((await validationOf(t.ledger.recordConsent({ email: 'not-an-email' }, base, form))).problems).toEqual([{ path: 'identity.email', message: expect.any(String) }]);
    expect(await count()).toBe(before);
  });

  it('audits every write and every read as a keyed hash of the person', async () => {
    await grant('yanis.moreau@example.fr');
    await t.ledger.canContact({ email: 'yanis.moreau@example.fr' }, 'newsletter', 'email', form);
    await t.ledger.person({ email: 'yanis.moreau@example.fr' }, dpo);
    expect((await t.audit.forSubject({ email: 'yanis.moreau@example.fr' })).map((e) => [e.action, e.actor.sub])).toEqual([
      ['consent.record', 'signup-form'],
      ['consent.check', 'signup-form'],
      ['consent.read', 'claire@acme.example'],
    ]);
  });

  it('canContact hears an objection filed as a verified request, and a restriction mark, by any identifier of the person', async () => {
    await t.ledger.recordConsent({ email: 'zoe.garnier@example.fr', phone: '+33698765432' }, { purpose: 'offers', channel: 'phone', status: 'granted', source: { kind: 'recorded_call', name: 'call-centre', version: null }, capturedAt: new Date('2026-05-02T10:00:00Z'), proof: { kind: 'call_recording', reference: 'rec-7781', sha256: 'b'.repeat(64) } }, form);
    const tuesday = new Date('2026-09-15T11:00:00+02:00');
    expect(await t.ledger.canContact({ phone: '+33698765432' }, 'offers', 'phone', form, tuesday)).toMatchObject({ allowed: true, code: 'consent' });
    await t.storage.db.collection('requests').insertOne({ _id: 'req_obj1' as never, type: 'OBJECTION', status: 'IN_PROGRESS', identity: { email: 'zoe.garnier@example.fr' }, verifiedAt: new Date('2026-09-01T09:00:00Z') });
    expect(await t.ledger.canContact({ phone: '+33698765432' }, 'offers', 'phone', form, tuesday)).toMatchObject({ allowed: false, code: 'objected', requestId: 'req_obj1', rule: { id: 'gdpr.art21' } });
    await t.restrictions.mark({ email: 'zoe.garnier@example.fr' }, 'req_restrict1', new Date('2026-09-02T09:00:00Z'));
    expect(await t.ledger.canContact({ phone: '+33698765432' }, 'offers', 'phone', form, tuesday)).toMatchObject({ allowed: false, code: 'restricted', requestId: 'req_restrict1' });
  });

  it('counts the calls recorded in the ledger towards the monthly cap', async () => {
    const identity = { phone: '+33611223344' };
    await t.ledger.recordConsent(identity, { purpose: 'offers', channel: 'phone', status: 'granted', source: { kind: 'recorded_call', name: null, version: null }, capturedAt: new Date('2026-08-01T10:00:00Z'), proof: { kind: 'call_recording', reference: 'rec-1', sha256: 'd'.repeat(64) } }, form);
    for (const day of [1, 3, 7, 9]) await t.ledger.recordContact(identity, { purpose: 'offers', channel: 'phone', attemptedAt: new Date(Date.UTC(2026, 8, day, 9)), outcome: 'no_answer' }, form);
    expect(await t.ledger.canContact(identity, 'offers', 'phone', form, new Date('2026-09-15T11:00:00+02:00'))).toMatchObject({ allowed: false, code: 'contact_cap' });
    expect(await t.ledger.canContact(identity, 'offers', 'phone', form, new Date('2026-10-06T11:00:00+02:00'))).toMatchObject({ allowed: true, code: 'consent' });
  });

  it('lists a purpose person by person, with their contact unsealed for the DPO, paged', async () => {
    const first = await t.ledger.purposePeople('newsletter', { first: 2, after: null, at: new Date() }, dpo);
    expect(first.items).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const rest = await t.ledger.purposePeople('newsletter', { first: 100, after: first.items[1]!.personId, at: new Date() }, dpo);
    const emails = [...first.items, ...rest.items].map((p) => p.identity.email).sort();
    expect(emails).toEqual(['camille.durand@example.fr', 'hugo.bernard@example.fr', 'ines.petit@example.fr', 'lea.martin@example.org', 'nora.lefevre@example.fr', 'yanis.moreau@example.fr']);
    const withdrawn = await t.ledger.purposePeople('newsletter', { first: 100, after: null, at: new Date(), status: 'withdrawn' }, dpo);
    expect(withdrawn.items.map((p) => p.identity.email)).toEqual(['lea.martin@example.org']);
  });
});
