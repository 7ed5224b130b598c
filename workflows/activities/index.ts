import type { ConnectorCatalog } from '../../connectors/sdk/catalog.js';
import type { GardienConfig } from '../../core/config.js';
import type { Mailer } from '../../core/mail/mailer.js';
import type { ReportSigner } from '../../core/report/sign.js';
import type { ReportStore } from '../../core/report/store.js';
import type { ExportStore } from '../../core/storage/exports.js';
import type { ProcessingStore } from '../../core/register/store.js';
import type { ManualTaskRepository } from '../../core/storage/manual-tasks.js';
import type { RequestRepository } from '../../core/storage/requests.js';
import type { RestrictionMarks } from '../../core/storage/restrictions.js';
import type { VerificationService } from '../../core/verification.js';
import { amendActivities } from './amend.activities.js';
import { deadlineActivities } from './deadline.activities.js';
import { erasureActivities } from './erasure.activities.js';
import { manualActivities } from './manual.activities.js';
import { reportActivities } from './report.activities.js';
import { requestActivities } from './request.activities.js';
import { systemActivities } from './system.activities.js';

export interface ActivityDeps {
  config: Pick<GardienConfig, 'publicUrl' | 'verification' | 'exportLinkTtlMs' | 'tokenSecret' | 'secretKeys' | 'deadlines' | 'defaultCountry' | 'mail'>;
  storage: {
    requests: RequestRepository;
    exports: ExportStore;
    reports: ReportStore;
    manualTasks: ManualTaskRepository;
    restrictions: RestrictionMarks;
    processings: Pick<ProcessingStore, 'snapshot'>;
  };
  verification: VerificationService;
  catalog: Pick<ConnectorCatalog, 'list' | 'get' | 'open'>;
  mailer: Mailer;
  signer: ReportSigner;
  now?: () => Date;
}

/** Every activity of the request workflows, bound to their dependencies (tests inject their own). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...requestActivities(deps),
    ...deadlineActivities(deps),
    ...systemActivities(deps),
    ...erasureActivities(deps),
    ...amendActivities(deps),
    ...manualActivities(deps),
    ...reportActivities(deps),
  };
}

export type DsrActivities = ReturnType<typeof createActivities>;
