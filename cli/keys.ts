import { loadConfig } from '../core/config.js';
import { SigningKeyStore } from '../core/report/keys.js';
import { Storage } from '../core/storage/mongo.js';
import { type CliIo, UsageError } from './io.js';
import type { Command } from './main.js';

/**
 * `gardien keys list|rotate`: the report-signing keys. A rotation makes a new
 * key that signs from now on; the old ones stay published in the JWKS, so
 * every report signed before still verifies.
 */
export const keysCommand: Command = {
  summary: 'list or rotate the report-signing keys (old keys stay in the JWKS)',
  usage: 'gardien keys list|rotate',
  async run(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
    const action = args[0];
    if (action !== 'list' && action !== 'rotate') throw new UsageError(action ? `unknown action "${action}"` : 'which action?');
    const config = loadConfig(env);
    const storage = await Storage.open(config.mongo.uri, config.mongo.db);
    try {
      const keys = new SigningKeyStore(storage, config.secretKeys);
      if (action === 'rotate') io.stdout(`signing with ${(await keys.rotate()).kid} from now on; earlier keys stay in the JWKS`);
      const current = (await keys.current()).kid;
      for (const key of (await keys.jwks()).keys) io.stdout(`${key.kid}${key.kid === current ? '  (signs new reports)' : ''}`);
      return 0;
    } finally {
      await storage.close();
    }
  },
};
