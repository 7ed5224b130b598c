import { runConformanceSuite } from '../sdk/testkit/conformance.js';
import { LEGACY_BYSTANDER, LEGACY_SUBJECT, legacyConnectorConfig } from '../../test/fixtures/legacy-schema.js';
import { legacyMysql } from '../../test/support/sql/servers.js';
import { openSqlConnector } from '../../test/support/sql/connector.js';

runConformanceSuite({
  name: 'sql on MariaDB (legacy fixture)',
  async setup() {
    const db = await legacyMysql();
    return {
      connector: await openSqlConnector(legacyConnectorConfig(db.url)),
      identity: LEGACY_SUBJECT,
      bystander: LEGACY_BYSTANDER,
      expectedObjects: ['people', 'addresses', 'orders', 'order_lines', 'invoices'],
      cleanup: () => db.drop(),
    };
  },
});
