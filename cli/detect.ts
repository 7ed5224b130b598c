/**
 * `gardien detect [--lang fr|en|auto]`: reads notes from standard input, one a line (plain text, or a JSON
 * object with a `text` field and maybe an `id`), and prints one JSON line per input line with its findings.
 * Reads line by line and waits for stdout to drain: a large export never sits whole in memory.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { detectSensitive, type DetectOptions } from '../core/freetext/detect.js';
import type { Command } from './main.js';
import { type CliIo, UsageError, parseCommandArgs, processIo } from './io.js';

const USAGE = 'gardien detect [--lang fr|en|auto] < notes.txt   (one note a line, plain or JSON with a "text" field)';

interface Note {
  id?: unknown;
  text?: string;
  error?: string;
}

/** A line is JSON when it is an object with a string `text`; anything else is the note itself. */
function readNote(line: string): Note {
  if (!line.trimStart().startsWith('{')) return { text: line };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { text: line };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { text: line };
  const { id, text } = parsed as Record<string, unknown>;
  if (typeof text !== 'string') return { ...(id !== undefined ? { id } : {}), error: 'a JSON line needs a string "text" field' };
  return { ...(id !== undefined ? { id } : {}), text };
}

export async function runDetect(input: Readable, options: DetectOptions, write: (line: string) => Promise<void> | void): Promise<number> {
  let failed = 0;
  let number = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    number++;
    const note = readNote(line);
    const head = { ...(note.id !== undefined ? { id: note.id } : {}), line: number };
    if (note.error !== undefined) {
      failed++;
      await write(JSON.stringify({ ...head, error: note.error }));
      continue;
    }
    const findings = detectSensitive(note.text ?? '', options).map(({ start, end, category, rule, confidence }) => ({ start, end, category, rule, confidence }));
    await write(JSON.stringify({ ...head, findings }));
  }
  return failed > 0 ? 1 : 0;
}

/** Writes a line to stdout, waiting when its buffer is full so a slow reader slows us down. */
function writeToStdout(line: string): Promise<void> | void {
  if (process.stdout.write(`${line}\n`)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}

export const detectCommand: Command = {
  summary: 'find sensitive data (health, opinions, offences, IBANs, insults…) in notes read from stdin',
  usage: USAGE,
  async run(args, io: CliIo) {
    const { values } = parseCommandArgs(args, { lang: { type: 'string', default: 'auto' } });
    const lang = values.lang;
    if (lang !== 'fr' && lang !== 'en' && lang !== 'auto') throw new UsageError(`--lang must be fr, en or auto, not "${lang}"`);
    return runDetect(process.stdin, { lang }, io === processIo ? writeToStdout : io.stdout);
  },
};
