import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node built-ins that perform I/O or read ambient state. The domain core stays pure: time and
// randomness come through ports, storage and transport live in adapters.
const ioModules = ['fs', 'fs/promises', 'http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads', 'os', 'process', 'readline', 'crypto'];
const ioPackages = ['kysely', 'better-sqlite3', 'pg', 'fastify', 'pino', 'undici'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', '**/*.js', '**/*.cjs', '**/*.mjs', 'vitest.config.ts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.eslint.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...ioModules.flatMap((m) => [m, `node:${m}`]), ...ioPackages].map((name) => ({ name, message: 'packages/core does no I/O: declare a port and implement it in an adapter.' })),
      }],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'packages/core reads no environment: take configuration as input.' },
        { name: 'fetch', message: 'packages/core does no I/O.' },
        { name: 'setTimeout', message: 'packages/core takes time through the Clock port.' },
        { name: 'setInterval', message: 'packages/core takes time through the Clock port.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'packages/core takes time through the Clock port.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'packages/core takes time through the Clock port.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'packages/core takes randomness through the Ids port.' },
      ],
    },
  },
  {
    // The app protection SDK: browser code (DOM types), typed by the SDK's own tsconfigs.
    files: ['packages/sdk/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./packages/sdk/tsconfig.json', './packages/sdk/test/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The notes demo: browser code (DOM, bundler resolution) and its Node tests, typed by its own tsconfigs.
    files: ['apps/notes-demo/**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./apps/notes-demo/tsconfig.json', './apps/notes-demo/test/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // The console and portal: browser code, typed by the console's own tsconfigs.
    files: ['apps/console/**/*.ts', 'apps/console/**/*.tsx'],
    languageOptions: {
      parserOptions: { project: ['./apps/console/tsconfig.json', './apps/console/test/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Tests of the core may use platform crypto and timers to build their fixtures.
    files: ['packages/core/**/*.test.ts', 'packages/core/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
