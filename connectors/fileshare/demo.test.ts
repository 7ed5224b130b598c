/** IT registers the demo share through the catalog; after a crawl every demo person with files is found by email and by phone. */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../core/errors.js';
import { normaliseIdentity } from '../../core/identity.js';
import { ConnectorRepository } from '../../core/storage/connectors.js';
import type { Storage } from '../../core/storage/mongo.js';
import { demoFileshareConnectorInput, seedDemoShare } from '../../devstack/demo/fileshare.js';
import { DEMO_PEOPLE } from '../../devstack/demo/people.js';
import { createPluginRegistry } from '../builtin.js';
import { ConnectorCatalog } from '../sdk/catalog.js';
import { collect } from '../sdk/testkit/expectations.js';
import type { FileshareConnector } from './connector.js';
import { openTestShare } from '../../test/support/fileshare/share.js';

describe('the demo share, registered as IT would', () => {
  let storage: Storage;
  let dir: string;
  let close: () => Promise<void>;
  let catalog: ConnectorCatalog;
  let connector: FileshareConnector;

  beforeAll(async () => {
    ({ storage, dir, close } = await openTestShare('fileshare_demo'));
    const repository = new ConnectorRepository(storage);
    await repository.ensureIndexes();
    catalog = new ConnectorCatalog(repository, await createPluginRegistry(), { secretKeys: [{ kid: 'k1', key: randomBytes(32) }], timeoutMs: 10_000, defaultCountry: 'FR', storage });
    await seedDemoShare(path.join(dir, 'share'));
    const doc = await catalog.register(demoFileshareConnectorInput(path.join(dir, 'share')));
    expect(doc).toMatchObject({ kind: 'fileshare', name: 'shared-drive', config: { crawlEvery: '1h' }, lastCheck: { ok: true }, secrets: null });
    connector = (await catalog.open(doc)) as FileshareConnector;
    expect(await connector.crawl()).toMatchObject({ filesSeen: 7, filesRead: 7, filesSkipped: 0 });
  });
  afterAll(async () => {
    await catalog?.closeAll();
    await close?.();
  });

  it('finds each person with files by email and by phone, in the documents they appear in', async () => {
    const where: Record<string, string[]> = {};
    for (const person of DEMO_PEOPLE) {
      const byEmail = await connector.locate(normaliseIdentity({ email: person.email }));
      const byPhone = await connector.locate(normaliseIdentity({ phone: person.phone }));
      const records = await collect(connector.read(byEmail));
      where[person.key] = [...new Set(records.map((r) => path.basename(String(r.fields.file))))].sort();
      if (person.systems.includes('fileshare')) expect(byPhone.length, `${person.key} by phone`).toBeGreaterThan(0);
      else expect(byPhone, `${person.key} by phone`).toEqual([]);
    }
    expect(where).toEqual({
      camille: ['2024-03-12-point-commercial.md', 'contacts-newsletter.json', 'export-crm-2024.csv', 'renouvellement-abonnement.eml', 'salon-2023-participants.xlsx'],
      james: [],
      amina: ['2024-03-12-point-commercial.md', 'contacts-newsletter.json', 'export-crm-2024.csv', 'facture-2024-031.pdf', 'salon-2023-participants.xlsx'],
      lucas: [],
      sofia: [],
      peter: [],
      elise: ['contacts-newsletter.json', 'devis-formation-dpo.docx', 'export-crm-2024.csv', 'salon-2023-participants.xlsx'],
      noah: ['salon-2023-participants.xlsx'],
    });
  });

  it('refuses a configuration a share cannot honour, and stores nothing', async () => {
    const attempt = (config: Record<string, unknown>) => catalog.register({ kind: 'fileshare', name: 'bad-share', config });
    const problems = async (config: Record<string, unknown>) => {
      const error = await attempt(config).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems;
    };
    expect(await problems({ roots: ['shares/sales'] })).toEqual([{ path: 'config.roots.0', message: 'must be an absolute path, e.g. /mnt/share' }]);
    expect(await problems({ roots: [dir], erasure: { pdf: 'redact' } })).toEqual([{ path: 'config.erasure.pdf', message: 'PDF files are never rewritten: choose delete, quarantine or manual' }]);
    expect(await problems({ roots: [dir], erasure: { xlsx: 'quarantine' } })).toEqual([{ path: 'config.quarantineDir', message: 'erasure.xlsx is "quarantine": say where quarantined files go with quarantineDir' }]);
    expect(await problems({ roots: [dir], quarantineDir: path.join(dir, 'q') })).toEqual([{ path: 'config.quarantineDir', message: 'the quarantine folder must lie outside every root, or quarantined files would be indexed again' }]);
    expect(await problems({ roots: [dir], password: 'x' })).toEqual([{ path: 'config', message: 'unknown setting password; a file share takes roots, include, exclude, maxFileBytes, erasure, quarantineDir and crawlEvery' }]);
    expect(await problems({ roots: [dir], crawlEvery: 'hourly' })).toEqual([{ path: 'config.crawlEvery', message: 'a number of minutes, hours or days, e.g. 30m, 1h or 1d' }]);
    expect(await problems({ roots: [dir], crawlEvery: '1m' })).toEqual([{ path: 'config.crawlEvery', message: 'between 5 minutes (5m) and 30 days (30d)' }]);
    expect(await problems({ roots: [dir], crawlEvery: '31d' })).toEqual([{ path: 'config.crawlEvery', message: 'between 5 minutes (5m) and 30 days (30d)' }]);
    await expect(attempt({ roots: ['/nonexistent/share'] })).rejects.toThrow('Missing access: read /nonexistent/share');
    expect((await catalog.list()).map((c) => c.name)).toEqual(['shared-drive']);
  });
});
