// Issue 14, problem 7, through main() in-process: ESC, BEL, CR and NUL from JAR names, version.py, `java -version`
// output, config values and echoed arguments reached the terminal and the annotation lines raw (JSON escaped
// them): an attacker could recolour, rewrite or hide lines of a report read in a terminal or a CI log. In the
// human, github and markdown formats they must be shown as visible escapes.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { addDistribution, addPyflinkPackage, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

/** Clears the screen, rings the bell and returns to the start of the line. */
const HOSTILE = '\u001b[2J\u0007\rOK';
const RAW = /[\u0000\u0007\u000d\u001b]/;
/** The escapes as printed (markdown doubles the backslash, which renders as one). */
const SHOWN = /\\{1,2}x1b\[2J\\{1,2}x07(\\{1,2}x0d)?OK/;

let site: string;
let jars: string;
let javaHome: string;

beforeAll(async () => {
  // A JAR whose file name carries the sequence (any byte but '/' and NUL may be in a file name).
  jars = await jarDir('terminal-');
  await fatKafkaJar(join(jars, `flink-sql-connector-kafka-3.3.0-1.17${HOSTILE}.jar`));
  // version.py assigning a version with the sequence in it.
  site = await tempDir('terminal-site-');
  await addDistribution(site, { name: 'apache-flink', version: '2.2.1', requires: [] });
  await addDistribution(site, { name: 'apache-flink-libraries', version: '2.2.1' });
  // (a version string cannot hold a line break: version.py's reader stops there).
  await addPyflinkPackage(site, '2.2.1', { versionPy: `2.2.1${HOSTILE.replace('\r', '')}` });
  // A `java` that prints it instead of a version.
  javaHome = await tempDir('terminal-jdk-');
  await writeFileDeep(join(javaHome, 'bin', 'java'), `#!/bin/sh\nprintf 'openjdk says \\033[2J\\007\\rOK\\n' >&2\nexit 1\n`, true);
});

/** The three formats' output of one run, the three processes side by side. */
async function outputs(args: string[], env: Record<string, string | undefined>): Promise<Record<string, string>> {
  const formats = ['human', 'github', 'markdown'];
  const runs = await Promise.all(formats.map((format) => runInProcess([...args, '--format', format], env)));
  return Object.fromEntries(runs.map((run, i) => [formats[i], run.stdout + run.stderr]));
}

describe('external text in the report', () => {
  it.each([
    ['a JAR file name', () => ['--jars', jars, '--flink-version', '2.2', '--offline', '--only', 'jars.flink-version'], () => isolatedEnv()],
    ['version.py', () => ['--python', pyenvPython('3.11.7'), '--only', 'pyflink.install'], () => isolatedEnv({ PYTHONPATH: site })],
    ['java -version output', () => ['--java-home', javaHome, '--flink-version', '2.2', '--only', 'java.runtime'], () => isolatedEnv()],
  ])('%s: shown as escapes in human, github and markdown output', async (_, args, env) => {
    for (const [format, text] of Object.entries(await outputs(args(), env()))) {
      expect(text, format).not.toMatch(RAW);
      expect(text, format).toMatch(SHOWN);
    }
  });

  it('a config value (env.java.home in config.yaml, with FLINK_HOME set), NUL included', async () => {
    const home = await fakeFlinkHome({ version: '2.2.1', conf: { 'config.yaml': `env.java.home: "/opt/jdk\\e[2J\\a\\rOK\\0"\n` } });
    for (const [format, text] of Object.entries(
      await outputs(['--flink-version', '2.2', '--only', 'java.runtime'], isolatedEnv({ FLINK_HOME: home })),
    )) {
      expect(text, format).not.toMatch(RAW);
      expect(text, format).toMatch(SHOWN);
      expect(text, format).toMatch(/\\{1,2}x00/);
    }
  });

  it('an echoed argument on stderr', async () => {
    const run = await runInProcess(['--only', `jars${HOSTILE}`]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toMatch(/unknown check 'jars\\x1b\[2J\\x07\\x0dOK'/);
  });
});
