import type { ConnectorContext, ConnectorPlugin } from '../sdk/contract.js';
import { type SqlConfig, type SqlSecrets, connectionUrl, dialectOf, sqlConfigSchema, sqlSecretsSchema } from './config.js';
import { SqlConnector } from './connector.js';
import { openMysql } from './dialects/mysql.js';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import type { SqlDriver } from './driver.js';
import { buildModel } from './model.js';
import { validateAgainstCatalog } from './validate.js';

/** A short connect timeout: an unreachable host answers in seconds, not after the OS gives up. */
const CONNECT_TIMEOUT_MS = 5_000;

function openDriver(config: SqlConfig, secrets: SqlSecrets, context: ConnectorContext): SqlDriver {
  const timeouts = { connectTimeoutMs: Math.min(CONNECT_TIMEOUT_MS, context.timeoutMs), queryTimeoutMs: context.timeoutMs };
  switch (dialectOf(config.url)) {
    case 'postgres':
      return openPostgres(connectionUrl(config, secrets), { ...timeouts, schema: config.schema ?? 'public' });
    case 'mysql':
      return openMysql(connectionUrl(config, secrets), timeouts);
    default:
      return openSqlite(config.url);
  }
}

/** Reads the catalog, checks the config against it, and builds the personal-data map; fails with a ConnectorError. */
export async function createSqlConnector(config: SqlConfig, secrets: SqlSecrets, context: ConnectorContext): Promise<SqlConnector> {
  const driver = openDriver(config, secrets, context);
  try {
    const catalog = await driver.loadCatalog();
    const where = driver.dialect === 'postgres' ? `schema "${config.schema ?? 'public'}" of ${driver.label}` : driver.label;
    validateAgainstCatalog(catalog, config, where);
    return new SqlConnector(driver, buildModel(catalog, config), config, context);
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw error;
  }
}

export const sqlPlugin: ConnectorPlugin<SqlConfig, SqlSecrets> = {
  kind: 'sql',
  displayName: 'SQL database (PostgreSQL, MariaDB/MySQL, SQLite)',
  configSchema: sqlConfigSchema,
  secretsSchema: sqlSecretsSchema,
  create: createSqlConnector,
};
