import { userInfo } from 'node:os';
import type { Actor } from '../core/actor.js';
import { loadConfig } from '../core/config.js';
import { secretsFromInput } from '../core/secrets-input.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import { createServices, type Services } from '../gateway/services.js';
import { followCrawl } from './crawl-progress.js';
import { type CliIo, UsageError, parseCommandArgs, parseJsonOption } from './io.js';
import type { Command } from './main.js';

const USAGE = [
  "gardien connectors add --kind <kind> --name <name> --config '{json}' [--secrets '{json}'] [--disabled]",
  'gardien connectors list [--json]',
  'gardien connectors test <id|name>',
  'gardien connectors enable|disable <id|name>',
  'gardien connectors remove <id|name>',
  'gardien connectors crawl <id|name> [--restart] [--wait]',
].join('\n       ');

/** Reads its arguments first (bad usage never opens storage), then returns what to run. */
type Action = (args: readonly string[]) => (services: Services, io: CliIo) => Promise<number>;

/** Changes made from the command line are audited as the local IT operator. */
function cliActor(): Actor {
  return { sub: `cli:${userInfo().username}`, role: 'it' };
}

async function audit(services: Services, action: string, doc: ConnectorDoc): Promise<void> {
  await services.audit.record({ actor: cliActor(), action, systems: [{ connectorId: doc._id, status: 'OK' }] });
}

function oneConnector(args: readonly string[]): string {
  const { positionals } = parseCommandArgs(args, {}, true);
  if (positionals.length !== 1) throw new UsageError('name one connector, by id or name');
  return positionals[0]!;
}

function line(c: ConnectorDoc): string {
  const check = c.lastCheck ? (c.lastCheck.ok ? 'last check ok' : `last check FAILED: ${String(c.lastCheck.message)}`) : 'never checked';
  return `${c.name}\t${c.kind}\t${c.enabled ? 'enabled' : 'disabled'}\t${c._id}\t${check}`;
}

const add: Action = (args) => {
  const { values } = parseCommandArgs(args, {
    kind: { type: 'string' },
    name: { type: 'string' },
    config: { type: 'string' },
    secrets: { type: 'string' },
    disabled: { type: 'boolean' },
  });
  if (!values.kind || !values.name || values.config === undefined) throw new UsageError('--kind, --name and --config are required');
  const input = {
    kind: values.kind,
    name: values.name,
    config: parseJsonOption('config', values.config),
    secrets: secretsFromInput(parseJsonOption('secrets', values.secrets)),
    enabled: !values.disabled,
  };
  return async (services, io) => {
    const doc = await services.catalog.register(input);
    await audit(services, 'connector.register', doc);
    const objects = (doc.description as { objects?: { name: string }[] } | null)?.objects?.map((o) => o.name) ?? [];
    io.stdout(`registered ${doc.name} (${doc.kind}) as ${doc._id}${doc.enabled ? '' : ', disabled'}`);
    io.stdout(`holds personal data in: ${objects.join(', ') || 'nothing described'}`);
    if (services.crawls.covers(doc) && doc.enabled) io.stdout(`first crawl started; follow it with \`gardien connectors crawl ${doc.name} --wait\``);
    return 0;
  };
};

const list: Action = (args) => {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  return async (services, io) => {
    const connectors = await services.catalog.list();
    if (values.json) io.stdout(JSON.stringify(connectors.map(({ secrets: _sealed, ...c }) => c), null, 2));
    else if (connectors.length === 0) io.stdout('no connectors registered');
    else connectors.forEach((c) => io.stdout(line(c)));
    return 0;
  };
};

const test: Action = (args) => {
  const id = oneConnector(args);
  return async (services, io) => {
    const check = await services.catalog.test(id);
    io.stdout(`${id}: ${check.ok ? 'ok' : 'FAILED'} — ${check.message} (${check.latencyMs} ms)`);
    if (check.permissions.missing.length > 0) io.stdout(`missing permissions: ${check.permissions.missing.join(', ')}`);
    return check.ok ? 0 : 1;
  };
};

const switchTo = (enabled: boolean): Action => (args) => {
  const id = oneConnector(args);
  return async (services, io) => {
    const doc = await services.catalog.setEnabled(id, enabled);
    await audit(services, enabled ? 'connector.enable' : 'connector.disable', doc);
    io.stdout(`${enabled ? 'enabled' : 'disabled'} ${doc.name}`);
    return 0;
  };
};

const remove: Action = (args) => {
  const id = oneConnector(args);
  return async (services, io) => {
    const doc = await services.catalog.remove(id);
    await audit(services, 'connector.remove', doc);
    io.stdout(`removed ${doc.name} (${doc._id}); the system itself was not touched`);
    return 0;
  };
};

/** Crawls a file share now, or joins the crawl running; `--wait` prints its progress until it ends. */
const crawl: Action = (args) => {
  const { values, positionals } = parseCommandArgs(args, { restart: { type: 'boolean' }, wait: { type: 'boolean' } }, true);
  if (positionals.length !== 1) throw new UsageError('name one connector, by id or name');
  const id = positionals[0]!;
  return async (services, io) => {
    const doc = await services.catalog.get(id);
    await services.crawls.crawl(doc, { restart: values.restart ?? false });
    await audit(services, 'connector.crawl', doc);
    if (values.wait) return followCrawl(services.crawls, doc, io);
    io.stdout(`crawling ${doc.name}; follow it with \`gardien connectors crawl ${doc.name} --wait\``);
    return 0;
  };
};

const ACTIONS: Record<string, Action> = { add, list, test, enable: switchTo(true), disable: switchTo(false), remove, crawl };

export const connectorsCommand: Command = {
  summary: 'register, list, test, enable, disable, remove and crawl connectors',
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
