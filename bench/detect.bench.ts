/**
 * The free-text detector: precision, recall and F1 per category on the held-out notes (never tuned on)
 * and the dev notes (tuned on), by language, then its throughput on one core.
 */
import { availableParallelism, loadavg } from 'node:os';
import { FREE_TEXT_CATEGORIES } from '../core/freetext/categories.js';
import { detectSensitive } from '../core/freetext/detect.js';
import { CORPORA, evaluate, loadCorpus, type LabelledNote, type Scores } from '../test/support/freetext/corpus.js';
import { buildWorkload, measureThroughput, noteLatency, unseenVocabulary } from './detect-throughput.js';
import { printTable } from './stats.js';

const DOCUMENTS = Number(process.env.BENCH_DETECT_DOCUMENTS ?? 4000);
const pct = (value: number) => value.toFixed(3);

function row(name: string, s: Scores): string[] {
  return [name, String(s.tp + s.fn), String(s.tp), String(s.fp), String(s.fn), pct(s.precision), pct(s.recall), pct(s.f1)];
}

function printEvaluation(title: string, notes: readonly LabelledNote[]): void {
  const result = evaluate(notes, (note) => detectSensitive(note.text));
  const rows = [['category', 'notes', 'tp', 'fp', 'fn', 'precision', 'recall', 'F1']];
  for (const category of FREE_TEXT_CATEGORIES) rows.push(row(category, result.perCategory[category]));
  rows.push(row('micro (all pairs)', result.micro));
  rows.push(['macro (mean of categories)', '', '', '', '', pct(result.macro.precision), pct(result.macro.recall), pct(result.macro.f1)]);
  for (const lang of ['fr', 'en'] as const) {
    const byLang = evaluate(notes.filter((n) => n.lang === lang), (note) => detectSensitive(note.text));
    rows.push([`${lang} only: micro / macro F1`, String(notes.filter((n) => n.lang === lang).length), '', '', '', '', pct(byLang.micro.f1), pct(byLang.macro.f1)]);
  }
  const negatives = notes.filter((n) => n.labels.length === 0).length;
  printTable(`${title}: ${notes.length} notes (${negatives} negatives), scored per note and category, language guessed (--lang auto)`, rows);
  if (process.env.BENCH_DETECT_ERRORS && title.startsWith('Dev')) {
    for (const e of result.errors) process.stdout.write(`  ${e.note.id} missed=${e.missed.join(',')} extra=${e.extra.join(',')}: ${e.note.text}\n`);
  }
}

export async function run(): Promise<void> {
  const heldOut = loadCorpus(CORPORA.heldOut);
  const dev = loadCorpus(CORPORA.dev);
  printEvaluation('Held-out notes (written before the detector, never used to tune it)', heldOut);
  printEvaluation('Dev notes (the lexicons and rules were tuned on these)', dev);

  const texts = [...heldOut, ...dev].map((n) => n.text);
  const workload = buildWorkload(texts, DOCUMENTS);
  const kilobytes = workload.reduce((sum, t) => sum + Buffer.byteLength(t), 0) / 1024;
  const warm = measureThroughput(workload);
  const unseen = measureThroughput(unseenVocabulary(workload));
  const latency = noteLatency(texts, 2048);
  printTable('Throughput on one core (one Node.js thread, CPU time of this process)', [
    ['workload', 'MB/s (CPU)', 'MB/s (wall)', 'detected'],
    ['notes of the corpus, mixed sizes', warm.megabytesPerSecondCpu.toFixed(1), warm.megabytesPerSecondWall.toFixed(1), `${warm.megabytes.toFixed(0)} MB in ${warm.passes} passes`],
    ['same, every word unseen before', unseen.megabytesPerSecondCpu.toFixed(1), unseen.megabytesPerSecondWall.toFixed(1), `${unseen.megabytes.toFixed(0)} MB in ${unseen.passes} passes`],
    ['one 2 KB note, median / p99', latency.median, latency.p99, '2000 notes'],
  ]);
  process.stdout.write(`  settings: ${workload.length} notes (${kilobytes.toFixed(0)} KB): half one line, 30% five notes, 15% thirty, 5% a hundred and fifty; two warm passes, then passes until 3 s of CPU.\n`);
  process.stdout.write(`  machine load (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(1)).join(', ')}, on ${availableParallelism()} cores; CPU time counts this thread only, wall time counts waiting for a core too.\n`);
  process.stdout.write('  flattering: the notes come from the corpus, so their words repeat (each word is looked up once and remembered);\n');
  process.stdout.write('  the "unseen" line defeats that. Reading stdin and writing JSON (the CLI) are not counted.\n');
  process.stdout.write('  unflattering: two thirds of the corpus notes hold sensitive words, far more than real notes, and each hit costs context checks.\n');
}
