import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn real JVMs and Pythons; two cores cannot take more in parallel without timing noise.
    maxWorkers: 2,
  },
});
