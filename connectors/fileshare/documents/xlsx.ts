/**
 * XLSX workbooks (every sheet, hidden ones too): a fragment per row. Redaction
 * clears the row's cells and keeps the row, so formulas and other rows'
 * positions hold; a workbook holding parts ExcelJS would not write back
 * (charts, pivot tables, macros, drawings…) is left to a person instead.
 */
import ExcelJS from 'exceljs';
import { headerOf, rowContent, rowName } from './columns.js';
import { type DocumentFormat, type Fragment, RedactionRefused, UnreadableDocument } from './fragment.js';
import { archiveLimits, checkArchive } from './zip.js';

const NOT_ROUND_TRIPPED = /^xl\/(charts|chartsheets|pivotTables|pivotCache|externalLinks|slicers|slicerCaches|timelines|activeX|ctrlProps|embeddings|drawings|threadedComments|persons|vbaProject\.bin)/;

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableDocument('malformed', `not a readable XLSX workbook: ${(error as Error).message}`);
  }
  return workbook;
}

function cellTexts(row: ExcelJS.Row): string[] {
  const texts: string[] = [];
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    texts[column - 1] = cell.text ?? '';
  });
  return Array.from(texts, (t) => t ?? '');
}

export const xlsxFormat: DocumentFormat = {
  async read(bytes, context) {
    await checkArchive(bytes, archiveLimits(context.maxFileBytes));
    const workbook = await load(bytes);
    const fragments: Fragment[] = [];
    workbook.eachSheet((sheet) => {
      let header: ReturnType<typeof headerOf>;
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells = cellTexts(row);
        if (rowNumber === 1) {
          header = headerOf(cells);
          if (header) return;
        }
        if (cells.every((c) => c.trim() === '')) return;
        fragments.push({ location: { kind: 'row', sheet: sheet.name, row: rowNumber }, text: cells.join(' , '), content: rowContent(header, cells), names: rowName(header, cells) });
      });
    });
    return fragments;
  },

  async redact(bytes, targets, _names, context) {
    const entries = await checkArchive(bytes, archiveLimits(context.maxFileBytes));
    const unsafe = entries.find((name) => NOT_ROUND_TRIPPED.test(name));
    if (unsafe) throw new RedactionRefused(`the workbook holds ${unsafe.split('/')[1]} that would be lost if it were rewritten: clear the rows by hand`);
    const workbook = await load(bytes);
    let cleared = 0;
    for (const target of targets) {
      if (target.location.kind !== 'row') continue;
      const sheet = workbook.getWorksheet(target.location.sheet);
      if (!sheet) continue;
      sheet.getRow(target.location.row).eachCell({ includeEmpty: false }, (cell) => {
        cell.value = null;
        cleared++;
      });
    }
    if (cleared === 0) throw new RedactionRefused('the rows to redact are no longer in the workbook');
    return Buffer.from(await workbook.xlsx.writeBuffer());
  },
};
