/**
 * Real documents for tests and the demo share, written with the libraries
 * people's own tools agree with (ExcelJS, docx, PDFKit, Nodemailer), and the
 * connector opened as the catalog would open it.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import PDFDocument from 'pdfkit';
import { createLogger } from '../../core/logger.js';
import { Storage } from '../../core/storage/mongo.js';
import type { ConnectorContext } from '../sdk/contract.js';
import type { AtomicHooks } from './atomic.js';
import { fileshareConfigSchema } from './config.js';
import type { FileshareConnector } from './connector.js';
import { createFileshareConnector } from './plugin.js';

export interface Sheet {
  name: string;
  rows: (string | number | null | { text: string; hyperlink: string })[][];
}

export async function xlsxBytes(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) workbook.addWorksheet(sheet.name).addRows(sheet.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every sheet's rows as text, as a person opening the workbook sees them. */
export async function xlsxRows(bytes: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: sheet.columnCount }, (_, c) => row.getCell(c + 1).text ?? ''));
    }
    sheets[sheet.name] = rows;
  });
  return sheets;
}

export async function docxBytes(paragraphs: readonly string[]): Promise<Buffer> {
  const document = new Document({ creator: 'Gardien tests', sections: [{ children: paragraphs.map((text) => new Paragraph(text)) }] });
  return Packer.toBuffer(document);
}

/** A PDF with a real text layer: one page per entry, one line per string. */
export async function pdfBytes(pages: readonly (readonly string[])[]): Promise<Buffer> {
  const pdf = new PDFDocument({ autoFirstPage: false, info: { Title: 'Gardien test document' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  for (const lines of pages) {
    pdf.addPage();
    pdf.font('Helvetica').fontSize(11);
    for (const line of lines) pdf.text(line);
  }
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

export function emlBytes(message: Mail.Options): Promise<Buffer> {
  return new Promise((resolve, reject) => new MailComposer(message).compile().build((error, out) => (error ? reject(error) : resolve(out))));
}

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, content);
  }
}

export function testContext(storage: Storage, overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return { connectorId: 'conn_fileshare_test', name: 'shared-drive', logger: createLogger('connector:shared-drive'), timeoutMs: 10_000, defaultCountry: 'FR', storage, ...overrides };
}

export function openShare(storage: Storage, config: Record<string, unknown>, options: { context?: Partial<ConnectorContext>; hooks?: AtomicHooks } = {}): Promise<FileshareConnector> {
  return createFileshareConnector(fileshareConfigSchema.parse(config), {}, testContext(storage, options.context), options.hooks);
}

/** A fresh database on the test stack's MongoDB-protocol server, as Gardien's Storage, and a temporary folder. */
export async function openTestShare(prefix: string): Promise<{ storage: Storage; dir: string; close(): Promise<void> }> {
  const { mongoTestDb } = await import('../../test/support/db.js');
  const db = await mongoTestDb(prefix);
  const storage = await Storage.open(db.uri, db.name);
  const dir = await fs.mkdtemp(path.join(tmpdir(), `gardien-${prefix}-`));
  return {
    storage,
    dir,
    async close() {
      await storage.close();
      await db.drop();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
