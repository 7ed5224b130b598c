// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

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
const useWorkflowFiles = 'workflow code imports values only from workflow files (directly in workflows/); types may come from anywhere';

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
  // Files directly in workflows/ run in Temporal's deterministic sandbox; workflows/activities/ and
  // workflows/runtime/ are the Node side, and tests (*.test.ts) drive workflows from Node.
  {
    files: ['workflows/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules, ...ioLibraries].map((name) => ({ name, message: useActivity })),
          patterns: [
            { group: ['node:*'], message: useActivity },
            { regex: '^\\./(activities|runtime)/', allowTypeImports: true, message: 'the Node side (activities, runtime) is imported as types only, e.g. for proxyActivities' },
            { regex: '^\\.\\./', allowTypeImports: true, message: useWorkflowFiles },
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
