import { keyedHash } from '../../core/crypto.js';
import { exportDownloadUrl, exportLinkToken, fileRef, writeExportPackage } from '../../core/exports.js';
import { identityKey } from '../../core/identity.js';
import { createLogger } from '../../core/logger.js';
import { buildReport, type SystemReport } from '../../core/report/report.js';
import { reportIdFor } from '../../core/report/store.js';
import type { RequestType } from '../../core/requests.js';
import type { SealedReport, SystemSummary } from '../types.js';
import type { ActivityDeps } from './index.js';

const log = createLogger('dsr');

const ACTIONS: Record<RequestType, string> = {
  ACCESS: 'export',
  PORTABILITY: 'export',
  ERASURE: 'erase',
  RECTIFICATION: 'rectify',
  RESTRICTION: 'restrict',
  OBJECTION: 'object',
};

/** The end of a request: the export package, the signed report, the completion email. */
export function reportActivities(deps: ActivityDeps) {
  const { requests, exports, reports } = deps.storage;
  const now = deps.now ?? (() => new Date());

  return {
    /** Builds the download package and the signed report; once stored, a retry returns the stored one. */
    async sealReport(input: { requestId: string; summaries: SystemSummary[] }): Promise<SealedReport> {
      const reportId = reportIdFor(input.requestId);
      const existing = await reports.find(reportId);
      if (existing) return { reportId, exportId: existing.report.export?.id ?? '' };
      const doc = await requests.get(input.requestId);
      const known = new Map((await requests.systems(input.requestId)).map((s) => [s.connectorId, s]));
      const systems: SystemReport[] = input.summaries.map((s) => ({
        connectorId: s.connectorId,
        name: known.get(s.connectorId)?.name ?? s.connectorId,
        kind: known.get(s.connectorId)?.kind ?? 'unknown',
        action: ACTIONS[doc.type],
        status: s.status,
        counts: { ...s.counts },
        startedAt: s.startedAt,
        finishedAt: s.finishedAt,
        exports: s.exports,
        ...(s.erasure ? { erasure: s.erasure } : {}),
        error: s.error,
      }));
      const ordered = [...systems].sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId));
      const issuedAt = now();
      const pkg = await writeExportPackage(exports, {
        requestId: doc._id,
        type: doc.type,
        exportedAt: issuedAt,
        partIds: ordered.flatMap((s) => s.exports.map((e) => e.id)),
      });
      const report = buildReport({
        reportId,
        issuer: deps.config.publicUrl,
        issuedAt,
        request: {
          id: doc._id,
          type: doc.type,
          status: 'COMPLETED',
          receivedAt: doc.receivedAt,
          dueAt: doc.dueAt,
          verifiedAt: doc.verifiedAt,
          verification: doc.verificationMethod ?? 'email_code',
        },
        subjectRef: keyedHash(`subject:${identityKey(doc.identity)}`, deps.config.secretKeys[0]!.key),
        systems: ordered,
        export: fileRef(pkg),
      });
      const signed = await deps.signer.sign(report);
      const stored = await reports.saveOnce({ _id: reportId, requestId: doc._id, kid: signed.kid, jws: signed.jws, report, createdAt: issuedAt });
      const exportId = stored.report.export?.id ?? pkg._id;
      await requests.update(doc._id, { reportId, exportId });
      log.info('report signed', { requestId: doc._id, reportId, kid: stored.kid });
      return { reportId, exportId };
    },

    /** Marks the request completed and emails the download link (expiring) and the report link, once. */
    async notifyCompleted(input: { requestId: string } & SealedReport): Promise<void> {
      const doc = await requests.get(input.requestId);
      // Completed when the report says so, whichever retry gets here.
      const completedAt = doc.completedAt ?? (await reports.find(input.reportId))?.createdAt ?? now();
      await requests.update(input.requestId, { status: 'COMPLETED', completedAt }, ['IN_PROGRESS', 'COMPLETED']);
      await deps.mailer.sendOnce({
        key: `completed:${input.requestId}`,
        to: doc.identity.email ?? '',
        language: doc.language,
        requestId: input.requestId,
        template: () => {
          const linkExpiresAt = new Date(now().getTime() + deps.config.exportLinkTtlMs);
          const token = exportLinkToken(input.exportId, linkExpiresAt, deps.config.tokenSecret);
          return {
            name: 'completed',
            requestId: input.requestId,
            type: doc.type,
            downloadUrl: input.exportId ? exportDownloadUrl(deps.config.publicUrl, input.exportId, token) : null,
            linkExpiresAt: input.exportId ? linkExpiresAt : null,
            reportUrl: `${deps.config.publicUrl}/reports/${input.reportId}`,
          };
        },
      });
      log.info('request completed', { requestId: input.requestId });
    },
  };
}
