// The ground truth the doctor is compared with, asked of the real install: PyFlink's own code
// (probes/install_truth.py) and pip's own consistency check.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROBE = join(import.meta.dirname, '..', 'probes', 'install_truth.py');

export interface InstallTruth {
  python: string;
  'apache-flink': string | null;
  'apache-flink-libraries': string | null;
  classified_pythons: string[];
  version_py?: string;
  flink_home?: string;
  dist_jars?: string[];
  conf_files?: string[];
  java?: string;
  java_error?: string;
  jvm_java_home?: string;
  jvm_java_version?: string;
  error?: string;
}

/** What PyFlink itself finds in `python`'s install; `jvm` also starts its gateway JVM and asks it. */
export async function installTruth(python: string, env: Record<string, string>, options: { jvm?: boolean } = {}): Promise<InstallTruth> {
  const { stdout } = await run(python, [PROBE, ...(options.jvm ? ['--jvm'] : [])], {
    env: { ...env, JVM_ARGS: '-Xmx128m' },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() as string) as InstallTruth;
}

export interface PipProblem {
  /** Lower-case project name pip names as missing or at a wrong version. */
  name: string;
  line: string;
}

/** `pip check`: "X 1.0 requires Y, which is not installed." / "X 1.0 has requirement Y<2, but you have Y 2.0." */
export async function pipCheck(python: string): Promise<PipProblem[]> {
  const output = await run(python, ['-m', 'pip', '--disable-pip-version-check', 'check'], { timeout: 120_000 })
    .then((r) => r.stdout)
    .catch((error: { stdout?: string }) => error.stdout ?? '');
  return output
    .split('\n')
    .map((line) => {
      const match = /requires ([\w.-]+)|has requirement ([\w.-]+)/.exec(line);
      const name = match?.[1] ?? match?.[2];
      return name ? { name: name.toLowerCase().replace(/[._]/g, '-'), line } : undefined;
    })
    .filter((p): p is PipProblem => p !== undefined);
}

/** Whether pip's own PEP 440 code (its vendored packaging) puts each version inside `specifier`. */
export async function pipSpecifierContains(python: string, specifier: string, versions: string[]): Promise<boolean[]> {
  const code =
    'import json,sys\nfrom pip._vendor.packaging.specifiers import SpecifierSet\n' +
    's = SpecifierSet(sys.argv[1])\nprint(json.dumps([s.contains(v) for v in sys.argv[2:]]))';
  const { stdout } = await run(python, ['-c', code, specifier, ...versions], { timeout: 60_000 });
  return JSON.parse(stdout) as boolean[];
}
