import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn real JVMs and Pythons; two cores cannot take more in parallel without timing noise.
    maxWorkers: 2,
    // The JSON file lets .ci/run print a plain "N passed, N failed" closing line (test:fuzz writes its own).
    reporters: ['default', ['json', { outputFile: process.env.FLINK_DOCTOR_VITEST_JSON ?? '.cache/vitest-results.json' }]],
  },
});
