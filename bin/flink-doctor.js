#!/usr/bin/env node
// Runs the bundled CLI; `npm install` (prepare) or `npm run build` creates dist/cli/flink-doctor.mjs.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/cli/flink-doctor.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('flink-doctor: dist/cli/flink-doctor.mjs is missing; run `npm run build` first\n');
  process.exit(2);
}
await import(bundle.href);
