// The container and CI story, end to end without Docker: the single-file bundle runs alone in an empty folder,
// and the recipes in docs/ci.md are executed — their flink-doctor commands, with the bundle — against a temporary
// root laid out like the image (FLINK_HOME, a venv with apache-flink and its requirements, a real JDK 17).
// The tests of each block are independent processes mostly waiting on each other: they run concurrently, each
// asserting with its own `expect` (the test context's, so assertions count for the right test).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, symlink, chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import pkg from '../../package.json' with { type: 'json' };
import { allChecks } from '../../checks/index.js';
import type { Report } from '../../src/engine/model.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { jdk17 } from '../helpers/java.js';
import { addDistribution, addPyflinkPackage, pyenvPython } from '../helpers/python-env.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';
import { JAVA17_FLAGS_22 } from '../helpers/facts.js';

const exec = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const doc = await readFile(join(root, 'docs', 'ci.md'), 'utf8');
const reportSchema = JSON.parse(await readFile(join(root, 'schemas', 'report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(reportSchema);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function sh(command: string, env: Record<string, string>, cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec('/bin/sh', ['-c', command], { env, cwd, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Fenced code blocks of docs/ci.md with their info string. */
function blocks(language: string): string[] {
  return [...doc.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].filter((m) => m[1] === language).map((m) => m[2] ?? '');
}
const onlyBlock = (language: string, marker: string): string => {
  const found = blocks(language).filter((b) => b.includes(marker));
  expect(found, `one ${language} block containing ${marker} in docs/ci.md`).toHaveLength(1);
  return found[0] ?? '';
};

// --- the bundle, built the way `npm run bundle` builds it, then copied alone into an empty folder ---------

let lonely = '';
let bundle = '';
beforeAll(async () => {
  // test/global-setup.ts ran scripts/build.mjs before any test file when dist/ was stale: the same build as this.
  expect(pkg.scripts.bundle).toBe('node scripts/build.mjs');
  lonely = await tempDir('flink-doctor-bundle-');
  bundle = join(lonely, 'flink-doctor.mjs');
  await copyFile(join(root, 'dist', 'flink-doctor.mjs'), bundle);
});

/** Nothing but node: no node_modules anywhere above the folder, no inherited environment. */
function bare(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: dirname(process.execPath), HOME: lonely, ...extra };
}

describe.concurrent('the single-file bundle, alone in an empty folder', () => {
  const node = (args: string[], env = bare()) =>
    exec(process.execPath, [bundle, ...args], { cwd: lonely, env, timeout: 60_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('--version', async ({ expect }) => {
    const run = await node(['--version']);
    expect(run).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('--list-checks --json lists id, title, group, description and reads for every check', async ({ expect }) => {
    const run = await node(['--list-checks', '--json']);
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as { id: string; title: string; group: string; description: string; reads: string[] }[];
    expect(list.map((c) => c.id)).toEqual(allChecks.map((c) => c.id));
    for (const check of list) {
      expect(check).toEqual({
        id: check.id,
        title: expect.any(String),
        group: expect.any(String),
        description: expect.any(String),
        reads: expect.any(Array),
      });
    }
  });

  it('a real run with --json matches the report schema', async ({ expect }) => {
    const run = await node(['--json', '--flink-version', '2.2', '--java-home', jdk17(), '--only', 'java,flink']);
    const report = JSON.parse(run.stdout) as Report;
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.checks.find((c) => c.id === 'java.runtime')?.status).toBe('ok');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('writes every format with --output', async ({ expect }) => {
    // The six runs are independent (one file each): side by side. Which check runs does not matter to the
    // writers; deploy.jars starts no process (flink.home, like most checks, starts the Python on PATH: the run above
    // already proves real ones).
    const formats = ['junit', 'sarif', 'markdown', 'github', 'json', 'human'];
    const runs = await Promise.all(
      formats.map((format) =>
        node(['--only', 'deploy.jars', '--flink-version', '2.2', '--format', format, '--output', `out/report.${format}`]),
      ),
    );
    runs.forEach((run, i) => {
      const format = formats[i] ?? '';
      expect(run.code, format).toBe(0);
      expect(run.stdout).toContain(`${format} report written to ${join(lonely, 'out', `report.${format}`)}`);
    });
    expect(JSON.parse(await readFile(join(lonely, 'out', 'report.json'), 'utf8')).checks.map((c: { id: string }) => c.id)).toEqual([
      'deploy.jars',
    ]);
  });
});

/** A real (stored, uncompressed) JAR: manifest plus Maven pom.properties, as Flink's own JARs carry. */
async function writeJar(path: string, groupId: string, artifactId: string, version: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: `Manifest-Version: 1.0\r\nImplementation-Title: ${artifactId}\r\nImplementation-Version: ${version}\r\n\r\n`,
      store: true,
    },
    {
      name: `META-INF/maven/${groupId}/${artifactId}/pom.properties`,
      data: `groupId=${groupId}\nartifactId=${artifactId}\nversion=${version}\n`,
      store: true,
    },
  ]);
}

/** lib/ and opt/ of a Flink distribution (or of the wheel's pyflink/), with real JARs. */
async function flinkJars(home: string, version: string): Promise<void> {
  await writeJar(join(home, 'lib', `flink-dist-${version}.jar`), 'org.apache.flink', 'flink-dist', version);
  await writeJar(join(home, 'lib', `flink-table-runtime-${version}.jar`), 'org.apache.flink', 'flink-table-runtime', version);
  await writeJar(join(home, 'opt', `flink-python-${version}.jar`), 'org.apache.flink', 'flink-python', version);
}

// As the distribution's config.yaml: Flink's Java 17 flag list in env.java.opts.all (java.options), a few settings.
const CONFIG_YAML = `env:\n  java:\n    opts:\n      all: ${JAVA17_FLAGS_22.join(' ')}\njobmanager:\n  rpc:\n    address: jobmanager\n    port: 6123\ntaskmanager:\n  numberOfTaskSlots: 1\nparallelism:\n  default: 1\n`;

// --- an image-like root -------------------------------------------------------------------------------

/** ARG defaults and the FROM line of the Dockerfile recipe. */
function dockerfile(): { lines: string[]; args: Record<string, string> } {
  const text = onlyBlock('dockerfile', 'HEALTHCHECK');
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args: Record<string, string> = {};
  for (const line of lines) {
    const arg = /^ARG (\w+)=(\S+)$/.exec(line);
    if (arg) args[arg[1] ?? ''] = arg[2] ?? '';
  }
  return { lines, args };
}

interface Image {
  root: string;
  /** Maps an absolute path of the image (/opt/…, /usr/local/…) into the temporary root. */
  map(text: string): string;
  /** The image's own environment (what FROM flink:… sets). */
  env: Record<string, string>;
  venvBin: string;
}

/** A root like `flink:<v>-java17` after the recipe's apt-get and pip steps (those two need a network). */
async function imageRoot(flinkVersion: string, { flinkHomeVersion = flinkVersion } = {}): Promise<Image> {
  const rootDir = await tempDir('image-root-');
  const flinkHome = join(rootDir, 'opt', 'flink');
  await flinkJars(flinkHome, flinkHomeVersion);
  await writeFileDeep(join(flinkHome, 'conf', 'config.yaml'), CONFIG_YAML);
  await mkdir(join(rootDir, 'opt', 'java'), { recursive: true });
  await symlink(jdk17(), join(rootDir, 'opt', 'java', 'openjdk'));
  await mkdir(join(rootDir, 'usr', 'local', 'bin'), { recursive: true });
  await symlink(process.execPath, join(rootDir, 'usr', 'local', 'bin', 'node'));

  // python3 -m venv /opt/venv && pip install apache-flink==<v>: the venv is real, the installed
  // distributions are pip-shaped metadata at versions that satisfy apache-flink's Requires-Dist.
  const venv = join(rootDir, 'opt', 'venv');
  await exec(pyenvPython('3.11.7'), ['-m', 'venv', '--without-pip', venv]);
  const sitePackages = join(venv, 'lib', 'python3.11', 'site-packages');
  const requires = loadMatrix().requiresDistFor(flinkVersion)?.requires ?? [];
  await addDistribution(sitePackages, { name: 'apache-flink', version: flinkVersion, requires });
  await addDistribution(sitePackages, { name: 'apache-flink-libraries', version: flinkVersion });
  for (const requirement of requires) {
    const name = /^[A-Za-z0-9._-]+/.exec(requirement)?.[0] ?? '';
    if (name && name !== 'apache-flink-libraries') await addDistribution(sitePackages, { name, version: satisfyingVersion(requirement) });
  }
  // The wheel's pyflink/: version.py, lib/ and opt/ JARs (real ones here) and conf/config.yaml.
  const pyflink = await addPyflinkPackage(sitePackages, flinkVersion);
  await flinkJars(pyflink, flinkVersion);
  await writeJar(join(pyflink, 'opt', `flink-sql-client-${flinkVersion}.jar`), 'org.apache.flink', 'flink-sql-client', flinkVersion);
  await writeFileDeep(join(pyflink, 'conf', 'config.yaml'), CONFIG_YAML);

  const map = (text: string) => text.replace(/(^|[\s='"(:])\/(opt|usr\/local)\//g, `$1${rootDir}/$2/`);
  return {
    root: rootDir,
    map,
    env: {
      FLINK_HOME: flinkHome,
      JAVA_HOME: join(rootDir, 'opt', 'java', 'openjdk'),
      PATH: map('/opt/java/openjdk/bin:/usr/local/bin:/usr/bin:/bin'),
      HOME: join(rootDir, 'root'),
      LANG: 'C.UTF-8',
    },
    venvBin: join(venv, 'bin'),
  };
}

let good: Promise<Image> | undefined;
/** One good image root for the tests that only read it (the recipe's COPY steps write only the doctor into it). */
const goodImage = (): Promise<Image> => (good ??= imageRoot(dockerfile().args.FLINK_VERSION ?? ''));

/** A version that satisfies a Requires-Dist entry: the pinned one, else the lower bound, else a low version. */
function satisfyingVersion(requirement: string): string {
  const specs =
    requirement
      .split(';')[0]
      ?.replace(/^[A-Za-z0-9._-]+\s*(\[[^\]]*\])?\s*\(?/, '')
      .replace(/\)\s*$/, '') ?? '';
  const clauses = specs.split(',').map((s) => s.trim());
  const pinned = clauses.find((c) => c.startsWith('=='));
  if (pinned) return pinned.slice(2).trim();
  const lower = clauses.find((c) => c.startsWith('>=') || c.startsWith('~='));
  if (lower) return lower.slice(2).trim();
  return '1.0.0';
}

/** Executes the Dockerfile's doctor-related instructions against `image`; returns the RUN and HEALTHCHECK results. */
async function buildImage(image: Image): Promise<{ runs: (Run & { line: string })[]; health: Run & { line: string } }> {
  const { lines } = dockerfile();
  const env: Record<string, string> = { ...image.env };
  const runs: (Run & { line: string })[] = [];
  let health: (Run & { line: string }) | undefined;
  for (const line of lines) {
    const [instruction = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction === 'ENV') {
      const [key = '', value = ''] = args.split(/=(.*)/s);
      env[key] = image.map(value).replace(/\$PATH|\$\{PATH\}/g, env.PATH ?? '');
    } else if (instruction === 'COPY' && !args.startsWith('--from=')) {
      const [source = '', destination = ''] = args.split(/\s+/);
      await mkdir(dirname(image.map(destination)), { recursive: true });
      await copyFile(source === 'dist/flink-doctor.mjs' ? bundle : join(root, source), image.map(destination));
    } else if (instruction === 'RUN' && args.includes('flink-doctor')) {
      runs.push({ line, ...(await sh(image.map(args), env, image.root)) });
    } else if (instruction === 'HEALTHCHECK') {
      const command = args.replace(/^.*?\bCMD\s+/, '');
      health = { line, ...(await sh(image.map(command), env, '/')) };
    }
  }
  if (!health) throw new Error('the Dockerfile recipe has no HEALTHCHECK CMD');
  return { runs, health };
}

describe.concurrent('the Dockerfile recipe, against a directory laid out like the image', () => {
  it('is FROM the official Flink image with Java 17 (the JDK the test root uses)', ({ expect }) => {
    const { lines, args } = dockerfile();
    expect(lines[0]).toBe(`ARG FLINK_VERSION=${args.FLINK_VERSION}`);
    expect(lines).toContain('FROM flink:${FLINK_VERSION}-java17');
    expect(loadMatrix().line(args.FLINK_VERSION ?? '')?.java.supported).toContain(17);
    expect(lines.some((l) => /^RUN flink-doctor --offline --strict$/.test(l))).toBe(true);
  });

  it('the build-time doctor passes, the wrapper works and the HEALTHCHECK is healthy on a good image', async ({ expect }) => {
    const version = dockerfile().args.FLINK_VERSION ?? '';
    const { runs, health } = await buildImage(await goodImage());
    expect(runs.map((r) => r.line)).toEqual([expect.stringMatching(/^RUN printf/), 'RUN flink-doctor --offline --strict']);
    for (const run of runs) expect(run.code, `${run.line}\n${run.stdout}${run.stderr}`).toBe(0);
    const doctor = runs[1]!;
    if (process.env.FLINK_DOCTOR_SHOW_RECIPE) process.stdout.write(doctor.stdout);
    expect(doctor.stdout).toContain(`target: Flink ${version} (from the installed apache-flink)`);
    expect(doctor.stdout).toMatch(/✓ flink\.home +FLINK_HOME holds Flink/);
    expect(doctor.stdout).toMatch(/, 0 warnings, 0 errors/);
    expect(health.code, `${health.stdout}${health.stderr}`).toBe(0);
  });

  it('fails the build (exit 1) and turns unhealthy when FLINK_HOME holds another major of Flink', async ({ expect }) => {
    const version = dockerfile().args.FLINK_VERSION ?? '';
    const image = await imageRoot(version, { flinkHomeVersion: '1.20.3' });
    const { runs, health } = await buildImage(image);
    expect(runs[1]?.code).toBe(1);
    expect(runs[1]?.stdout).toContain('✗ flink.home');
    expect(health.code).toBe(1);
  });
});

// --- the CI recipes -----------------------------------------------------------------------------------

/** A CI workspace: the venv of a good image on PATH (setup-python + pip install), JDK 17, flink-doctor on PATH. */
async function workspace(image: Image): Promise<{ dir: string; env: Record<string, string> }> {
  const dir = await tempDir('workspace-');
  const bin = join(dir, '.bin');
  // What `npm install --global flink-doctor` puts on PATH: a command that runs the bundle.
  await writeFileDeep(join(bin, 'flink-doctor'), `#!/bin/sh\nexec "${process.execPath}" "${bundle}" "$@"\n`, true);
  await chmod(join(bin, 'flink-doctor'), 0o755);
  return { dir, env: { PATH: `${image.venvBin}:${bin}:/usr/bin:/bin`, JAVA_HOME: jdk17(), HOME: join(dir, '.home'), LANG: 'C.UTF-8' } };
}

const doctorCommands = (script: string[]): string[] => script.filter((line) => /^flink-doctor\b/.test(line));

describe.concurrent('the GitHub Actions recipe', () => {
  it('runs the doctor with annotations on the log and uploads the SARIF file it wrote', async ({ expect }) => {
    const workflow = parseYaml(onlyBlock('yaml', 'runs-on')) as {
      jobs: Record<
        string,
        { steps: { run?: string; uses?: string; with?: Record<string, string> }[]; permissions: Record<string, string> }
      >;
    };
    const job = Object.values(workflow.jobs)[0]!;
    expect(job.permissions['security-events']).toBe('write');
    // The cache step keeps the folder the doctor writes (checked after the run below), under a key new each run.
    const cache = job.steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with;
    expect(cache?.key).toContain('${{ github.run_id }}');
    expect(cache?.key?.startsWith(cache['restore-keys'] ?? '?')).toBe(true);
    const commands = doctorCommands(job.steps.flatMap((s) => (s.run ? s.run.split('\n') : [])));
    expect(commands).toEqual(['flink-doctor --strict --format sarif --output flink-doctor.sarif']);
    const upload = job.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    expect(upload?.with?.sarif_file).toBe('flink-doctor.sarif');

    const image = await goodImage();
    const ws = await workspace(image);
    const run = await sh(commands[0] ?? '', { ...ws.env, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_WORKSPACE: ws.dir }, ws.dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('sarif report written to');
    const kept = (cache?.path ?? '').replace(/^~(?=\/)/, ws.env.HOME ?? '~');
    expect(await readdir(kept), `the doctor's cache folder is ${kept}`).not.toEqual([]);
    const sarif = JSON.parse(await readFile(join(ws.dir, 'flink-doctor.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(allChecks.map((c) => c.id));
    expect(sarif.runs[0]?.results).toEqual([]);

    // The same step on a broken environment: exit 1, an ::error annotation, a SARIF result.
    const actions = {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: ws.dir,
      GITHUB_WORKFLOW_REF: 'octo/repo/.github/workflows/flink-doctor.yml@refs/pull/1/merge',
    };
    const broken = await sh(
      commands[0] ?? '',
      { ...ws.env, JAVA_HOME: '/nonexistent', PATH: `${image.venvBin}:${join(ws.dir, '.bin')}:/bin`, ...actions },
      ws.dir,
    );
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^::error title=flink-doctor java\.runtime::/m);
    const results =
      (
        JSON.parse(await readFile(join(ws.dir, 'flink-doctor.sarif'), 'utf8')) as {
          runs: { results: { ruleId: string; level: string; locations?: unknown[] }[] }[];
        }
      ).runs[0]?.results ?? [];
    expect(results).toContainEqual(expect.objectContaining({ ruleId: 'java.runtime', level: 'error' }));
    // Code scanning rejects the whole upload if one result lacks a location: environment findings point at the workflow.
    for (const r of results) expect(r.locations, r.ruleId).toEqual(expect.arrayContaining([expect.anything()]));
    expect(JSON.stringify(results.find((r) => r.ruleId === 'java.runtime')?.locations)).toContain('.github/workflows/flink-doctor.yml');
  });
});

describe.concurrent('the GitLab CI recipe', () => {
  it('writes the JUnit file its artifacts:reports:junit points at', async ({ expect }) => {
    const pipeline = parseYaml(onlyBlock('yaml', 'artifacts')) as Record<
      string,
      {
        script: string[];
        artifacts: { when: string; reports: { junit: string } };
        variables: Record<string, string>;
        cache: { paths: string[] };
      }
    >;
    const job = Object.values(pipeline)[0]!;
    const commands = doctorCommands(job.script);
    expect(commands).toEqual(['flink-doctor --strict --format junit --output reports/flink-doctor.xml']);
    expect(job.artifacts).toEqual({ when: 'always', reports: { junit: 'reports/flink-doctor.xml' } });

    const ws = await workspace(await goodImage());
    // GitLab sets CI_PROJECT_DIR and expands the job's variables with it; it caches paths relative to that folder.
    const variables = Object.entries(job.variables).map(([name, value]) => [name, value.replaceAll('$CI_PROJECT_DIR', ws.dir)]);
    const env = { ...ws.env, ...Object.fromEntries(variables), GITLAB_CI: 'true', CI: 'true' };
    const run = await sh(commands[0] ?? '', env, ws.dir);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const kept = join(ws.dir, job.cache.paths[0] ?? '?');
    expect(await readdir(kept), `the doctor's cache folder is ${kept}`).not.toEqual([]);
    const xml = await readFile(join(ws.dir, 'reports', 'flink-doctor.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml).testsuites.testsuite;
    expect(suite['@tests']).toBe(String(allChecks.length));
    expect(suite['@failures']).toBe('0');
  });
});

describe.concurrent('the other commands in docs/ci.md', () => {
  it('run with the bundle', async ({ expect }) => {
    const commands = doctorCommands(blocks('sh').flatMap((b) => b.split('\n')));
    expect(commands).toContain('flink-doctor --list-checks --json');
    const ws = await workspace(await goodImage());
    for (const command of commands) expect((await sh(command, ws.env, ws.dir)).code, command).toBe(0);
    const build = blocks('sh')
      .flatMap((b) => b.split('\n'))
      .filter((l) => l.startsWith('node dist/'));
    expect(build, 'docs/ci.md shows the bundle run with node').not.toEqual([]);
    for (const command of build) expect((await sh(command, { PATH: dirname(process.execPath) }, root)).code, command).toBe(0);
  });

  it('the config file example is valid', async ({ expect }) => {
    const { parseConfig } = await import('../../src/config/file.js');
    const example = onlyBlock('json', '"ignore"');
    expect(() =>
      parseConfig(
        example,
        '/repo/flink-doctor.config.json',
        allChecks.map((c) => c.id),
      ),
    ).not.toThrow();
  });
});
