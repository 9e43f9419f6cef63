import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Tests run against each package's TypeScript source, not its build output.
    conditions: ['@wxmp/source'],
  },
  ssr: { resolve: { conditions: ['@wxmp/source'] } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    reporters: ['default', './scripts/count-reporter.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
})
