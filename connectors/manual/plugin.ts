/**
 * A system only people can work in: a paper archive, a desk application
 * without API, a supplier reached by phone. Gardien cannot search it, so every
 * request opens a task for its assignee and waits for their evidence. It is
 * declared by what it holds, like any connector, so the DPO's records of
 * processing and the Art. 15 answer still name it.
 */
import { z } from 'zod';
import { DATA_CATEGORIES } from '../../core/categories.js';
import { ConnectorError } from '../../core/errors.js';
import type { Connector, ConnectorDescription, ConnectorPlugin, HealthCheck, RecordRef, SubjectRecord } from '../sdk/contract.js';

const objectSchema = z.object({
  name: z.string().min(1).max(100),
  label: z.string().max(200).optional(),
  fields: z.array(z.object({ name: z.string().min(1).max(100), category: z.enum(DATA_CATEGORIES), freeText: z.boolean().optional() })).default([]),
  purposes: z.array(z.string().min(1)).optional(),
  recipients: z.array(z.string().min(1)).optional(),
  retention: z.string().optional(),
  source: z.string().optional(),
});

export const manualConfigSchema = z.strictObject({
  /** Who does the work; the DPO when absent. */
  assignee: z.email().optional(),
  /** How to go about it in this system (where the archive is, whom to call). */
  instructions: z.string().max(4000).optional(),
  /** What the system holds, for the records of processing and the Art. 15 answer. */
  objects: z.array(objectSchema).default([]),
});
export type ManualConfig = z.infer<typeof manualConfigSchema>;

class ManualConnector implements Connector {
  constructor(
    private readonly config: ManualConfig,
    private readonly name: string,
  ) {}

  async describe(): Promise<ConnectorDescription> {
    return {
      kind: 'manual',
      capabilities: [],
      erasureStrategies: ['manual'],
      objects: this.config.objects.map((o) => ({ ...o, fields: o.fields.map((f) => ({ name: f.name, category: f.category, freeText: f.freeText })), erasure: { strategy: 'manual' } })),
      handledBy: { assignee: this.config.assignee, instructions: this.config.instructions },
    };
  }

  async check(): Promise<HealthCheck> {
    const who = this.config.assignee ?? 'the DPO';
    return { ok: true, reachable: true, authenticated: true, permissions: { ok: true, missing: [] }, message: `Handled by a person: requests open a task for ${who}`, latencyMs: 0 };
  }

  async locate(): Promise<RecordRef[]> {
    throw new ConnectorError('not_supported', `${this.name} is handled by a person and cannot be searched from Gardien; requests open a task for ${this.config.assignee ?? 'the DPO'}`);
  }

  async *read(): AsyncIterable<SubjectRecord> {
    // Nothing to read: the assignee sends what they find.
  }

  async close(): Promise<void> {}
}

export const manualPlugin: ConnectorPlugin<ManualConfig, Record<string, never>> = {
  kind: 'manual',
  displayName: 'Handled by a person (paper archive, system without API)',
  configSchema: manualConfigSchema,
  secretsSchema: z.strictObject({}),
  create: async (config, _secrets, context) => new ManualConnector(config, context.name),
};
