import type { FileFormat } from '../config.js';
import { delimitedFormat } from './csv.js';
import { docxFormat } from './docx.js';
import { emlFormat } from './eml.js';
import type { DocumentFormat } from './fragment.js';
import { jsonFormat } from './json.js';
import { pdfFormat } from './pdf.js';
import { textFormat } from './text.js';
import { xlsxFormat } from './xlsx.js';

/** How each format is read and, where it can be safely, rewritten. */
export const DOCUMENT_FORMATS: Record<FileFormat, DocumentFormat> = {
  csv: delimitedFormat(false),
  tsv: delimitedFormat(true),
  xlsx: xlsxFormat,
  docx: docxFormat,
  pdf: pdfFormat,
  txt: textFormat,
  md: textFormat,
  json: jsonFormat,
  eml: emlFormat,
};
