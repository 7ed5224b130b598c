import type { RecordRef } from '../../connectors/sdk/contract.js';
import { fileRef, partExportId, writeSystemExport } from '../../core/exports.js';
import type { ExportFileRef } from '../../core/report/report.js';
import type { SystemCounts, SystemStatus } from '../../core/requests.js';
import type { SystemInput } from '../types.js';
import { beat, withFailureMapping } from './failures.js';
import type { ActivityDeps } from './index.js';

/** Located references are kept beside the export, not returned: they may be many. */
export function refsFileId(requestId: string, connectorId: string): string {
  return partExportId(requestId, connectorId).replace(/^exp_/, 'refs_');
}

/** One system's steps; personal data stays in the connector, MongoDB and the export. */
export function systemActivities(deps: ActivityDeps) {
  const { requests, exports } = deps.storage;
  const now = deps.now ?? (() => new Date());

  return {
    async locateSubject(input: SystemInput): Promise<{ located: number; objects: Record<string, number> }> {
      const doc = await requests.get(input.requestId);
      await requests.patchSystem(input.requestId, input.connectorId, { status: 'RUNNING', error: null });
      const refs = await withFailureMapping(async () => (await deps.catalog.open(input.connectorId)).locate(doc.identity));
      const writer = await exports.create(refsFileId(input.requestId, input.connectorId), {
        requestId: input.requestId,
        connectorId: input.connectorId,
        kind: 'refs',
        contentType: 'application/json',
      });
      await writer.write(JSON.stringify(refs));
      await writer.finish();
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { located: refs.length } });
      const objects: Record<string, number> = {};
      for (const ref of refs) objects[ref.object] = (objects[ref.object] ?? 0) + 1;
      return { located: refs.length, objects };
    },

    /** Streams the records into the system's export part; returns its reference and hash. */
    async collectExport(input: SystemInput): Promise<{ file: ExportFileRef; records: number }> {
      const refs = JSON.parse(await exports.readText(refsFileId(input.requestId, input.connectorId))) as RecordRef[];
      const connectorDoc = await withFailureMapping(() => deps.catalog.get(input.connectorId));
      const { file, records } = await withFailureMapping(async () => {
        const connector = await deps.catalog.open(connectorDoc);
        return writeSystemExport(exports, {
          requestId: input.requestId,
          connector: { id: connectorDoc._id, kind: connectorDoc.kind, name: connectorDoc.name },
          exportedAt: now(),
          records: connector.read(refs),
          onRecord: (count) => {
            if (count % 100 === 0) beat({ records: count });
          },
        });
      });
      await requests.patchSystem(input.requestId, input.connectorId, { counts: { exported: records } });
      return { file: fileRef(file), records };
    },

    async recordSystemOutcome(input: { requestId: string; connectorId: string; status: SystemStatus; counts: SystemCounts; error: string | null }): Promise<void> {
      await requests.patchSystem(input.requestId, input.connectorId, { status: input.status, counts: input.counts, error: input.error });
    },
  };
}
