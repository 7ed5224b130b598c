import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../core/actor.js';
import { loadConfig } from '../core/config.js';
import { createServices } from '../gateway/services.js';
import { boutiqueConnectorConfig, boutiqueSqlite, type Boutique } from '../test/fixtures/boutique.js';
import { main } from './main.js';

const dpo: Actor = { sub: 'dpo@lumiere.example', role: 'dpo' };
let home: string;
let env: NodeJS.ProcessEnv;
let shop: Boutique;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'gardien-register-cli-'));
  env = {
    GARDIEN_HOME: home,
    NODE_ENV: 'test',
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB: `cli_register_${randomBytes(6).toString('hex')}`,
    GARDIEN_SECRET_KEY: randomBytes(32).toString('base64'),
    GARDIEN_TOKEN_SECRET: randomBytes(32).toString('hex'),
  };
  shop = await boutiqueSqlite();
  const services = await createServices(loadConfig(env));
  try {
    await services.catalog.register({ kind: 'sql', name: 'boutique', config: boutiqueConnectorConfig(shop.url) });
    await services.catalog.register({ kind: 'sql', name: 'ancienne-boutique', config: boutiqueConnectorConfig(shop.url), enabled: false });
    const register = services.register;
    await register.setController(dpo, { name: 'Lumière SAS', address: '3 rue des Lilas, 69003 Lyon', registration: 'SIREN 000 000 000', dpo: { name: 'Claire Martin', email: 'dpo@lumiere.example' } });
    const accounting = await register.create(dpo, { template: 'accounting' });
    const customers = await register.create(dpo, { template: 'customer_management' });
    await register.create(dpo, { processing: { reference: 'TRT-HEBERGEMENT', name: { fr: 'Hébergement du site', en: 'Website hosting' }, purposes: [{ fr: 'Héberger le site marchand' }], transfers: [{ recipient: 'Cloud Inc.', country: 'US' }] } });
    await register.mapAll(dpo, 'boutique', [
      { object: 'commande', processing: accounting.id },
      { object: 'client', fields: ['nom', 'prenom', 'email'], processing: customers.id },
    ]);
  } finally {
    await services.close();
  }
});
afterAll(async () => {
  const services = await createServices(loadConfig(env));
  await services.storage.db.dropDatabase();
  await services.close();
  shop?.remove();
  rmSync(home, { recursive: true, force: true });
});

async function gardien(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const file = (name: string) => path.join(home, name);

describe('gardien register export', () => {
  it('writes a CSV with the columns of Art. 30(1), one row per processing, holding systems and gaps included', async () => {
    const run = await gardien('register', 'export', '--format', 'csv', '--out', file('registre.csv'));
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^wrote the register \(3 processings, \d+ gaps\) to .*registre\.csv$/);
    expect(run.err).toBe('ancienne-boutique: description enregistrée utilisée (disabled)');
    const rows = parse(readFileSync(file('registre.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['Référence'])).toEqual(['TRT-CLIENTS', 'TRT-COMPTA', 'TRT-HEBERGEMENT']);
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining([
      'Responsable du traitement et DPO (a)', 'Finalités (b)', 'Catégories de personnes concernées (c)', 'Catégories de données (c)',
      'Destinataires (d)', 'Transferts hors UE et garanties (e)', 'Durées de conservation (f)', 'Mesures de sécurité (g)', 'Base légale',
    ]));
    const compta = rows.find((r) => r['Référence'] === 'TRT-COMPTA')!;
    expect(compta['Base légale']).toMatch(/^Obligation légale \(RGPD art\. 6\(1\)\(c\)\)/);
    expect(compta['Systèmes et champs']).toBe('boutique (sql) › commande : id, client_id, numero, montant, passee_le');
    expect(compta['Durées de conservation (f)']).toContain('10 ans en archivage intermédiaire à compter de la clôture de l’exercice, puis suppression');
    expect(rows.find((r) => r['Référence'] === 'TRT-CLIENTS')!['Systèmes et champs']).toBe('boutique (sql) › client : nom, prenom, email');
    expect(rows.find((r) => r['Référence'] === 'TRT-HEBERGEMENT')!['Écarts']).toContain('transfère des données à Cloud Inc. (US) sans garantie');
    expect(compta['Responsable du traitement et DPO (a)']).toBe('Lumière SAS, 3 rue des Lilas, 69003 Lyon, SIREN 000 000 000 — DPO : Claire Martin, dpo@lumiere.example');
  });

  it('writes an XLSX workbook that opens with the register, the controller, the systems and the gaps', async () => {
    expect((await gardien('register', 'export', '--format', 'xlsx', '--out', file('register.xlsx'), '--lang', 'en')).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file('register.xlsx'));
    expect(book.worksheets.map((s) => s.name)).toEqual(['Register', 'Controller', 'Systems', 'Gaps']);
    const sheet = book.getWorksheet('Register')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Reference');
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(2).value)).toEqual(['Customer management', 'Accounting and invoicing', 'Website hosting']);
    const systems = book.getWorksheet('Systems')!;
    expect(systems.getRow(3).values).toEqual([undefined, 'TRT-COMPTA', 'Accounting and invoicing', 'boutique', 'boutique (sql) › commande: id, client_id, numero, montant, passee_le', 'read live']);
    const gaps = book.getWorksheet('Gaps')!;
    expect(gaps.getColumn(1).values).toContain('unmapped_objects');
  });

  it('writes the register as JSON, and prints it when no file is given', async () => {
    const run = await gardien('register', 'export', '--format', 'json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.out) as { controller: { name: string }; entries: { processing: { reference: string }; holdings: { object: string }[] }[]; gaps: { kind: string; objects?: string[] }[] };
    expect(doc.controller.name).toBe('Lumière SAS');
    expect(doc.entries.map((e) => [e.processing.reference, e.holdings.map((h) => h.object)])).toEqual([
      ['TRT-CLIENTS', ['client']],
      ['TRT-COMPTA', ['commande']],
      ['TRT-HEBERGEMENT', []],
    ]);
    expect(doc.gaps).toContainEqual(expect.objectContaining({ kind: 'unmapped_objects', objects: ['interaction'] }));
  });

  it('writes an HTML document naming every processing, in French or English', async () => {
    expect((await gardien('register', 'export', '--format', 'html', '--out', file('registre.html'))).code).toBe(0);
    const fr = readFileSync(file('registre.html'), 'utf8');
    expect(fr).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(fr).toContain('<h1>Registre des activités de traitement</h1>');
    for (const name of ['Gestion de la clientèle', 'Comptabilité et facturation', 'Hébergement du site']) expect(fr).toContain(name);
    expect(fr).toContain('@media print');
    const en = (await gardien('register', 'export', '--format', 'html', '--lang', 'en')).out;
    expect(en).toContain('<h1>Record of processing activities</h1>');
    expect(en).toContain('Website hosting');
  });

  it('lists the gaps, and explains bad usage', async () => {
    const gaps = await gardien('register', 'gaps', '--lang', 'en');
    expect(gaps.out).toContain('transfer_without_safeguard\tProcessing TRT-HEBERGEMENT "Website hosting" transfers data to Cloud Inc. (US) without a safeguard (Chapter V).');
    expect(gaps.out).toContain('unmapped_objects\tboutique: no processing explains interaction.');
    expect(await gardien('register', 'export', '--format', 'pdf')).toMatchObject({ code: 2, err: expect.stringContaining('--format is one of json, csv, xlsx, html') });
    expect(await gardien('register', 'export', '--format', 'xlsx')).toMatchObject({ code: 2, err: expect.stringContaining('say where to write it with --out') });
  });
});
