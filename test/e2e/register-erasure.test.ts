/**
 * The register drives erasure (Art. 17(3)(b)): orders mapped to the accounting
 * processing (a legal obligation, ten years) are kept under that hold while the
 * customer is erased — unless IT's connector config states a hold of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/actor.js';
import { AuditTrail } from '../../core/audit.js';
import { ProcessingRegister } from '../../core/register/service.js';
import { verifyReport } from '../../core/report/verify.js';
import { AuditRepository } from '../../core/storage/audit.js';
import { CatalogRegisterSystems } from '../../gateway/register-systems.js';
import { BOUTIQUE_SUBJECT, boutiqueConnectorConfig, boutiqueSqlite, type Boutique } from '../fixtures/boutique.js';
import { codeFrom, mailAbout, startHarness, type Harness } from '../support/workflows/harness.js';

const dpo: Actor = { sub: 'dpo@boutique.example', role: 'dpo' };
const it_: Actor = { sub: 'it@boutique.example', role: 'it' };
const OWN_HOLD = { basis: 'Contrat-cadre avec la banque : commandes gardées 12 ans', retainForDays: 4383 };

describe('an erasure keeps what the register holds for a legal obligation (real Temporal, SQLite)', () => {
  let h: Harness;
  let shop: Boutique;
  let shopWithOwnHold: Boutique;

  beforeAll(async () => {
    h = await startHarness();
    [shop, shopWithOwnHold] = await Promise.all([boutiqueSqlite(), boutiqueSqlite()]);
    await h.catalog.register({ kind: 'sql', name: 'boutique', config: boutiqueConnectorConfig(shop.url) });
    await h.catalog.register({
      kind: 'sql',
      name: 'boutique-archive',
      config: boutiqueConnectorConfig(shopWithOwnHold.url, { erasure: { commande: { strategy: 'retain', legalHold: OWN_HOLD } } }),
    });
    const audit = new AuditTrail(new AuditRepository(h.storage), h.config.secretKeys[0]!);
    const register = new ProcessingRegister(h.services.processings, audit, new CatalogRegisterSystems(h.catalog, 5000));
    const accounting = await register.create(dpo, { template: 'accounting' });
    const customers = await register.create(dpo, { template: 'customer_management' });
    const service = await register.create(dpo, { template: 'customer_service' });
    for (const connector of ['boutique', 'boutique-archive']) {
      await register.mapAll(it_, connector, [
        { object: 'commande', processing: accounting.id },
        { object: 'commande', processing: customers.id },
        { object: 'client', processing: customers.id },
        { object: 'interaction', processing: service.id },
      ]);
    }
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    shop?.remove();
    shopWithOwnHold?.remove();
  });

  it('keeps her orders under the accounting hold, anonymises her customer row, deletes her exchanges, and says why in the signed report', async () => {
    const { request } = await h.requests.submit({ type: 'ERASURE', identity: BOUTIQUE_SUBJECT });
    await h.requests.verify(request._id, codeFrom((await mailAbout(request._id, BOUTIQUE_SUBJECT.email, 'verification code')).text));
    expect((await h.temporal.result(request._id)).status).toBe('COMPLETED');

    const rows = async (sql: string) => (await shop.client.execute(sql)).rows.map((r) => ({ ...r }));
    expect(await rows('SELECT id, numero, montant FROM commande WHERE client_id = 1 ORDER BY id')).toEqual([
      { id: 10, numero: 'CMD-2024-0112', montant: 89.9 },
      { id: 11, numero: 'CMD-2024-0407', montant: 42 },
    ]);
    const [customer] = await rows('SELECT nom, prenom, email, telephone, adresse, ville FROM client WHERE id = 1');
    expect(JSON.stringify(customer)).not.toMatch(/Lefèvre|Aurore|aurore\.lefevre|06 41|Capucins|Lyon/);
    expect(await rows('SELECT id FROM interaction WHERE client_id = 1')).toEqual([]);
    // Her neighbour in the database is untouched.
    expect(await rows("SELECT nom FROM client WHERE id = 2")).toEqual([{ nom: 'Roux' }]);
    expect(await rows('SELECT id FROM interaction WHERE client_id = 2')).toEqual([{ id: 200 }]);

    const doc = await h.requests.get(request._id);
    const { report } = await verifyReport((await h.services.reports.file(doc.reportId!)).jws, await h.services.signingKeys.jwks());
    const byName = Object.fromEntries(report.systems.map((s) => [s.name, s]));
    const tenYears = String(new Date().getUTCFullYear() + 10);
    expect(byName.boutique!.erasure?.retained).toEqual([
      { object: 'commande', records: 2, basis: expect.stringMatching(/L123-22.*registre : TRT-COMPTA Comptabilité et facturation/), retainUntil: expect.stringMatching(new RegExp(`^${tenYears}-`)) },
    ]);
    // Her customer row no longer names her: the kept orders cannot be traced back to her identity.
    expect(byName.boutique!.erasure?.verification).toMatchObject({ remaining: 0, unexpected: [] });
    expect(byName.boutique!.erasure?.actions).toEqual({ retained: 2, anonymised: 1, deleted: 2 });
    // IT's own hold for the archive copy wins over the register's.
    expect(byName['boutique-archive']!.erasure?.retained).toEqual([{ object: 'commande', records: 2, basis: OWN_HOLD.basis, retainUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
  }, 180_000);
});
