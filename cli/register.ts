/** `gardien register export|gaps`: the Art. 30 register as a file, and what it lacks. */
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../core/config.js';
import { renderRegister, REGISTER_FORMATS, type RegisterFormat } from '../core/register/render.js';
import { createServices, type Services } from '../gateway/services.js';
import { type CliIo, UsageError, parseCommandArgs } from './io.js';
import type { Command } from './main.js';

const USAGE = [
  'gardien register export --format csv|xlsx|json|html [--out <file>] [--lang fr|en]',
  'gardien register gaps [--lang fr|en]',
].join('\n       ');

type Action = (args: readonly string[]) => (services: Services, io: CliIo) => Promise<number>;

function language(value: string | undefined): 'fr' | 'en' {
  if (value === undefined || value === 'fr' || value === 'en') return value ?? 'fr';
  throw new UsageError(`--lang is fr or en, not "${value}"`);
}

const exportRegister: Action = (args) => {
  const { values } = parseCommandArgs(args, { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } });
  const format = values.format as RegisterFormat | undefined;
  if (!format || !REGISTER_FORMATS.includes(format)) throw new UsageError(`--format is one of ${REGISTER_FORMATS.join(', ')}`);
  if (format === 'xlsx' && !values.out) throw new UsageError('an xlsx file is binary: say where to write it with --out');
  const lang = language(values.lang);
  return async (services, io) => {
    const doc = await services.register.document();
    const rendered = await renderRegister(doc, format, lang);
    for (const system of doc.systems.filter((s) => s.source !== 'live')) {
      io.stderr(`${system.name}: ${lang === 'fr' ? 'description enregistrée utilisée' : 'stored description used'} (${system.problem ?? 'no live description'})`);
    }
    if (!values.out) {
      io.stdout(rendered.body.toString('utf8').replace(/\n$/, ''));
      return 0;
    }
    await writeFile(values.out, rendered.body);
    io.stdout(`wrote the register (${doc.entries.length} processings, ${doc.gaps.length} gaps) to ${values.out}`);
    return 0;
  };
};

const gaps: Action = (args) => {
  const { values } = parseCommandArgs(args, { lang: { type: 'string' } });
  const lang = language(values.lang);
  return async (services, io) => {
    const found = await services.register.gaps();
    if (found.length === 0) io.stdout(lang === 'fr' ? 'aucun écart' : 'no gaps');
    for (const gap of found) io.stdout(`${gap.kind}\t${gap.message[lang]}`);
    return 0;
  };
};

const ACTIONS: Record<string, Action> = { export: exportRegister, gaps };

export const registerCommand: Command = {
  summary: 'export the processing register (Art. 30) and list its gaps',
  usage: USAGE,
  async run(args, io, env) {
    const [action, ...rest] = args;
    const prepare = action ? ACTIONS[action] : undefined;
    if (!prepare) throw new UsageError(action ? `unknown action "${action}"` : 'which action?');
    const run = prepare(rest);
    const services = await createServices(loadConfig(env));
    try {
      return await run(services, io);
    } finally {
      await services.close();
    }
  },
};
