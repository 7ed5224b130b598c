/**
 * The conformance suite every connector passes, built-in or third-party:
 *
 *   runConformanceSuite({ name: 'my-crm', setup: async () => ({ connector, identity, bystander, cleanup }) });
 *
 * `setup` seeds (or finds) two people: the subject, whose email is stored in
 * mixed case, and a bystander who must come out of the subject's opt-out and
 * erasure untouched. Connectors listing `opt_out` are opted out before the erasure.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDataCategory } from '../../../core/categories.js';
import { type IdentityInput, type SubjectIdentity, normaliseIdentity } from '../../../core/identity.js';
import type { Connector, ConnectorDescription, ErasureOutcome, ErasurePlan, OptOutOutcome, RecordRef, SubjectRecord } from '../contract.js';
import { actionsMatch, byKey, collect, expectedActions, keyOf, sortedKeys } from './expectations.js';

export interface ConformanceSubject {
  connector: Connector;
  identity: IdentityInput;
  bystander: IdentityInput;
  /** Objects the subject's records must be found in, e.g. `['customer', 'address', 'rental', 'payment']`. */
  expectedObjects?: string[];
  /** Overrides of the described erasure; the described plan when absent. */
  plan?: ErasurePlan;
  cleanup(): Promise<void>;
}

export interface ConformanceOptions {
  name: string;
  setup(): Promise<ConformanceSubject>;
  /** For setup and each step; real systems are slower than unit tests. */
  timeoutMs?: number;
}

export function runConformanceSuite(options: ConformanceOptions): void {
  const timeout = options.timeoutMs ?? 60_000;
  describe(`${options.name}: connector conformance`, () => {
    let given: ConformanceSubject;
    let connector: Connector;
    let subject: SubjectIdentity;
    let description: ConnectorDescription;
    let refs: RecordRef[] = [];
    let bystanderBefore: SubjectRecord[] = [];
    let firstErasure: ErasureOutcome[] = [];
    const plan = () => given.plan ?? {};

    beforeAll(async () => {
      given = await options.setup();
      connector = given.connector;
      subject = normaliseIdentity(given.identity);
      description = await connector.describe();
      const bystanderRefs = await connector.locate(normaliseIdentity(given.bystander));
      bystanderBefore = byKey(await collect(connector.read(bystanderRefs)));
    }, timeout);
    afterAll(async () => {
      await connector?.close();
      await given?.cleanup();
    }, timeout);

    it('reports itself reachable, authenticated and allowed to read', async () => {
      const check = await connector.check();
      expect(check, check.message).toMatchObject({ ok: true, reachable: true, authenticated: true, permissions: { ok: true, missing: [] } });
    }, timeout);

    it('describes its objects consistently', () => {
      expect(description.capabilities).toEqual(expect.arrayContaining(['locate', 'read', 'erase']));
      expect(description.objects.length).toBeGreaterThan(0);
      for (const object of description.objects) {
        expect(object.fields.length, object.name).toBeGreaterThan(0);
        for (const field of object.fields) expect(isDataCategory(field.category), `${object.name}.${field.name}: ${field.category}`).toBe(true);
        expect(description.erasureStrategies).toContain(object.erasure.strategy);
        const names = object.fields.map((f) => f.name);
        for (const field of object.erasure.fields ?? []) expect(names, `${object.name} erases unknown field ${field}`).toContain(field);
        if (object.erasure.strategy === 'retain') expect(object.erasure.legalHold?.basis, `${object.name} is retained without a basis`).toBeTruthy();
      }
      const identifiers = description.objects.flatMap((o) => o.fields.filter((f) => f.identifier));
      expect(identifiers.length, 'no field identifies a subject').toBeGreaterThan(0);
    });

    it('locates the seeded subject, whatever the case of the email in the source', async () => {
      refs = await connector.locate(subject);
      const objects = new Set(description.objects.map((o) => o.name));
      expect(refs.some((r) => r.matchedOn && r.matchedOn !== 'relation'), 'no record matched an identifier').toBe(true);
      for (const ref of refs) expect(objects, `located ${ref.object}, which describe() does not list`).toContain(ref.object);
      expect(new Set(refs.map(keyOf)).size, 'a record was located twice').toBe(refs.length);
      for (const object of given.expectedObjects ?? []) expect(refs.map((r) => r.object)).toContain(object);
    }, timeout);

    it('streams records whose refs match the located ones, with JSON-safe values', async () => {
      const stream = connector.read(refs);
      expect(Array.isArray(stream), 'read() must stream, not return an array').toBe(false);
      const records = await collect(stream);
      expect(sortedKeys(records.map((r) => r.ref))).toEqual(sortedKeys(refs));
      for (const record of records) expect(JSON.parse(JSON.stringify(record.fields))).toEqual(record.fields);
      if (subject.email) {
        const emails = emailValues(description, records).filter((e) => e.toLowerCase() === subject.email);
        expect(emails.length, 'the subject email was not read back').toBeGreaterThan(0);
        expect(emails.some((e) => e !== e.toLowerCase()), 'seed the email in mixed case to prove case-insensitive lookup').toBe(true);
      }
    }, timeout);

    it('locates nothing for a stranger', async () => {
      const stranger = { email: `nobody-${randomUUID()}@example.invalid`, externalId: `no-such-id-${randomUUID()}` };
      expect(await connector.locate(stranger)).toEqual([]);
    }, timeout);

    // Before the erasure, while the subject's records are there. Connectors not listing opt_out have nothing to show here.
    it('opts the subject out of marketing when it lists opt_out; a second opt-out changes nothing', async () => {
      if (!description.capabilities.includes('opt_out')) return;
      expect(connector.optOut, 'lists opt_out but has no optOut()').toBeTypeOf('function');
      const first = await connector.optOut!(refs);
      expect(sortedKeys(first.map((o) => o.ref))).toEqual(sortedKeys(refs));
      expect(first.filter((o) => o.optedOut).length, 'no record took the opt-out').toBeGreaterThan(0);
      if (connector.consent) {
        const states = await connector.consent(refs);
        expect(states.length, 'consent() says nothing about the subject').toBeGreaterThan(0);
        expect(states.filter((s) => s.marketing !== 'denied').map((s) => `${keyOf(s.ref)}: ${s.marketing}`)).toEqual([]);
      }
      const before = byKey(await collect(connector.read(refs)));
      const second = await connector.optOut!(refs);
      expect(optedOutByKey(second)).toEqual(optedOutByKey(first));
      expect(byKey(await collect(connector.read(refs))), 'a repeated opt-out changed the records').toEqual(before);
    }, timeout);

    it('erases by the described plan', async () => {
      firstErasure = await connector.erase!(refs, plan());
      expect(sortedKeys(firstErasure.map((o) => o.ref))).toEqual(sortedKeys(refs));
      for (const outcome of firstErasure) {
        const object = description.objects.find((o) => o.name === outcome.ref.object)!;
        expect(expectedActions(object, plan()), `${keyOf(outcome.ref)}: ${outcome.detail ?? ''}`).toContain(outcome.action);
        if (outcome.action === 'retained') expect(outcome.legalHold?.basis).toBeTruthy();
      }
    }, timeout);

    it('finds nothing again except what the plan retained', async () => {
      const kept = new Set(firstErasure.filter((o) => o.action === 'retained' || o.action === 'anonymised').map((o) => keyOf(o.ref)));
      const retained = new Set(firstErasure.filter((o) => o.action === 'retained').map((o) => keyOf(o.ref)));
      for (const ref of await connector.locate(subject)) {
        if (ref.matchedOn === 'relation') expect(kept, `${keyOf(ref)} should have been erased`).toContain(keyOf(ref));
        else expect(retained, `${keyOf(ref)} still matches the subject's ${ref.matchedOn}`).toContain(keyOf(ref));
      }
      const remaining = await collect(connector.read(refs.filter((r) => !retained.has(keyOf(r)))));
      const leaks = remaining.filter((r) => subject.email && JSON.stringify(r.fields).toLowerCase().includes(subject.email));
      expect(leaks.map((r) => keyOf(r.ref)), 'records outside a legal hold still hold the email').toEqual([]);
    }, timeout);

    it('changes nothing when erasing again', async () => {
      const second = await connector.erase!(refs, plan());
      expect(actionsMatch(firstErasure, second)).toEqual([]);
    }, timeout);

    it('leaves a second person untouched', async () => {
      const after = byKey(await collect(connector.read(await connector.locate(normaliseIdentity(given.bystander)))));
      expect(bystanderBefore.length, 'the bystander was not found before the erasure').toBeGreaterThan(0);
      expect(after).toEqual(bystanderBefore);
    }, timeout);
  });
}

function optedOutByKey(outcomes: readonly OptOutOutcome[]): Record<string, boolean> {
  return Object.fromEntries(outcomes.map((o) => [keyOf(o.ref), o.optedOut]));
}

function emailValues(description: ConnectorDescription, records: SubjectRecord[]): string[] {
  return records.flatMap((record) => {
    const object = description.objects.find((o) => o.name === record.ref.object);
    const fields = object?.fields.filter((f) => f.identifier === 'email').map((f) => f.name) ?? [];
    return fields.map((f) => record.fields[f]).filter((v): v is string => typeof v === 'string');
  });
}
