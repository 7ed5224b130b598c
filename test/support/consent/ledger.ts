/** Test-only: a consent ledger on a database of its own on the test stack's FerretDB. */
import { randomBytes } from 'node:crypto';
import { AuditTrail } from '../../../core/audit.js';
import { createConsentLedger } from '../../../core/consent/create.js';
import type { ConsentLedger } from '../../../core/consent/ledger.js';
import { DEFAULT_CONSENT_SETTINGS, type ConsentSettings } from '../../../core/consent/settings.js';
import type { SecretKey } from '../../../core/crypto.js';
import { AuditRepository } from '../../../core/storage/audit.js';
import { Storage } from '../../../core/storage/mongo.js';
import { RestrictionMarks } from '../../../core/storage/restrictions.js';
import { uniqueName } from '../stack/db.js';

export interface TestLedger {
  ledger: ConsentLedger;
  storage: Storage;
  audit: AuditTrail;
  restrictions: RestrictionMarks;
  secretKeys: SecretKey[];
  drop(): Promise<void>;
}

export async function openTestLedger(settings: Partial<ConsentSettings> = {}): Promise<TestLedger> {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI must point at the test stack (vitest globalSetup sets it)');
  const storage = await Storage.open(uri, uniqueName('consent'));
  const secretKeys = [{ kid: 'k1', key: randomBytes(32) }];
  const repository = new AuditRepository(storage);
  await repository.ensureIndexes();
  const audit = new AuditTrail(repository, secretKeys[0]!);
  const restrictions = new RestrictionMarks(storage, secretKeys[0]!);
  const config = { secretKeys, consent: { ...DEFAULT_CONSENT_SETTINGS, ...settings }, defaultCountry: 'FR', publicUrl: 'https://gardien.test' };
  const ledger = await createConsentLedger(config, storage, { audit, restrictions });
  return {
    ledger,
    storage,
    audit,
    restrictions,
    secretKeys,
    async drop() {
      await storage.db.dropDatabase();
      await storage.close();
    },
  };
}

/** A proof as a web form would send it. */
export const FORM_PROOF = { kind: 'form_snapshot', reference: 'forms/newsletter-signup/v3.html', sha256: 'c0ffee'.padEnd(64, '0') };
