import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // `graphql` as Node loads it (its CommonJS build), like Pothos and Yoga do: otherwise tests hold two copies and schemas fail across them.
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**', 'dist/**', '.gardien/**'],
    // One Temporal, one FerretDB and one mail catcher for the whole run; see test/setup/stack.ts.
    globalSetup: ['test/setup/stack.ts'],
    pool: 'forks',
    // Components log JSON lines; tests keep warnings and errors only.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    testTimeout: 60_000,
    // The first run may build the Temporal CLI and the FerretDB launcher.
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
