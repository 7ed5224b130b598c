import type { GardienConfig } from './config.js';
import { Mailer } from './mail/mailer.js';
import { Outbox } from './mail/outbox.js';
import { SmtpSender, type MailSender } from './mail/smtp.js';
import { ProcessingStore } from './register/store.js';
import { SigningKeyStore } from './report/keys.js';
import { ReportSigner } from './report/sign.js';
import { ReportStore } from './report/store.js';
import { ExportStore } from './storage/exports.js';
import { ManualTaskRepository } from './storage/manual-tasks.js';
import type { Storage } from './storage/mongo.js';
import { RequestRepository } from './storage/requests.js';
import { RestrictionMarks } from './storage/restrictions.js';
import { VerificationService } from './verification.js';

/** Everything requests need besides Temporal and the connectors, built from the config, shared by worker and gateway. */
export interface DsrServices {
  requests: RequestRepository;
  exports: ExportStore;
  reports: ReportStore;
  verification: VerificationService;
  manualTasks: ManualTaskRepository;
  restrictions: RestrictionMarks;
  /** The processing register: erasure plans keep what it holds under a legal obligation. */
  processings: ProcessingStore;
  outbox: Outbox;
  mailer: Mailer;
  signingKeys: SigningKeyStore;
  signer: ReportSigner;
  ensureIndexes(): Promise<void>;
  close(): void;
}

export function createDsrServices(
  config: Pick<GardienConfig, 'secretKeys' | 'verification' | 'mail' | 'publicUrl'>,
  storage: Storage,
  options: { sender?: MailSender } = {},
): DsrServices {
  const requests = new RequestRepository(storage);
  const exports = new ExportStore(storage);
  const reports = new ReportStore(storage);
  const outbox = new Outbox(storage);
  const manualTasks = new ManualTaskRepository(storage);
  const processings = new ProcessingStore(storage);
  const sender = options.sender ?? new SmtpSender({ url: config.mail.smtpUrl, from: config.mail.from });
  const signingKeys = new SigningKeyStore(storage, config.secretKeys);
  return {
    requests,
    exports,
    reports,
    verification: new VerificationService(storage, { ...config.verification, secretKeys: config.secretKeys }),
    manualTasks,
    restrictions: new RestrictionMarks(storage, config.secretKeys[0]!),
    processings,
    outbox,
    mailer: new Mailer(outbox, sender, new URL(config.publicUrl).hostname || 'gardien.local'),
    signingKeys,
    signer: new ReportSigner(signingKeys),
    async ensureIndexes() {
      await Promise.all([requests.ensureIndexes(), exports.ensureIndexes(), reports.ensureIndexes(), outbox.ensureIndexes(), manualTasks.ensureIndexes(), processings.ensureIndexes()]);
    },
    close() {
      sender.close();
    },
  };
}
