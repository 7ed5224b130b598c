import { ConnectorError, errorMessage } from '../../core/errors.js';
import type { HealthCheck } from '../sdk/contract.js';
import type { SqlDriver } from './driver.js';

/** Reachable, logged in, and allowed to read each subject table; the message names what fails. */
export async function checkHealth(driver: SqlDriver, subjectTables: readonly string[]): Promise<HealthCheck> {
  const started = Date.now();
  const result = (fields: Omit<HealthCheck, 'latencyMs'>): HealthCheck => ({ ...fields, latencyMs: Date.now() - started });
  try {
    await driver.query('SELECT 1 AS ok');
  } catch (error) {
    const kind = error instanceof ConnectorError ? error.kind : 'unreachable';
    const reachable = kind !== 'unreachable' && kind !== 'timeout';
    return result({ ok: false, reachable, authenticated: reachable && kind !== 'authentication', permissions: { ok: false, missing: [] }, message: errorMessage(error) });
  }
  const missing: string[] = [];
  const reasons: string[] = [];
  for (const table of subjectTables) {
    try {
      await driver.query(`SELECT 1 AS ok FROM ${driver.table(table)} LIMIT 1`);
    } catch (error) {
      missing.push(`SELECT on ${table}`);
      reasons.push(errorMessage(error));
    }
  }
  const ok = missing.length === 0;
  return result({
    ok,
    reachable: true,
    authenticated: true,
    permissions: { ok, missing },
    message: ok ? `Connected to ${driver.label}; can read ${subjectTables.join(', ')}` : `Cannot read ${missing.map((m) => m.slice(10)).join(', ')} on ${driver.label}: ${reasons.join('; ')}`,
  });
}
