#!/usr/bin/env node
// Runs the bundled CLI; `npm install` (prepare) or `npm run build` creates dist/cli/launch.mjs (src/cli/launch.ts).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/launch.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('flink-doctor: dist/cli/launch.mjs is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(bundle.href);
