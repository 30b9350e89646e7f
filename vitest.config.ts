import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `server-only` throws outside a Next server build; tests call server code directly.
const alias = { 'server-only': fileURLToPath(new URL('./scripts/test/empty-module.ts', import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{app,server,workflows,activities,db,emails,config,scripts,worker}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{app,server,workflows,activities,db,emails,config,scripts,worker}/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['scripts/test/integration-services.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share one Postgres and one Temporal server; each test isolates itself
          // with its own workspace, task queue and ids, so files may still run in parallel.
          fileParallelism: true,
        },
      },
    ],
  },
});
