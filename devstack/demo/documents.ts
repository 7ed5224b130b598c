/**
 * The demo share's documents (and the tests' and benchmarks'), written with the
 * libraries people's own tools agree with: ExcelJS, docx, PDFKit, Nodemailer.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import PDFDocument from 'pdfkit';

export interface Sheet {
  name: string;
  rows: (string | number | null | { text: string; hyperlink: string })[][];
}

export async function xlsxBytes(sheets: readonly Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const sheet of sheets) workbook.addWorksheet(sheet.name).addRows(sheet.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
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
