/** The labelled notes of test/fixtures/freetext: loading them and scoring the detector on them, note by category. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FREE_TEXT_CATEGORIES, isFreeTextCategory, type FreeTextCategory } from '../../../core/freetext/categories.js';
import type { Finding } from '../../../core/freetext/detect.js';

export interface LabelledNote {
  id: string;
  lang: 'fr' | 'en';
  text: string;
  labels: FreeTextCategory[];
}

export const CORPORA = { heldOut: 'held-out.jsonl', dev: 'dev.jsonl' } as const;

export function loadCorpus(file: string): LabelledNote[] {
  const path = fileURLToPath(new URL(`../../fixtures/freetext/${file}`, import.meta.url));
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim()).map((line) => {
    const note = JSON.parse(line) as LabelledNote;
    for (const label of note.labels) if (!isFreeTextCategory(label)) throw new Error(`${file} ${note.id}: unknown category ${label}`);
    return note;
  });
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  notes: number;
  perCategory: Record<FreeTextCategory, Scores>;
  micro: Scores;
  /** Mean of the per-category F1 (and precision, recall) over categories present in the labels or the findings. */
  macro: Omit<Scores, keyof Counts>;
  /** Notes where the detector and the labels disagree, for tuning on the dev file. */
  errors: { note: LabelledNote; missed: FreeTextCategory[]; extra: FreeTextCategory[]; findings: Finding[] }[];
}

function scores(c: Counts): Scores {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Scores each (note, category) pair: a category found in a note counts once, however many spans. */
export function evaluate(notes: readonly LabelledNote[], detect: (note: LabelledNote) => Finding[]): Evaluation {
  const counts = Object.fromEntries(FREE_TEXT_CATEGORIES.map((c) => [c, { tp: 0, fp: 0, fn: 0 }])) as Record<FreeTextCategory, Counts>;
  const errors: Evaluation['errors'] = [];
  for (const note of notes) {
    const findings = detect(note);
    const found = new Set(findings.map((f) => f.category));
    const labelled = new Set(note.labels);
    const missed = [...labelled].filter((c) => !found.has(c));
    const extra = [...found].filter((c) => !labelled.has(c));
    for (const c of labelled) counts[c][found.has(c) ? 'tp' : 'fn']++;
    for (const c of extra) counts[c].fp++;
    if (missed.length > 0 || extra.length > 0) errors.push({ note, missed, extra, findings });
  }
  const perCategory = Object.fromEntries(FREE_TEXT_CATEGORIES.map((c) => [c, scores(counts[c])])) as Record<FreeTextCategory, Scores>;
  const total = FREE_TEXT_CATEGORIES.reduce((sum, c) => ({ tp: sum.tp + counts[c].tp, fp: sum.fp + counts[c].fp, fn: sum.fn + counts[c].fn }), { tp: 0, fp: 0, fn: 0 });
  const present = FREE_TEXT_CATEGORIES.filter((c) => counts[c].tp + counts[c].fp + counts[c].fn > 0);
  const mean = (pick: (s: Scores) => number) => present.reduce((sum, c) => sum + pick(perCategory[c]), 0) / Math.max(1, present.length);
  return {
    notes: notes.length,
    perCategory,
    micro: scores(total),
    macro: { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1) },
    errors,
  };
}
