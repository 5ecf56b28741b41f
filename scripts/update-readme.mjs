#!/usr/bin/env node
// Rewrites the README's generated tables: flags from src/cli/flags.ts (the one list the parser and --help use),
// checks from each check's own description (checks/index.ts) and connector families × Flink lines from
// compat-matrix.json. test/readme.test.ts fails when they differ: run `npm run readme` after changing a flag, a
// check or the matrix.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTs } from './load-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const load = (entry) => loadTs(root, entry);

const { flagsMarkdownTable } = await load('src/cli/flags.ts');
const { checksMarkdownTable } = await load('checks/index.ts');
const { familiesMarkdownTable } = await load('src/knowledge/families-table.ts');
const { loadMatrix } = await load('src/knowledge/load-matrix.ts');
const readmePath = join(root, 'README.md');
const readme = await readFile(readmePath, 'utf8');
const updated = readme
  .replace(/(<!-- flags:start -->\n)[\s\S]*?(\n<!-- flags:end -->)/, `$1${flagsMarkdownTable()}$2`)
  .replace(/(<!-- checks:start -->\n)[\s\S]*?(\n<!-- checks:end -->)/, `$1${checksMarkdownTable()}$2`)
  .replace(/(<!-- families:start -->\n)[\s\S]*?(\n<!-- families:end -->)/, `$1${familiesMarkdownTable(loadMatrix())}$2`);
if (updated === readme) console.log('README tables already up to date');
else {
  await writeFile(readmePath, updated);
  console.log('README tables updated');
}
