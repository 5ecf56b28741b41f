import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn real JVMs and Pythons; two cores cannot take more in parallel without timing noise.
    maxWorkers: 2,
    // One module graph per worker instead of one per test file: re-importing the engine, the matrix and the
    // checks for each of 70-odd files cost more CPU than the tests themselves. Tests keep no global state
    // (no vi.mock, no process.env or cwd changes); temp folders are removed per file by test/setup.ts.
    isolate: false,
    setupFiles: ['test/setup.ts'],
    // Transformed modules kept on disk between runs (keyed by their content and the config): vitest's transform and
    // import were about 5 s of the suite's CPU, two thirds of it saved on a warm cache.
    experimental: { fsModuleCache: true, fsModuleCachePath: '.cache/vitest-modules' },
    // The bundle the CLI tests spawn, built once per run when it is stale (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    // A test that asserts nothing fails: a body whose expectations were all skipped cannot pass as proof.
    expect: { requireAssertions: true },
    // The JSON file lets .ci/run print a plain "N passed, N failed" closing line (test:fuzz writes its own).
    reporters: ['default', ['json', { outputFile: process.env.FLINK_DOCTOR_VITEST_JSON ?? '.cache/vitest-results.json' }]],
  },
});
