import type { Capability, ConnectorDescription, RecordRef } from '../../connectors/sdk/contract.js';
import { fileRef, systemNotice, writeSystemExport } from '../../core/exports.js';
import type { ExportFileRef } from '../../core/report/report.js';
import type { RequestType, SystemCounts, SystemStatus } from '../../core/requests.js';
import { refsFileId } from '../../core/storage/export-ids.js';
import { provenIdentity } from '../../core/storage/requests.js';
import type { SystemInput } from '../types.js';
import { whileBeating, withFailureMapping } from './failures.js';
import type { ActivityDeps } from './index.js';
import { mailStaff } from './mail.js';

/** The capability each request type needs from a connector (Art. 15–21). */
const NEEDS: Record<RequestType, Capability> = {
  ACCESS: 'read',
  PORTABILITY: 'read',
  ERASURE: 'erase',
  RECTIFICATION: 'rectify',
  RESTRICTION: 'restrict',
  OBJECTION: 'opt_out',
};

/** What the system's locate found, as `locateSubject` stored it. */
export function storedRefs(deps: ActivityDeps, input: SystemInput): Promise<RecordRef[]> {
  return deps.storage.exports.readJson<RecordRef[]>(refsFileId(input.requestId, input.connectorId));
}

/** One system's steps; personal data stays in the connector, MongoDB and the export. */
export function systemActivities(deps: ActivityDeps) {
  const { requests, exports } = deps.storage;
  const now = deps.now ?? (() => new Date());

  async function describe(connectorId: string): Promise<ConnectorDescription> {
    const connector = await withFailureMapping(() => deps.catalog.open(connectorId));
    return withFailureMapping(() => connector.describe());
  }

  return {
    /** Whether Gardien can find the subject in the system, and do there what the request asks. */
    async planSystem(input: SystemInput): Promise<{ locate: boolean; act: boolean }> {
      const { capabilities } = await describe(input.connectorId);
      return { locate: capabilities.includes('locate'), act: capabilities.includes(NEEDS[input.type]) };
    },

    async locateSubject(input: SystemInput): Promise<{ located: number; objects: Record<string, number> }> {
      const doc = await requests.get(input.requestId);
      await requests.patchSystem(input.requestId, input.connectorId, { status: 'RUNNING', error: null });
      const refs = await whileBeating(() => withFailureMapping(async () => (await deps.catalog.open(input.connectorId)).locate(provenIdentity(doc))));
      await exports.writeJson(refsFileId(input.requestId, input.connectorId), { requestId: input.requestId, connectorId: input.connectorId, kind: 'refs' }, refs);
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { located: refs.length } });
      const objects: Record<string, number> = {};
      for (const ref of refs) objects[ref.object] = (objects[ref.object] ?? 0) + 1;
      return { located: refs.length, objects };
    },

    /** Streams the records, with what Art. 15 says must come with them, into the system's export part. */
    async collectExport(input: SystemInput): Promise<{ file: ExportFileRef; records: number }> {
      const refs = await storedRefs(deps, input);
      const connectorDoc = await withFailureMapping(() => deps.catalog.get(input.connectorId));
      let written = 0;
      const { file, records } = await whileBeating(() => withFailureMapping(async () => {
        const connector = await deps.catalog.open(connectorDoc);
        return writeSystemExport(exports, {
          requestId: input.requestId,
          connector: { id: connectorDoc._id, kind: connectorDoc.kind, name: connectorDoc.name },
          about: systemNotice(await connector.describe()),
          exportedAt: now(),
          records: connector.read(refs),
          onRecord: (count) => void (written = count),
        });
      }), () => ({ records: written }));
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { exported: records } });
      return { file: fileRef(file), records };
    },

    async recordSystemOutcome(input: { requestId: string; connectorId: string; status: SystemStatus; counts: SystemCounts; error: string | null; manualTaskId?: string | null }): Promise<void> {
      await requests.patchSystem(input.requestId, input.connectorId, {
        status: input.status,
        counts: input.counts,
        error: input.error,
        ...(input.manualTaskId !== undefined ? { manualTaskId: input.manualTaskId } : {}),
      });
    },

    /** Tells the DPO a system failed after its retries and waits for them, once per attempt. */
    async notifySystemFailed(input: { requestId: string; connectorId: string; attempt: number }): Promise<void> {
      const doc = await requests.get(input.requestId);
      const system = (await requests.systems(input.requestId)).find((s) => s.connectorId === input.connectorId);
      await mailStaff(deps, input.requestId, `failed:${input.requestId}:${input.connectorId}:${input.attempt}`, () => ({
        name: 'system_failed',
        requestId: input.requestId,
        type: doc.type,
        system: system?.name ?? input.connectorId,
        error: system?.error ?? 'failed',
      }));
    },
  };
}
