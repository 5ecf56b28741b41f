// Issue 14, problem 4, through the built CLI: a `java` (or --python, or python.executable) that the kernel refuses
// to start (a text file without '#!', an empty file, a truncated binary, a binary for another machine, a script
// whose '#!' interpreter is itself such a file) was run by /bin/sh: execve's ENOEXEC fallback in the C library
// and libuv, in the user's working directory. Each planted file here would leave a marker file behind if any shell
// ran it. The doctor must run none of them, and report each as a finding that says what the file is.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/engine/model.js';
import { runInstalled } from '../helpers/cli.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const NOT_RUN = "flink-doctor runs only ELF executables and '#!' scripts, never through a shell";
let work: string;
let realJava: Buffer;

beforeAll(async () => {
  work = await tempDir('exec-cwd-');
  realJava = await readFile(join(jdk17(), 'bin', 'java'));
});

/** A shell script without '#!' that leaves `marker` in the working directory if a shell ever runs it. */
const script = (marker: string) => `echo ran > ${marker}\nexit 0\n`;

/** ELF header of the real java with another machine in e_machine (183: AArch64 on x86-64, 62: x86-64 elsewhere). */
function otherMachine(): Buffer {
  const copy = Buffer.from(realJava);
  copy.writeUInt16LE(copy.readUInt16LE(18) === 183 ? 62 : 183, 18);
  return copy;
}

const PLANTS: [string, () => string | Buffer, RegExp][] = [
  [
    'a text file without #!',
    () => script('marker-text'),
    /not a program: a file without an ELF header or a '#!' line, which only a shell would run/,
  ],
  ['an empty file', () => '', /not a program: an empty file/],
  [
    'a truncated binary (its first 200 bytes)',
    () => realJava.subarray(0, 200),
    /not a program: a truncated or damaged ELF binary \(its program headers end past its 200 bytes/,
  ],
  [
    'a truncated binary (its first 6,000 bytes)',
    () => realJava.subarray(0, 6000),
    /not a program: a truncated or damaged ELF binary \(a segment ends at byte \d+ of a 6000-byte file/,
  ],
  ['a binary for another machine', otherMachine, /not a program: an ELF binary for another kind of machine/],
];

describe('java that is not a program', () => {
  it.each(PLANTS)('%s: java.runtime says so; nothing runs', async (_, content, message) => {
    const home = await tempDir('exec-jdk-');
    await writeFileDeep(join(home, 'bin', 'java'), content(), true);
    const run = await runInstalled(['--java-home', home, '--flink-version', '2.2', '--only', 'java', '--json'], isolatedEnv(), work);
    const check = (JSON.parse(run.stdout) as Report).checks[0];
    expect(check?.status).toBe('error');
    expect(check?.summary).toMatch(message);
    expect(check?.summary).toContain(NOT_RUN);
    expect(existsSync(join(work, 'marker-text'))).toBe(false);
  });

  it("a #! script whose interpreter is a text file: refused, and the script's own body never runs", async () => {
    const dir = await tempDir('exec-shebang-');
    const interpreter = await writeFileDeep(join(dir, 'interp'), script('marker-interp'), true);
    await writeFileDeep(join(dir, 'jdk', 'bin', 'java'), `#!${interpreter}\n${script('marker-shebang')}`, true);
    const run = await runInstalled(
      ['--java-home', join(dir, 'jdk'), '--flink-version', '2.2', '--only', 'java', '--json'],
      isolatedEnv(),
      work,
    );
    expect((JSON.parse(run.stdout) as Report).checks[0]?.summary).toContain(
      `not a program: its '#!' interpreter ${interpreter}: not a program: a file without an ELF header`,
    );
    expect(existsSync(join(work, 'marker-interp'))).toBe(false);
    expect(existsSync(join(work, 'marker-shebang'))).toBe(false);
  });
});

describe('a Python interpreter that is not a program', () => {
  it('--python: python.client says so; nothing runs', async () => {
    const python = await writeFileDeep(join(await tempDir('exec-py-'), 'python'), script('marker-python'), true);
    const run = await runInstalled(
      ['--python', python, '--flink-version', '2.2', '--only', 'python.client', '--json'],
      isolatedEnv(),
      work,
    );
    const check = (JSON.parse(run.stdout) as Report).checks[0];
    expect(check?.status).toBe('error');
    expect(check?.summary).toContain(`${python} could not be run: not a program: a file without an ELF header or a '#!' line`);
    expect(existsSync(join(work, 'marker-python'))).toBe(false);
  });

  it('python.executable in config.yaml (a file from the pull request): python.worker says so; nothing runs', async () => {
    const conf = await tempDir('exec-conf-');
    const worker = await writeFileDeep(join(conf, 'venv', 'bin', 'python'), script('marker-worker'), true);
    await writeFileDeep(join(conf, 'config.yaml'), `python:\n  executable: ${worker}\n`);
    const run = await runInstalled(
      ['--conf-dir', conf, '--flink-version', '2.2', '--only', 'python.worker', '--json'],
      isolatedEnv(),
      work,
    );
    const check = (JSON.parse(run.stdout) as Report).checks[0];
    // A warning: no cluster is targeted, and a local `python job.py` ignores the config file's python.executable.
    expect(check?.status).toBe('warning');
    expect(JSON.stringify(check)).toContain('not a program: a file without an ELF header');
    expect(existsSync(join(work, 'marker-worker'))).toBe(false);
  });
});
