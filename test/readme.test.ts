// The README is part of the product: its flag, check and families tables and quick start must stay true.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks, checksMarkdownTable } from '../checks/index.js';
import { flagsMarkdownTable } from '../src/cli/flags.js';
import { familiesMarkdownTable } from '../src/knowledge/families-table.js';
import { loadMatrix } from '../src/knowledge/load-matrix.js';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
  scripts: Record<string, string>;
};

function between(start: string, end: string): string {
  const match = new RegExp(`<!-- ${start} -->\\n([\\s\\S]*?)\\n<!-- ${end} -->`).exec(readme);
  if (!match?.[1]) throw new Error(`README has no <!-- ${start} --> … <!-- ${end} --> block`);
  return match[1];
}

describe('README', () => {
  it('flag table is the one --help prints (run `npm run readme` after changing a flag)', () => {
    expect(between('flags:start', 'flags:end')).toBe(flagsMarkdownTable());
  });

  it("check table is generated from each check's own description (run `npm run readme` after changing one)", () => {
    const table = between('checks:start', 'checks:end');
    expect(table).toBe(checksMarkdownTable());
    const documented = [...table.matchAll(/^\| `([a-z.-]+)` \|/gm)].map((m) => m[1]);
    expect(documented).toEqual(allChecks.map((c) => c.id));
  });

  it('families table is generated from compat-matrix.json (run `npm run readme` after changing the matrix)', () => {
    const table = between('families:start', 'families:end');
    expect(table).toBe(familiesMarkdownTable(loadMatrix()));
    expect(table).toMatch(/^\| Apache Kafka \| `flink-sql-connector-kafka` \| `kafka`, `upsert-kafka`, `dynamic-kafka` \| in Flink \|/m);
    expect(table).toMatch(/^\| Apache Iceberg \(by Apache Iceberg\) \| `iceberg-flink-runtime-\{flink\}` \|/m);
  });

  it('quick start holds the two commands, and they exist', () => {
    const quickStart = between('quickstart:start', 'quickstart:end');
    const commands = quickStart
      .split('\n')
      .filter((line) => line && !line.startsWith('```'))
      .map((line) => line.replace(/\s+#.*$/, '').trim());
    expect(commands).toEqual(['npm ci && npx flink-doctor', 'npm test']);
    expect(pkg.bin['flink-doctor']).toBe('bin/flink-doctor.js');
    expect(pkg.scripts.prepare).toBe('node scripts/build.mjs'); // npm ci builds dist/ before npx runs it
    expect(pkg.scripts.test).toContain('vitest run');
    // CI runs the README's test command as it is, in a network namespace where it can (.ci/run's hermetic).
    expect(readFileSync(join(root, '.ci', 'run'), 'utf8')).toMatch(/^(?:hermetic )?npm test$/m);
  });

  it('example output comes from the current checks', () => {
    const example = between('example:start', 'example:end');
    const shown = [...example.matchAll(/^ {2}[✓!✗-] ([a-z.-]+) {2}/gm)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(5);
    for (const id of shown) expect(allChecks.map((c) => c.id)).toContain(id);
  });
});
