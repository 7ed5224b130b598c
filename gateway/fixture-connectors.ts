/**
 * Test-only: a real in-process connector over an in-memory array of people,
 * which can also hang, fail, crash or answer slowly, to show how one system's
 * trouble stays that system's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { Connector, ConnectorDescription, ConnectorPlugin, RecordRef, SubjectRecord } from '../connectors/sdk/contract.js';
import { ConnectorError } from '../core/errors.js';

export const FIXTURE_PEOPLE = [
  {
    id: 'p1', fullName: 'Léa Martin', email: 'lea.martin@example.org', phone: '+33611223344', city: 'Lyon',
    healthNote: 'Asthma: no dusty warehouse visits', notes: 'Called twice about the invoice', tickets: ['Parcel arrived damaged'],
  },
  { id: 'p2', fullName: 'Noah Petit', email: 'noah.petit@example.org', phone: '+33655667788', city: 'Nantes', healthNote: null, notes: null, tickets: [] },
];

const configSchema = z.object({
  behaviour: z.enum(['answer', 'hang', 'fail', 'crash', 'slow']).default('answer'),
  delayMs: z.number().int().min(0).default(0),
  /** Whether the system marks the people it holds as restricted (offers `consent`). */
  restricted: z.boolean().optional(),
  /** check() fails as an unreachable host would. */
  unreachable: z.boolean().optional(),
});
const secretsSchema = z.object({ apiKey: z.string().min(8, 'an API key has at least 8 characters').optional() }).strict();

const DESCRIPTION: ConnectorDescription = {
  kind: 'fixture',
  capabilities: ['locate', 'read'],
  erasureStrategies: ['delete'],
  objects: [
    {
      name: 'contact',
      fields: [
        { name: 'id', category: 'technical', key: true },
        { name: 'full_name', category: 'identity' },
        { name: 'email', category: 'contact', identifier: 'email' },
        { name: 'phone', category: 'contact', identifier: 'phone' },
        { name: 'health_note', category: 'special', freeText: true },
        { name: 'notes', category: 'communication', freeText: true },
        // `city` is left undeclared: the gateway guesses its category.
      ],
      erasure: { strategy: 'delete' },
    },
    { name: 'ticket', fields: [{ name: 'body', category: 'communication', freeText: true }], erasure: { strategy: 'delete' }, relation: { parent: 'contact', via: 'contact_id' } },
  ],
};

export const fixturePlugin: ConnectorPlugin<z.infer<typeof configSchema>, z.infer<typeof secretsSchema>> = {
  kind: 'fixture',
  displayName: 'In-memory people (tests)',
  configSchema,
  secretsSchema,
  async create(config, _secrets, context): Promise<Connector> {
    const misbehave = async () => {
      if (config.behaviour === 'hang') await new Promise(() => undefined);
      if (config.behaviour === 'fail') throw new ConnectorError('unreachable', `${context.name}: connection refused by crm.example.test:443`);
      if (config.behaviour === 'crash') throw new TypeError("Cannot read properties of undefined (reading 'rows')");
      // At least delayMs on performance.now (a Node timer may fire a millisecond early).
      for (const until = performance.now() + config.delayMs; performance.now() < until; ) await sleep(Math.max(1, until - performance.now()));
    };
    return {
      async describe() {
        const capabilities = config.restricted === undefined ? DESCRIPTION.capabilities : [...DESCRIPTION.capabilities, 'consent' as const];
        return { ...DESCRIPTION, capabilities };
      },
      async check() {
        const ok = !config.unreachable;
        return { ok, reachable: ok, authenticated: ok, permissions: { ok, missing: [] }, message: ok ? 'reachable' : 'crm.example.test:443 does not answer', latencyMs: 1 };
      },
      async locate(identity) {
        await misbehave();
        const refs: RecordRef[] = [];
        for (const p of FIXTURE_PEOPLE) {
          const matchedOn = identity.email === p.email ? 'email' : identity.phone === p.phone ? 'phone' : identity.externalId === p.id ? 'externalId' : undefined;
          if (!matchedOn) continue;
          refs.push({ object: 'contact', id: p.id, matchedOn });
          p.tickets.forEach((_, i) => refs.push({ object: 'ticket', id: `${p.id}-${i}`, matchedOn: 'relation', parent: { object: 'contact', id: p.id } }));
        }
        return refs;
      },
      async *read(refs): AsyncIterable<SubjectRecord> {
        for (const ref of refs) {
          const p = FIXTURE_PEOPLE.find((person) => person.id === (ref.parent?.id ?? ref.id))!;
          if (ref.object === 'contact') {
            yield { ref, fields: { id: p.id, full_name: p.fullName, email: p.email, phone: p.phone, city: p.city, health_note: p.healthNote, notes: p.notes } };
          } else {
            yield { ref, fields: { body: p.tickets[Number(ref.id.split('-')[1])] } };
          }
        }
      },
      async consent(refs) {
        return refs.map((ref) => ({ ref, marketing: 'unknown' as const, processingRestricted: config.restricted ?? false }));
      },
      async close() {},
    };
  },
};
