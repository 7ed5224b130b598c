import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { gardien, startGardien } from '../test/support/stack/cli.js';

const lines = (stdout: string) => stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('gardien detect', () => {
  it('prints one JSON line per input line, plain or JSON, keeping the id of a JSON line', async () => {
    const input = [
      'Cliente diabétique, syndiquée CGT',
      JSON.stringify({ id: 'crm-42', text: 'IBAN FR76 3000 6000 0112 3456 7890 189', owner: 'julie' }),
      '',
      'RAS, client satisfait',
    ].join('\n');
    const run = await gardien(['detect'], `${input}\n`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout)).toEqual([
      { line: 1, findings: [
        { start: 8, end: 18, category: 'health', rule: 'health:diabétique', confidence: 0.9 },
        { start: 20, end: 29, category: 'trade_union', rule: 'trade_union:syndiqué', confidence: 0.9 },
        { start: 30, end: 33, category: 'trade_union', rule: 'trade_union:CGT', confidence: 0.9 },
      ] },
      { id: 'crm-42', line: 2, findings: [{ start: 5, end: 38, category: 'bank', rule: 'iban', confidence: 0.98 }] },
      { line: 3, findings: [] },
      { line: 4, findings: [] },
    ]);
  }, 60_000);

  it('uses the lexicon of the language it is told', async () => {
    const english = await gardien(['detect', '--lang', 'en'], 'quel con\n');
    const french = await gardien(['detect', '--lang', 'fr'], 'quel con\n');
    expect(lines(english.stdout)).toEqual([{ line: 1, findings: [] }]);
    expect(lines(french.stdout)[0]!.findings).toMatchObject([{ category: 'subjective' }]);
  }, 60_000);

  it('answers each line as it comes, before the input ends', async () => {
    const child = startGardien(['detect']);
    child.stdin.write('sort de prison le mois dernier\n');
    const [first] = (await once(child.stdout, 'data')) as [Buffer];
    expect(JSON.parse(first.toString().split('\n')[0]!)).toMatchObject({ line: 1, findings: [{ category: 'offences' }] });
    child.stdin.end('no history of heart attack\n');
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
  }, 60_000);

  it('says which JSON line has no text, goes on, and exits with 1; refuses an unknown language with 2', async () => {
    const run = await gardien(['detect'], `${JSON.stringify({ id: 7, body: 'x' })}\nrude guy\n`);
    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      { id: 7, line: 1, error: 'a JSON line needs a string "text" field' },
      { line: 2, findings: [{ start: 0, end: 4, category: 'subjective', rule: 'subjective:rude', confidence: 0.9 }] },
    ]);
    const bad = await gardien(['detect', '--lang', 'de'], '');
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--lang must be fr, en or auto') });
  }, 60_000);
});
