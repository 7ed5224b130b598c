import { z } from 'zod';
import type { Connector, ConnectorPlugin, RecordRef, SubjectRecord } from '../../connectors/sdk/contract.js';
import { ConnectorError, type ConnectorFailureKind } from '../../core/errors.js';
import { DEMO_PEOPLE, type DemoSystem } from '../../devstack/demo/people.js';

/**
 * A test-only connector holding the demo people of one demo system in memory:
 * people and their notes. `fail` makes `locate` fail the first `times` calls
 * (for ever when absent) to show retries, rate limits and failures.
 */
const configSchema = z.object({
  system: z.enum(['sql', 'salesforce', 'hubspot', 'fileshare']),
  fail: z
    .object({
      kind: z.enum(['unreachable', 'authentication', 'permission', 'rate_limited', 'timeout', 'configuration', 'vendor']),
      times: z.number().int().positive().optional(),
      retryAfterMs: z.number().int().positive().optional(),
    })
    .optional(),
});

/** How many times each connector's locate was called, for assertions on retries. */
export const locateCalls = new Map<string, number[]>();

export const memoryPlugin: ConnectorPlugin<z.infer<typeof configSchema>> = {
  kind: 'memory',
  displayName: 'In-memory demo system (tests)',
  configSchema,
  secretsSchema: z.record(z.string(), z.string()),
  async create(config, _secrets, context): Promise<Connector> {
    const people = DEMO_PEOPLE.filter((p) => p.systems.includes(config.system as DemoSystem));
    return {
      async describe() {
        return {
          kind: 'memory',
          capabilities: ['locate', 'read'],
          erasureStrategies: ['delete'],
          objects: [
            {
              name: 'person',
              fields: [
                { name: 'key', category: 'technical', key: true },
                { name: 'first_name', category: 'identity' },
                { name: 'last_name', category: 'identity' },
                { name: 'email', category: 'contact', identifier: 'email' },
                { name: 'phone', category: 'contact', identifier: 'phone' },
                { name: 'city', category: 'location' },
              ],
              erasure: { strategy: 'delete' },
            },
            { name: 'note', fields: [{ name: 'text', category: 'communication', freeText: true }], erasure: { strategy: 'delete' }, relation: { parent: 'person', via: 'key' } },
          ],
        };
      },
      async check() {
        return { ok: true, reachable: true, authenticated: true, permissions: { ok: true, missing: [] }, message: 'ok', latencyMs: 0 };
      },
      async locate(identity) {
        const calls = locateCalls.get(context.connectorId) ?? [];
        calls.push(Date.now());
        locateCalls.set(context.connectorId, calls);
        if (config.fail && (config.fail.times === undefined || calls.length <= config.fail.times)) {
          const kind: ConnectorFailureKind = config.fail.kind;
          throw new ConnectorError(kind, `${context.name} says: ${kind.replace('_', ' ')}`, { retryAfterMs: config.fail.retryAfterMs });
        }
        const refs: RecordRef[] = [];
        for (const p of people) {
          const matchedOn = identity.email === p.email ? 'email' : identity.phone === p.phone ? 'phone' : undefined;
          if (!matchedOn) continue;
          refs.push({ object: 'person', id: p.key, matchedOn });
          p.notes.forEach((_, i) => refs.push({ object: 'note', id: `${p.key}-${i}`, matchedOn: 'relation', parent: { object: 'person', id: p.key } }));
        }
        return refs;
      },
      async *read(refs): AsyncIterable<SubjectRecord> {
        for (const ref of refs) {
          const key = ref.object === 'note' ? ref.parent!.id : ref.id;
          const p = people.find((person) => person.key === key);
          if (!p) continue;
          if (ref.object === 'person') yield { ref, fields: { key: p.key, first_name: p.firstName, last_name: p.lastName, email: p.email, phone: p.phone, city: p.city } };
          else yield { ref, fields: { text: p.notes[Number(ref.id.split('-').pop())] } };
        }
      },
      async close() {},
    };
  },
};
