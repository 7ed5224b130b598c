/** The register as a file: JSON (the structure), CSV and XLSX (the table, plus systems and gaps), HTML (a document for an auditor). */
import { stringify } from 'csv-stringify/sync';
import { controllerText, holdingText, registerTable, type RegisterDocument } from './document.js';
import { renderRegisterHtml } from './html.js';
import type { Language } from './labels.js';
import { textIn } from './model.js';
import { sourceText } from './text.js';

export const REGISTER_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

export interface RenderedRegister {
  body: Buffer;
  contentType: string;
  /** e.g. `registre-2026-01-15.xlsx` / `register-2026-01-15.csv`. */
  filename: string;
}

const CONTENT_TYPES: Record<RegisterFormat, string> = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export async function renderRegister(doc: RegisterDocument, format: RegisterFormat, language: Language): Promise<RenderedRegister> {
  const filename = `${language === 'fr' ? 'registre' : 'register'}-${doc.generatedAt.toISOString().slice(0, 10)}.${format}`;
  return { body: await body(doc, format, language), contentType: CONTENT_TYPES[format], filename };
}

async function body(doc: RegisterDocument, format: RegisterFormat, language: Language): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(doc, null, 2)}\n`);
    case 'csv': {
      const { headers, rows } = registerTable(doc, language);
      // A BOM so spreadsheets read it as UTF-8 (accents in French headings).
      return Buffer.from(`\ufeff${stringify([headers, ...rows], { record_delimiter: '\r\n' })}`);
    }
    case 'xlsx':
      return xlsx(doc, language);
    case 'html':
      return Buffer.from(renderRegisterHtml(doc, language));
  }
}

const SHEETS = {
  fr: { register: 'Registre', controller: 'Responsable', systems: 'Systèmes', gaps: 'Écarts' },
  en: { register: 'Register', controller: 'Controller', systems: 'Systems', gaps: 'Gaps' },
} as const;

async function xlsx(doc: RegisterDocument, language: Language): Promise<Buffer> {
  // Loaded when asked: exceljs is heavy, and every `gardien` command loads this file.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Gardien';
  book.created = doc.generatedAt;
  const names = SHEETS[language];
  const { headers, rows } = registerTable(doc, language);
  const register = book.addWorksheet(names.register, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  register.addRow(headers).font = { bold: true };
  for (const row of rows) register.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  register.columns.forEach((column, i) => (column.width = i < 2 ? 24 : 42));

  const controller = book.addWorksheet(names.controller);
  controller.addRow([language === 'fr' ? 'Responsable du traitement (art. 30(1)(a))' : 'Controller (Art. 30(1)(a))', controllerText(doc.controller, language)]);
  controller.addRow([language === 'fr' ? 'Généré le' : 'Generated', doc.generatedAt.toISOString()]);
  controller.getColumn(1).width = 42;
  controller.getColumn(2).width = 100;

  const systems = book.addWorksheet(names.systems);
  systems.addRow(language === 'fr' ? ['Référence', 'Traitement', 'Système', 'Objet et champs', 'Description'] : ['Reference', 'Processing', 'System', 'Object and fields', 'Description']).font = { bold: true };
  for (const entry of doc.entries) {
    for (const h of entry.holdings) {
      systems.addRow([entry.processing.reference ?? '', textIn(entry.processing.name, language), h.connectorName, holdingText(h, language), sourceText(h.source, language)]);
    }
  }
  systems.columns.forEach((column) => (column.width = 36));

  const gaps = book.addWorksheet(names.gaps);
  gaps.addRow(language === 'fr' ? ['Type', 'Écart'] : ['Kind', 'Gap']).font = { bold: true };
  for (const gap of doc.gaps) gaps.addRow([gap.kind, gap.message[language]]);
  gaps.getColumn(2).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}
