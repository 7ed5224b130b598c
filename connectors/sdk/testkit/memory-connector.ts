/**
 * An in-process connector over people held in memory, for tests of what sits
 * above connectors (Gardien's own, or a plugin author's): each person is one
 * record with related records (tickets, notes…). It can also hang, fail,
 * crash, answer slowly or fail its first calls with a given kind, to show how
 * one system's trouble stays that system's.
 *
 *   const plugin = memoryPlugin({ kind: 'fixture', displayName: '…', systems: { crm: people } });
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ConnectorError } from '../../../core/errors.js';
import type { Connector, ConnectorDescription, ConnectorPlugin, ObjectDescription, RecordRef, SubjectRecord } from '../contract.js';

export interface MemoryPerson {
  /** The key of the person's record. */
  id: string;
  email: string;
  phone: string;
  /** The person's record, as `read` gives it. */
  fields: Record<string, unknown>;
  /** Records of the related object, reached through the person. */
  related: Record<string, unknown>[];
}

/** The people one system holds: records of `person`, each with records of `related` (whose relation names `person`). */
export interface MemoryPeople {
  person: ObjectDescription;
  related: ObjectDescription;
  people: readonly MemoryPerson[];
}

const FAILURE_KINDS = ['unreachable', 'authentication', 'permission', 'rate_limited', 'timeout', 'configuration', 'vendor'] as const;

function memoryConfigSchema(systems: readonly [string, ...string[]]) {
  return z.object({
    /** Which of the plugin's systems this connector stands for; the first when absent. */
    system: z.enum(systems).optional(),
    behaviour: z.enum(['answer', 'hang', 'fail', 'crash', 'slow']).default('answer'),
    delayMs: z.number().int().min(0).default(0),
    /** `locate` fails with this kind the first `times` calls (for ever when absent). */
    fail: z.object({ kind: z.enum(FAILURE_KINDS), times: z.number().int().positive().optional(), retryAfterMs: z.number().int().positive().optional() }).optional(),
    /** Whether the system marks the people it holds as restricted (offers `consent`). */
    restricted: z.boolean().optional(),
    /** check() fails as an unreachable host would. */
    unreachable: z.boolean().optional(),
  });
}
const secretsSchema = z.object({ apiKey: z.string().min(8, 'an API key has at least 8 characters').optional() }).strict();

export type MemoryConfig = z.infer<ReturnType<typeof memoryConfigSchema>>;

export interface MemoryPlugin extends ConnectorPlugin<MemoryConfig, z.infer<typeof secretsSchema>> {
  /** When each connector's `locate` was called (epoch ms, by connector id), for assertions on retries. */
  locateCalls: Map<string, number[]>;
}

export function memoryPlugin(options: { kind: string; displayName: string; systems: Record<string, MemoryPeople> }): MemoryPlugin {
  const locateCalls = new Map<string, number[]>();
  const names = Object.keys(options.systems) as [string, ...string[]];
  return {
    kind: options.kind,
    displayName: options.displayName,
    configSchema: memoryConfigSchema(names),
    secretsSchema,
    locateCalls,
    async create(config, _secrets, context): Promise<Connector> {
      const { person, related, people } = options.systems[config.system ?? names[0]]!;
      const description: ConnectorDescription = { kind: options.kind, capabilities: ['locate', 'read'], erasureStrategies: ['delete'], objects: [person, related] };
      const misbehave = async () => {
        if (config.behaviour === 'hang') await new Promise(() => undefined);
        if (config.behaviour === 'fail') throw new ConnectorError('unreachable', `${context.name}: connection refused by crm.example.test:443`);
        if (config.behaviour === 'crash') throw new TypeError("Cannot read properties of undefined (reading 'rows')");
        // At least delayMs on performance.now (a Node timer may fire a millisecond early).
        for (const until = performance.now() + config.delayMs; performance.now() < until; ) await sleep(Math.max(1, until - performance.now()));
      };
      const failing = (calls: number) => config.fail && (config.fail.times === undefined || calls <= config.fail.times);
      const connector: Connector = {
        async describe() {
          return config.restricted === undefined ? description : { ...description, capabilities: [...description.capabilities, 'consent'] };
        },
        async check() {
          const ok = !config.unreachable;
          return { ok, reachable: ok, authenticated: ok, permissions: { ok, missing: [] }, message: ok ? 'reachable' : 'crm.example.test:443 does not answer', latencyMs: 1 };
        },
        async locate(identity) {
          const calls = [...(locateCalls.get(context.connectorId) ?? []), Date.now()];
          locateCalls.set(context.connectorId, calls);
          await misbehave();
          if (config.fail && failing(calls.length)) {
            throw new ConnectorError(config.fail.kind, `${context.name} says: ${config.fail.kind.replace('_', ' ')}`, { retryAfterMs: config.fail.retryAfterMs });
          }
          const refs: RecordRef[] = [];
          for (const p of people) {
            const matchedOn = identity.email === p.email ? 'email' : identity.phone === p.phone ? 'phone' : identity.externalId === p.id ? 'externalId' : undefined;
            if (!matchedOn) continue;
            refs.push({ object: person.name, id: p.id, matchedOn });
            p.related.forEach((_, i) => refs.push({ object: related.name, id: `${p.id}-${i}`, matchedOn: 'relation', parent: { object: person.name, id: p.id } }));
          }
          return refs;
        },
        async *read(refs): AsyncIterable<SubjectRecord> {
          for (const ref of refs) {
            const p = people.find((one) => one.id === (ref.object === person.name ? ref.id : ref.parent?.id));
            if (!p) continue;
            yield { ref, fields: { ...(ref.object === person.name ? p.fields : p.related[Number(ref.id.split('-').pop())]) } };
          }
        },
        async close() {},
      };
      if (config.restricted === undefined) return connector;
      return { ...connector, consent: async (refs) => refs.map((ref) => ({ ref, marketing: 'unknown' as const, processingRestricted: config.restricted ?? false })) };
    },
  };
}
