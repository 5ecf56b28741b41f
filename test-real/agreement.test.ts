// The verdict against the truth: for every setup of corpus.ts the doctor runs on the real install with the
// real job file (--job), then the real job runs on the same install; their answers must agree (support/
// agreement.ts). A warm run reuses each job's recorded output (support/outcomes.ts; FLINK_DOCTOR_REAL_RERUN=1
// runs them all again); the doctor always runs. The agreement table is printed, written to .cache/real-agreement.md, and to
// docs/real-agreement.md when UPDATE_REAL_AGREEMENT=1.
import { cp, mkdir, mkdtemp, appendFile, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { PINS, mavenJar } from '../scripts/real/artifacts.js';
import { cachePath } from '../scripts/real/cache.js';
import { cleanEnv, runDoctor, TEMURIN25, type DoctorReport } from '../scripts/real/doctor.js';
import { layoutOnly, release, withClosure } from '../scripts/real/installs.js';
import { pyenvPython, type PipStep, type RealVenv } from '../scripts/real/venv.js';
import { KNOWN, SETUPS, type Setup } from './corpus.js';
import { errorsOf, judge, type Judgement } from './support/agreement.js';
import { classify, runJob, writeJob, type Outcome } from './support/job.js';
import { recordedRun } from './support/outcomes.js';
import { pipCheck } from './support/truth.js';
import { agreementMarkdown, previousRows, type Row } from './support/table.js';

const rows: Row[] = [];
/** Each setup's judgement, for a setup whose twin confirms its error (settled also when a setup fails or skips). */
const settle = new Map<string, (judgement: Judgement | undefined) => void>();
const judgements = new Map(SETUPS.map((s) => [s.id, new Promise<Judgement | undefined>((resolve) => settle.set(s.id, resolve))]));
const CACHE = join(import.meta.dirname, '..', '.cache');

/** Each setup's doctor report, kept in .cache/real-reports/<id>.json to read when a row disagrees. */
async function keepReport(id: string, report: DoctorReport): Promise<void> {
  await mkdir(join(CACHE, 'real-reports'), { recursive: true });
  await writeFile(join(CACHE, 'real-reports', `${id}.json`), JSON.stringify(report, null, 2));
}

/** The client venv: the release's closure, plus the user's later `pip install`. */
function clientVenv(setup: Setup): Promise<RealVenv> {
  const r = release(setup.flink);
  if (!setup.pipAfter) return withClosure(r);
  const tag = `cp${r.python.replace('.', '')}`;
  const file = setup.pipAfter.startsWith('pyarrow')
    ? Object.keys(PINS.pypi).find((f) => f.startsWith('pyarrow-21.0.0-') && f.includes(`-${tag}-`))
    : Object.keys(PINS.pypi).find((f) => f.startsWith('apache_flink_libraries-2.3.0-'));
  const step: PipStep = { requirements: [setup.pipAfter], files: [file as string] };
  return withClosure(r, [step], setup.pipAfter.replace('==', '-'));
}

async function workerPython(setup: Setup, ctx: TestContext): Promise<string | undefined> {
  const worker = setup.workerPython?.python;
  if (!worker) return undefined;
  if ('flink' in worker) return (await withClosure(release(worker.flink))).python;
  const python = pyenvPython(worker.pyenv);
  if (!python) {
    console.warn(`skipped ${setup.id}: Python ${worker.pyenv} is not installed under pyenv`);
    ctx.skip(`Python ${worker.pyenv} is not installed under pyenv`);
  }
  return python;
}

/** A copy of the wheel's conf/ with python.executable added, as a user configures workers. */
async function confWithWorker(venv: RealVenv, python: string): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'real-conf-')), 'conf');
  await cp(join(venv.sitePackages, 'pyflink', 'conf'), dir, { recursive: true });
  await appendFile(join(dir, 'config.yaml'), `\npython.executable: ${python}\n`);
  return dir;
}

async function prepare(setup: Setup, ctx: TestContext) {
  const venv = await clientVenv(setup);
  const jars = await Promise.all(setup.jars.map((j) => (j.startsWith('missing:') ? j.slice('missing:'.length) : mavenJar(j))));
  const outDir = await mkdtemp(join(tmpdir(), 'real-out-'));
  const worker = await workerPython(setup, ctx);
  const inJob = setup.workerPython?.in === 'job' ? { pythonExecutable: worker } : {};
  const job = await writeJob(`${setup.id}: ${setup.title}`, {
    ...setup.job,
    ...inJob,
    ddl: setup.job.ddl.map((d) => d.replace('{dir}', outDir)),
    jars,
  });
  // The doctor's own cache apart from the user's: an --offline run then reads the shipped Maven snapshot only, never
  // version lists an online run of anyone on this machine left in ~/.cache/flink-doctor (they made jars.updates'
  // verdicts depend on who ran what before). The job ignores it.
  const extra: Record<string, string> = { FLINK_DOCTOR_CACHE_DIR: cachePath('doctor-offline-cache') };
  if (setup.activated) Object.assign(extra, { PATH: `${join(venv.dir, 'bin')}:${cleanEnv().PATH}`, VIRTUAL_ENV: venv.dir });
  if (setup.javaHome) extra.JAVA_HOME = TEMURIN25;
  if (setup.hadoopClasspath) extra.HADOOP_CLASSPATH = await mavenJar(setup.hadoopClasspath);
  if (setup.flinkHome) extra.FLINK_HOME = join((await layoutOnly(release(setup.flinkHome))).sitePackages, 'pyflink');
  if (worker && setup.workerPython?.in === 'config') extra.FLINK_CONF_DIR = await confWithWorker(venv, worker);
  return { venv, job, env: cleanEnv(extra) };
}

describe.concurrent('doctor verdict ⇔ real job', () => {
  it.for(SETUPS)('$id: $title', async (setup, ctx) => {
    let result: { judgement: Judgement; evidence: string } | undefined;
    try {
      result = await judged(setup, ctx);
    } finally {
      settle.get(setup.id)?.(result?.judgement);
    }
    const { judgement, evidence } = result;
    if (setup.knownDisagreement)
      ctx.expect(judgement.agree, `known disagreement no longer happens: ${setup.knownDisagreement}`).toBe(false);
    else ctx.expect(judgement.agree, evidence).toBe(true);
  });
});

/** Doctor, then job (or its recorded output), then the judgement; a row of the table. */
async function judged(setup: Setup, ctx: TestContext): Promise<{ judgement: Judgement; evidence: string }> {
  const { venv, job, env } = await prepare(setup, ctx);
  const report: DoctorReport = await runDoctor(['--offline', '--python', venv.python, '--job', job], env, dirname(job));
  await keepReport(setup.id, report);
  const run = await recordedRun(setup, () => runJob(venv.python, job, env));
  const outcome: Outcome = classify(run);
  // Set only where an error may be confirmed elsewhere: the twin's judgement, pip check after a later pip install.
  const twin = setup.twin ? await judgements.get(setup.twin) : undefined;
  const confirmation = {
    ...(setup.twin && twin ? { twin: { id: setup.twin, judgement: twin } } : {}),
    ...(setup.pipAfter ? { pipProblems: (await pipCheck(venv.python)).map((p) => p.name) } : {}),
  };
  const judgement = judge(report, outcome, confirmation);
  rows.push({ setup, errors: errorsOf(report), warnings: report.checks.filter((c) => c.status === 'warning'), outcome, judgement, run });
  return { judgement, evidence: `${judgement.why}\n--- job output (tail) ---\n${run.output.slice(-3000)}` };
}

it('has at least 25 setups, and every known disagreement names one of them', () => {
  expect(SETUPS.length).toBeGreaterThanOrEqual(25);
  expect(Object.keys(KNOWN).filter((id) => !SETUPS.some((s) => s.id === id))).toEqual([]);
});

afterAll(async () => {
  if (rows.length === 0) return;
  const markdown = agreementMarkdown(rows, new Date());
  console.log(markdown);
  await writeFile(join(CACHE, 'real-agreement.md'), markdown).catch(() => undefined);
  if (process.env.UPDATE_REAL_AGREEMENT !== '1') return;
  // A run of some setups (-t) updates their rows and keeps every other row of the file as it was.
  const docs = join(import.meta.dirname, '..', 'docs', 'real-agreement.md');
  const previous = previousRows(await readFile(docs, 'utf8').catch(() => ''));
  await writeFile(docs, agreementMarkdown(rows, new Date(), previous));
});
