#!/usr/bin/env node
// What plugins cost at start-up, measured side by side (interleaved, so machine noise hits all alike):
//   node -e 0                                  the floor of any Node CLI
//   flink-doctor --list-checks --json          start-up with no plugin named (the plugin loader is never read)
//   … --plugin <a local plugin>                the loader, import-meta-resolve and one plugin module on top
// `--baseline DIR` adds the same no-plugin run of another checkout (e.g. main, built) to compare start-up.
// Usage: npm run bench:plugins [-- --runs 21 --baseline /path/to/main]. Quote ratios, not absolute times.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' }, baseline: { type: 'string' } } });
const runs = Math.max(3, Number(values.runs) || 21);
const bin = (dir) => join(dir, 'bin', 'flink-doctor.js');
for (const dir of [root, values.baseline].filter(Boolean)) {
  if (!existsSync(join(dir, 'dist', 'cli', 'flink-doctor.mjs'))) throw new Error(`${dir}/dist/cli/flink-doctor.mjs is missing: build it`);
}

// A plugin with one check and one fact, as small as a real one: what is measured is the machinery.
const work = mkdtempSync(join(tmpdir(), 'bench-plugins-'));
writeFileSync(
  join(work, 'plugin.mjs'),
  [
    "export default { apiVersion: 1, name: 'bench', facts: { team: { gather: () => 'x' } }, checks: [{",
    "  id: 'plugin.bench.team', title: 'Team', group: 'Plugins', description: 'd', reads: [], needs: ['team'],",
    "  run: () => ({ status: 'ok', summary: 'ok' }) }] };",
    '',
  ].join('\n'),
);

const list = ['--list-checks', '--json'];
const commands = {
  'node -e 0': ['-e', '0'],
  ...(values.baseline ? { 'baseline, no plugin': [bin(values.baseline), ...list] } : {}),
  'no plugin': [bin(root), ...list],
  'one plugin': [bin(root), ...list, '--plugin', './plugin.mjs'],
};

function time(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
try {
  for (const args of Object.values(commands)) time(args); // warm the file cache once
  for (let i = 0; i < runs; i++) for (const [name, args] of Object.entries(commands)) samples[name].push(time(args));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(samples['node -e 0']);
console.log(`${runs} interleaved runs each (flink-doctor --list-checks --json)`);
for (const [name, xs] of Object.entries(samples)) {
  const ms = median(xs);
  console.log(`  ${name.padEnd(22)} median ${ms.toFixed(1).padStart(7)} ms   ${(ms / floor).toFixed(2)}x node -e 0`);
}
