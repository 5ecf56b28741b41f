// `npm run test:packed`: flink-doctor as a user installs it (npm pack → a separate project → npx), with the
// example plugins. Apart from `npm test` because it packs and installs (about 20 s here); CI runs both (.ci/run).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/packed/**/*.packed.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
