import type { ConnectorDescription } from '../../connectors/sdk/contract.js';
import { unseal } from '../../core/crypto.js';
import { keyedHash } from '../../core/crypto.js';
import { exportDownloadUrl, exportLinkToken, fileRef, writeExportPackage } from '../../core/exports.js';
import { identityKey } from '../../core/identity.js';
import { createLogger } from '../../core/logger.js';
import { writePortabilityPackage } from '../../core/portability.js';
import { withoutAddresses } from '../../core/report/public-text.js';
import { buildReport, type CompletionReport, type ReportInput, type SystemReport } from '../../core/report/report.js';
import { newReportId, type ReportDoc } from '../../core/report/store.js';
import { REQUEST_ACTIONS, type SystemProgress } from '../../core/requests.js';
import type { ExportDoc } from '../../core/storage/exports.js';
import type { RequestDoc } from '../../core/storage/requests.js';
import type { SealedReport, SystemSummary } from '../types.js';
import type { ActivityDeps } from './index.js';
import { whileBeating } from './failures.js';
import { mailSubject } from './mail.js';

const log = createLogger('dsr');

/** The end of a request: the export package, the signed report, the closing email. */
export function reportActivities(deps: ActivityDeps) {
  const { requests, exports, reports } = deps.storage;
  const now = deps.now ?? (() => new Date());

  /** Access: one canonical JSON document; portability: a ZIP per system and object, encrypted if the subject asked. */
  async function writePackage(doc: RequestDoc, systems: readonly SystemReport[], exportedAt: Date): Promise<ExportDoc> {
    const partIds = systems.flatMap((s) => s.exports.map((e) => e.id));
    if (doc.type !== 'PORTABILITY') return writeExportPackage(exports, { requestId: doc._id, type: doc.type, exportedAt, partIds });
    const descriptions: Record<string, ConnectorDescription> = {};
    for (const s of systems.filter((one) => one.exports.length > 0)) descriptions[s.connectorId] = await (await deps.catalog.open(s.connectorId)).describe();
    const passphrase = doc.passphrase ? unseal(doc.passphrase, deps.config.secretKeys) : null;
    return writePortabilityPackage(exports, { requestId: doc._id, type: doc.type, exportedAt, partIds, descriptions, passphrase });
  }

  /** Signs the report and keeps it once; the request then points at it, and forgets the passphrase. */
  async function signAndKeep(doc: RequestDoc, report: CompletionReport, issuedAt: Date): Promise<ReportDoc> {
    const signed = await deps.signer.sign(report);
    const stored = await reports.saveOnce({ _id: report.reportId, requestId: doc._id, kid: signed.kid, jws: signed.jws, report, createdAt: issuedAt });
    // The passphrase served its purpose: it is not kept beside the package it opens.
    await requests.updateWhere(doc._id, {}, { $set: { reportId: stored._id, exportId: stored.report.export?.id || null }, $unset: { passphrase: '' } });
    return stored;
  }

  return {
    /** Builds the download package (access, portability) and the signed report; once stored, a retry returns the stored one. */
    async sealReport(input: { requestId: string; summaries: SystemSummary[]; status: 'COMPLETED' | 'CANCELLED' }): Promise<SealedReport> {
      const existing = await reports.forRequest(input.requestId);
      if (existing) return { reportId: existing._id, exportId: existing.report.export?.id ?? '' };
      const reportId = newReportId();
      const doc = await requests.get(input.requestId);
      const systems = systemReports(doc, input.summaries, await requests.systems(input.requestId));
      const issuedAt = now();
      const exporting = REQUEST_ACTIONS[doc.type] === 'export' && input.status === 'COMPLETED';
      const pkg = exporting ? await whileBeating(() => writePackage(doc, systems, issuedAt)) : null;
      const report = buildReport({
        reportId,
        issuer: deps.config.publicUrl,
        issuedAt,
        request: requestFacts(doc, input.status),
        subjectRef: keyedHash(`subject:${identityKey(doc.identity)}`, deps.config.secretKeys[0]!.key),
        systems,
        export: pkg ? fileRef(pkg) : null,
        ...(pkg ? { package: { format: doc.type === 'PORTABILITY' ? ('zip' as const) : ('json' as const), encrypted: Boolean(doc.passphrase) } } : {}),
      });
      const stored = await signAndKeep(doc, report, issuedAt);
      log.info('report signed', { requestId: doc._id, reportId: stored._id, kid: stored.kid, status: input.status });
      return { reportId: stored._id, exportId: stored.report.export?.id ?? '' };
    },

    /** Marks the request completed and emails the download link (expiring) and the report links, once. */
    async notifyCompleted(input: { requestId: string } & SealedReport): Promise<void> {
      const doc = await requests.get(input.requestId);
      const stored = await reports.find(input.reportId);
      // Completed when the report says so, whichever retry gets here.
      const completedAt = doc.completedAt ?? stored?.createdAt ?? now();
      await requests.update(input.requestId, { status: 'COMPLETED', completedAt }, ['IN_PROGRESS', 'COMPLETED']);
      const retained = stored?.report.systems.reduce((n, s) => n + (s.erasure?.actions.retained ?? 0), 0) ?? 0;
      await mailSubject(deps, doc, `completed:${input.requestId}`, () => {
        const linkExpiresAt = new Date(now().getTime() + deps.config.exportLinkTtlMs);
        const token = exportLinkToken(input.exportId, linkExpiresAt, deps.config.tokenSecret);
        return {
          name: 'completed',
          requestId: input.requestId,
          type: doc.type,
          downloadUrl: input.exportId ? exportDownloadUrl(deps.config.publicUrl, input.exportId, token) : null,
          linkExpiresAt: input.exportId ? linkExpiresAt : null,
          reportUrl: `${deps.config.publicUrl}/reports/${input.reportId}`,
          reportPageUrl: `${deps.config.publicUrl}/reports/${input.reportId}.html`,
          encrypted: stored?.report.package?.encrypted ?? false,
          retained,
        };
      });
      log.info('request completed', { requestId: input.requestId });
    },

    /** Marks the request cancelled and tells the subject, with the report of what was done before. */
    async notifyCancelled(input: { requestId: string; reportId: string }): Promise<void> {
      const doc = await requests.get(input.requestId);
      const completedAt = doc.completedAt ?? (await reports.find(input.reportId))?.createdAt ?? now();
      const by = doc.cancellation?.by ?? 'dpo';
      await requests.update(input.requestId, { status: 'CANCELLED', statusReason: by === 'subject' ? 'Withdrawn by the subject' : 'Cancelled by the data protection officer', completedAt }, ['RECEIVED', 'AWAITING_VERIFICATION', 'IN_PROGRESS', 'CANCELLED']);
      await mailSubject(deps, doc, `cancelled:${input.requestId}`, () => ({
        name: 'cancelled',
        requestId: input.requestId,
        type: doc.type,
        by,
        reason: doc.cancellation?.reason ?? null,
        reportUrl: `${deps.config.publicUrl}/reports/${input.reportId}.html`,
      }));
      log.info('request cancelled', { requestId: input.requestId, by });
    },
  };
}

/** Each system's part of the report, by name, from the workflow's summaries and the names the request keeps. */
function systemReports(doc: RequestDoc, summaries: readonly SystemSummary[], progress: readonly SystemProgress[]): SystemReport[] {
  const known = new Map(progress.map((s) => [s.connectorId, s]));
  const systems = summaries.map((s): SystemReport => ({
    connectorId: s.connectorId,
    name: known.get(s.connectorId)?.name ?? s.connectorId,
    kind: known.get(s.connectorId)?.kind ?? 'unknown',
    action: REQUEST_ACTIONS[doc.type],
    status: s.status,
    counts: { ...s.counts },
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    exports: s.exports,
    ...(s.erasure ? { erasure: s.erasure } : {}),
    ...(s.amendment ? { amendment: s.amendment } : {}),
    ...(s.manual ? { manual: s.manual } : {}),
    attempts: s.attempts,
    // The report goes to the subject: why a system failed, without the company's hosts and paths.
    error: s.error === null ? null : withoutAddresses(s.error),
  }));
  return systems.sort((a, b) => a.name.localeCompare(b.name) || a.connectorId.localeCompare(b.connectorId));
}

/** The request as the report states it: when it came, was due, was verified and how, extended or cancelled. */
function requestFacts(doc: RequestDoc, status: 'COMPLETED' | 'CANCELLED'): ReportInput['request'] {
  return {
    id: doc._id,
    type: doc.type,
    status,
    receivedAt: doc.receivedAt,
    dueAt: doc.dueAt,
    verifiedAt: doc.verifiedAt,
    verification: doc.verificationMethod ?? (doc.verifiedAt ? 'email_code' : 'none'),
    extensions: doc.extensions,
    cancellation: doc.cancellation ?? null,
  };
}
