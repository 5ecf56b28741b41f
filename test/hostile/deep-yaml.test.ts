// Issue 14, problem 2, through main() in-process: a config.yaml of `k: ` and 100,000 '[' made V8 run out of memory
// compiling a regular expression that deep inside the YAML library (exit 134, a native stack trace); 10,000 '['
// gave "Maximum call stack size exceeded" as the message. Either must be a config.file finding with file:line,
// and java.runtime must still judge the Java it finds.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { runInProcess } from '../helpers/cli.js';
import { jdk17 } from '../helpers/java.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

const byId = (r: Report) => Object.fromEntries(r.checks.map((c) => [c.id, c]));

describe('problem 2: config.yaml nested far too deep', () => {
  it.each([
    ['100,000', 100_000],
    ['10,000', 10_000],
  ])('%s brackets: config.file names the file and line; java.runtime still judges its Java', async (_, brackets) => {
    const conf = await tempDir('deep-yaml-');
    await writeFileDeep(join(conf, 'config.yaml'), `k: ${'['.repeat(brackets)}`);
    const run = await runInProcess([
      '--conf-dir',
      conf,
      '--flink-version',
      '2.2',
      '--offline',
      '--json',
      '--java-home',
      jdk17(),
      '--only',
      'config,java',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const checks = byId(report(run.stdout));
    expect(checks['config.file']?.summary).toBe(
      `${join(conf, 'config.yaml')}:1: nested more than 64 levels deep; flink-doctor does not read it (a Flink config nests a few levels)`,
    );
    expect(checks['config.file']?.locations).toEqual([{ path: join(conf, 'config.yaml'), line: 1 }]);
    expect(checks['java.runtime']?.status).toBe('ok');
    expect(JSON.stringify(checks)).not.toMatch(/Maximum call stack|out of memory/);
  });

  it('block nesting (a sequence of sequences on one line) is caught the same way', async () => {
    const conf = await tempDir('deep-yaml-');
    await writeFileDeep(join(conf, 'config.yaml'), `a: b\nk:\n  ${'- '.repeat(50_000)}x\n`);
    const run = await runInProcess(['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'config.file']);
    expect(report(run.stdout).checks[0]?.summary).toMatch(/config\.yaml:3: nested more than 64 levels deep/);
  });
});
