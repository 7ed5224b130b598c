// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Files under workflows/ that run in Node, outside the deterministic workflow sandbox.
const workflowsOutsideSandbox = [
  'workflows/activities/**',
  'workflows/worker.ts',
  'workflows/client.ts',
  'workflows/crawl-client.ts',
  'workflows/codec.ts',
  'workflows/codec-server.ts',
  'workflows/data-converter.ts',
  'workflows/**/*.test.ts',
];

// Libraries that do I/O; workflow code reaches the world only through activities.
const ioLibraries = [
  'mongodb', 'pg', 'mysql2', 'mysql2/*', '@libsql/client', 'nodemailer', 'smtp-server', 'mailparser',
  'jsforce', '@hubspot/api-client', 'graphql-yoga', 'undici', 'axios',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing',
];

// The Temporal sandbox pins these to replayable values, but workflow code says so explicitly.
const useSleep = 'in workflow code use sleep() or condition() from @temporalio/workflow (durable timers)';
const useUuid4 = 'in workflow code use uuid4() from @temporalio/workflow';
const useClock = 'read workflow time in one named place (a workflowNow() helper), so a reader sees it is replay-safe';
const useActivity = 'workflow code does no I/O: call an activity';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.gardien/', 'coverage/', 'devstack/ferretdb/'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: workflowsOutsideSandbox,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...ioLibraries].map((name) => ({ name, message: useActivity })),
          patterns: [
            { group: ['node:*'], message: useActivity },
            { regex: '(^|/)activities(/|$)', allowTypeImports: true, message: 'import activities as types only, for proxyActivities' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: useClock },
        { object: 'Math', property: 'random', message: useUuid4 },
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval'].map((name) => ({ name, message: useSleep })),
        ...['fetch', 'process', 'require'].map((name) => ({ name, message: useActivity })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: useClock },
        { selector: "CallExpression[callee.name='Date'][arguments.length=0]", message: useClock },
      ],
    },
  },
);
