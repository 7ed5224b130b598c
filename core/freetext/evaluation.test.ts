/** The detector's quality on notes it was never tuned on: the held-out file, scored note by category. */
import { describe, expect, it } from 'vitest';
import { CORPORA, evaluate, loadCorpus } from '../../test/support/freetext/corpus.js';
import { FREE_TEXT_CATEGORIES } from './categories.js';
import { detectSensitive } from './detect.js';

const heldOut = loadCorpus(CORPORA.heldOut);
const dev = loadCorpus(CORPORA.dev);

describe('evaluation corpus', () => {
  it('holds at least 600 notes, 250 of them held out, French the majority, a third or more negatives, every category present', () => {
    const all = [...heldOut, ...dev];
    expect(heldOut.length).toBeGreaterThanOrEqual(250);
    expect(all.length).toBeGreaterThanOrEqual(600);
    expect(all.filter((n) => n.lang === 'fr').length).toBeGreaterThan(all.length / 2);
    expect(heldOut.filter((n) => n.labels.length === 0).length).toBeGreaterThanOrEqual(heldOut.length / 3);
    for (const category of FREE_TEXT_CATEGORIES) expect(heldOut.filter((n) => n.labels.includes(category)).length, category).toBeGreaterThanOrEqual(10);
  });

  it('keeps the held-out notes out of the dev file', () => {
    const devTexts = new Set(dev.map((n) => n.text));
    expect(heldOut.filter((n) => devTexts.has(n.text))).toEqual([]);
  });
});

describe('quality on the held-out notes', () => {
  const result = evaluate(heldOut, (note) => detectSensitive(note.text));

  it('reaches F1 ≥ 0.90 overall, micro and macro', () => {
    expect(result.micro.f1).toBeGreaterThanOrEqual(0.9);
    expect(result.macro.f1).toBeGreaterThanOrEqual(0.9);
  });

  for (const category of FREE_TEXT_CATEGORIES) {
    it(`reaches F1 ≥ 0.80 on ${category}`, () => expect(result.perCategory[category].f1).toBeGreaterThanOrEqual(0.8));
  }

  it('reaches F1 ≥ 0.90 in French and in English alike', () => {
    for (const lang of ['fr', 'en'] as const) {
      const notes = heldOut.filter((n) => n.lang === lang);
      expect(evaluate(notes, (note) => detectSensitive(note.text)).micro.f1, lang).toBeGreaterThanOrEqual(0.9);
    }
  });
});
