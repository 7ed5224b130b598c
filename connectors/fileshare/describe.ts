/** The share's data map: one object per document format, with the fields every record carries and how it is erased. */
import type { ConnectorDescription, FieldDescription, ObjectDescription, ObjectErasure } from '../sdk/contract.js';
import { FILE_FORMATS, type FileErasure, type FileFormat, type FileshareConfig, erasureOf } from './config.js';

const LABELS: Record<FileFormat, string> = {
  csv: 'CSV files (a record per row)',
  tsv: 'TSV files (a record per row)',
  xlsx: 'Excel workbooks (a record per row of each sheet)',
  docx: 'Word documents (a record per paragraph)',
  pdf: 'PDF documents (a record per line of the text layer)',
  txt: 'Text files (a record per line)',
  md: 'Markdown notes (a record per line)',
  json: 'JSON files (a record per object holding an identifier)',
  eml: 'Email files (a record per address, subject or body line)',
};

export const RECORD_FIELDS: FieldDescription[] = [
  { name: 'file', type: 'path', category: 'technical' },
  { name: 'location', type: 'text', category: 'technical' },
  { name: 'email', type: 'email', category: 'contact', identifier: 'email' },
  { name: 'phone', type: 'phone', category: 'contact', identifier: 'phone' },
  { name: 'name', type: 'text', category: 'identity' },
  { name: 'content', type: 'excerpt', category: 'communication', freeText: true },
];

export function objectErasure(erasure: FileErasure): ObjectErasure {
  switch (erasure) {
    case 'redact':
      return { strategy: 'anonymise' };
    case 'delete':
    case 'quarantine':
      return { strategy: 'delete' };
    case 'manual':
      return { strategy: 'manual' };
  }
}

export function describeShare(config: FileshareConfig): ConnectorDescription {
  const objects: ObjectDescription[] = FILE_FORMATS.map((format) => ({
    name: format,
    label: LABELS[format],
    fields: RECORD_FIELDS,
    erasure: objectErasure(erasureOf(config, format)),
    source: config.roots.join(', '),
  }));
  return { kind: 'fileshare', capabilities: ['locate', 'read', 'erase'], erasureStrategies: ['anonymise', 'delete', 'retain', 'manual'], objects };
}
