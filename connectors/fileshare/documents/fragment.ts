/**
 * A document is read as fragments: the smallest parts that are about one
 * person and can be shown, and redacted, on their own — a spreadsheet row, a
 * line of text, a paragraph, a JSON object, an email header address.
 */
import type { FileFormat } from '../config.js';

export type Location =
  | { kind: 'row'; sheet?: string; row: number }
  | { kind: 'line'; line: number }
  | { kind: 'paragraph'; paragraph: number }
  | { kind: 'page'; page: number; line: number }
  | { kind: 'json'; path: string }
  | { kind: 'header'; header: string; index: number }
  | { kind: 'body'; line: number };

export interface Fragment {
  location: Location;
  /** The text identifiers are looked for in. */
  text: string;
  /** What a reader is shown: a row as column → value, a line, a JSON object. JSON-safe. */
  content: unknown;
  /** Names the format itself puts beside the identifiers (a Name column, an address's display name). */
  names?: string[];
}

/** Thrown by a reader for a file it cannot make sense of; the crawl records the reason and goes on. */
export class UnreadableDocument extends Error {
  constructor(
    readonly reason: 'malformed' | 'archive_bomb' | 'unsafe_archive' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

/** Why a redaction was not done; the erasure becomes a task for a person. */
export class RedactionRefused extends Error {}

export interface ReadContext {
  maxFileBytes: number;
  /** Whether a text holds an email or phone number (JSON records are the objects that do). */
  hasIdentifier(text: string): boolean;
  /** The emails, phone numbers and names in a text, as written. */
  identifiersIn(text: string): { kind: 'email' | 'phone' | 'name'; raw: string }[];
}

export interface DocumentFormat {
  read(bytes: Buffer, context: ReadContext): Promise<Fragment[]>;
  /**
   * The document without the given fragments' personal data, or throws
   * RedactionRefused. `names` are the subject's names found beside their identifiers.
   */
  redact?(bytes: Buffer, targets: Fragment[], names: string[], context: ReadContext): Promise<Buffer>;
}

export function locationKey(location: Location): string {
  switch (location.kind) {
    case 'row':
      return location.sheet === undefined ? `row:${location.row}` : `row:${location.sheet}:${location.row}`;
    case 'line':
      return `line:${location.line}`;
    case 'paragraph':
      return `paragraph:${location.paragraph}`;
    case 'page':
      return `page:${location.page}:${location.line}`;
    case 'json':
      return `json:${location.path}`;
    case 'header':
      return `header:${location.header}:${location.index}`;
    case 'body':
      return `body:${location.line}`;
  }
}

/** Where a fragment is, as a person reads it: "sheet Attendees, row 3", "page 2, line 5". */
export function describeLocation(location: Location, format: FileFormat): string {
  switch (location.kind) {
    case 'row':
      return location.sheet === undefined ? `row ${location.row}` : `sheet ${location.sheet}, row ${location.row}`;
    case 'line':
      return `line ${location.line}`;
    case 'paragraph':
      return `paragraph ${location.paragraph}`;
    case 'page':
      return `page ${location.page}, line ${location.line}`;
    case 'json':
      return location.path;
    case 'header':
      return `${location.header} header${format === 'eml' && location.index > 0 ? `, address ${location.index + 1}` : ''}`;
    case 'body':
      return `body line ${location.line}`;
  }
}
