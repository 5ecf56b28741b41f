#!/usr/bin/env node
// Rewrites the README's flag table from src/cli/flags.ts (the one list the parser and --help use).
// test/readme.test.ts fails when the two differ: run `npm run readme` after changing a flag.
import { Buffer } from 'node:buffer';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = await build({ entryPoints: [join(root, 'src/cli/flags.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
const { flagsMarkdownTable } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
const readmePath = join(root, 'README.md');
const readme = await readFile(readmePath, 'utf8');
const updated = readme.replace(/(<!-- flags:start -->\n)[\s\S]*?(\n<!-- flags:end -->)/, `$1${flagsMarkdownTable()}$2`);
if (updated === readme) console.log('README flag table already up to date');
else {
  await writeFile(readmePath, updated);
  console.log('README flag table updated');
}
