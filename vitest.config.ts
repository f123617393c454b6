import { defineConfig } from 'vitest/config';

// Tests import workspace packages through their `ward-source` export condition, so they run against
// the TypeScript sources; processes that tests spawn (server, agent) run the compiled `dist/`, which
// `npm test` builds first.
export default defineConfig({
  resolve: { conditions: ['ward-source'] },
  ssr: { resolve: { conditions: ['ward-source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
