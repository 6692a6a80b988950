import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 120_000,
    // Backends are process-wide singletons in tfjs: keep each file in its own process.
    pool: 'forks',
  },
});
