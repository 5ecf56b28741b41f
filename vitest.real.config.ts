// The real-artifact tier (npm run test:real): real wheels from PyPI, real JARs from Maven Central, real
// PyFlink jobs. Downloads go to a cache kept between runs; `npm test` never includes these files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test-real/**/*.test.ts'],
    // Cold runs download and pip-install; a PyFlink job starts a JVM. Each test sets a tighter bound.
    testTimeout: 15 * 60_000,
    hookTimeout: 20 * 60_000,
    // Two cores: two JVMs or pip runs at once is the most this machine takes without starving them.
    maxWorkers: 2,
    // The corpus runs its jobs two at a time (describe.concurrent); more would only queue on two cores.
    maxConcurrency: 2,
    reporters: ['default', ['json', { outputFile: '.cache/vitest-real-results.json' }]],
  },
});
