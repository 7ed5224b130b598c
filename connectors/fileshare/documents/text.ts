/** Plain text and Markdown: a fragment per line; redaction rewrites only the lines concerned, byte for byte elsewhere. */
import type { DocumentFormat, Fragment } from './fragment.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
export const REDACTED = '[redacted]';

export interface DecodedText {
  text: string;
  encoding: 'utf8' | 'latin1';
  bom: boolean;
}

/** UTF-8 when it is, else Latin-1 (what older office tools write). */
export function decode(bytes: Buffer): DecodedText {
  const bom = bytes.subarray(0, 3).equals(BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8', bom };
  } catch {
    return { text: body.toString('latin1'), encoding: 'latin1', bom };
  }
}

export function decodeText(bytes: Buffer): string {
  return decode(bytes).text;
}

/** Back to bytes in the encoding the file had. */
export function encode(decoded: DecodedText): Buffer {
  const body = Buffer.from(decoded.text, decoded.encoding);
  return decoded.bom ? Buffer.concat([BOM, body]) : body;
}

export const textFormat: DocumentFormat = {
  async read(bytes) {
    const fragments: Fragment[] = [];
    decodeText(bytes)
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.replace(/\r$/, '');
        if (line.trim()) fragments.push({ location: { kind: 'line', line: i + 1 }, text: line, content: line });
      });
    return fragments;
  },

  async redact(bytes, targets) {
    const lines = new Set(targets.flatMap((t) => (t.location.kind === 'line' ? [t.location.line] : [])));
    return replaceLines(bytes, lines, () => REDACTED);
  },
};

/** Replaces whole lines (1-based) of a buffer, keeping every other byte, the line endings and a leading BOM. */
export function replaceLines(bytes: Buffer, lines: ReadonlySet<number>, replacement: (line: number) => string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline === -1 ? bytes.length : newline;
    if (lines.has(line)) {
      const crlf = end > start && bytes[end - 1] === 0x0d;
      const bom = line === 1 && bytes.subarray(0, 3).equals(BOM);
      parts.push(Buffer.from(`${bom ? '\ufeff' : ''}${replacement(line)}${crlf ? '\r' : ''}`));
    } else {
      parts.push(bytes.subarray(start, end));
    }
    if (newline === -1) break;
    parts.push(bytes.subarray(newline, newline + 1));
    start = newline + 1;
  }
  return Buffer.concat(parts);
}
