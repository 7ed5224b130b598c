import { describe, expect, it } from 'vitest';
import type { ConnectorCatalog } from '../connectors/sdk/catalog.js';
import type { Connector, ConnectorDescription } from '../connectors/sdk/contract.js';
import { ConnectorError, NotFoundError } from '../core/errors.js';
import type { ConnectorDoc } from '../core/storage/connectors.js';
import { CatalogRegisterSystems } from './register-systems.js';

const described = (objects: string[]): ConnectorDescription => ({
  kind: 'sql',
  capabilities: ['locate', 'read'],
  erasureStrategies: ['delete'],
  objects: objects.map((name) => ({ name, fields: [{ name: 'email', category: 'contact' }], erasure: { strategy: 'delete' } })),
});

const doc = (name: string, enabled = true): ConnectorDoc => ({
  _id: `conn_${name}`, kind: 'sql', name, enabled, config: {}, secrets: null, secretNames: [],
  description: described(['stored_table']), lastCheck: null, createdAt: new Date(0), updatedAt: new Date(0),
});

const docs = [doc('live'), doc('down'), doc('slow'), doc('off', false)];
const catalog: Pick<ConnectorCatalog, 'list' | 'get' | 'open'> = {
  list: async () => docs,
  get: async (idOrName) => {
    const found = docs.find((d) => d._id === idOrName || d.name === idOrName);
    if (!found) throw new NotFoundError('Connector', idOrName);
    return found;
  },
  open: async (docOrId) => {
    const name = typeof docOrId === 'string' ? docOrId : docOrId.name;
    if (name === 'down') throw new ConnectorError('unreachable', 'db.internal:5432 refused the connection');
    if (name === 'slow') return { describe: () => new Promise(() => undefined) } as unknown as Connector;
    return { describe: async () => described(['client', 'commande']) } as unknown as Connector;
  },
};

describe('the systems as the register sees them', () => {
  it('reads live descriptions, and falls back to the stored one, saying why, for a system that is down, slow or disabled', async () => {
    const systems = await new CatalogRegisterSystems(catalog, 50).describeAll();
    expect(systems.map((s) => [s.name, s.source, s.objects?.map((o) => o.name), s.problem])).toEqual([
      ['live', 'live', ['client', 'commande'], undefined],
      ['down', 'stored', ['stored_table'], 'unreachable: db.internal:5432 refused the connection'],
      ['slow', 'stored', ['stored_table'], 'unreachable: did not answer within 50 ms'],
      ['off', 'stored', ['stored_table'], 'disabled'],
    ]);
  });

  it('finds a connector by id or name, and says null for none', async () => {
    const systems = new CatalogRegisterSystems(catalog, 50);
    expect((await systems.find('live'))?.connectorId).toBe('conn_live');
    expect((await systems.find('conn_down'))?.name).toBe('down');
    expect(await systems.find('nothing')).toBeNull();
  });
});
