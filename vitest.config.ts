import { defineConfig } from 'vitest/config';

// Three projects: unit tests beside the code, integration tests that start the real app
// (`*.int.test.ts`), and browser tests in e2e/ (real Chromium through playwright-core).
export default defineConfig({
  resolve: { conditions: ['@source'] },
  ssr: { resolve: { conditions: ['@source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['packages/*/src/**/*.int.test.ts', 'packages/*/test/**/*.int.test.ts'],
          globalSetup: ['packages/server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // expect.poll waits for what the page shows; it ends as soon as it holds. Its default bound (1 s) is a
          // timing: on a loaded machine a first page load takes longer.
          expect: { poll: { timeout: 30_000 } },
          globalSetup: ['packages/server/test/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
