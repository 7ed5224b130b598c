/** Test-only helpers shared by the SQL connector's suites. */
import { createLogger } from '../../../core/logger.js';
import type { ConnectorContext } from '../../../connectors/sdk/contract.js';
import type { SqlConfig, SqlSecrets } from '../../../connectors/sql/config.js';
import type { SqlConnector } from '../../../connectors/sql/connector.js';
import { sqlPlugin } from '../../../connectors/sql/plugin.js';

export function testContext(name = 'sql-under-test'): ConnectorContext {
  return { connectorId: `conn_${name}`, name, logger: createLogger(`test:${name}`), timeoutMs: 10_000, defaultCountry: 'FR' };
}

/** Validates the config as the catalog would, then creates the connector. */
export async function openSqlConnector(config: unknown, secrets: SqlSecrets = {}, name?: string): Promise<SqlConnector> {
  const parsed: SqlConfig = sqlPlugin.configSchema.parse(config);
  return (await sqlPlugin.create(parsed, sqlPlugin.secretsSchema.parse(secrets), testContext(name))) as SqlConnector;
}
