// python.worker: the interpreter PyFlink's Python UDF workers run (python.executable). UDFs are cloudpickled by
// the client and unpickled by the workers, so the workers need the client's Python minor, a minor the target
// supports, and apache-flink (with apache-beam) at the client's release.
import { archiveName, entriesRead, environmentsOf, inPartRead } from './archive-shared.js';
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import { FLINK_DIST } from '../src/knowledge/flink-names.js';
import type {
  ArchiveInterpreter,
  ArchiveRead,
  InstalledPackagesFact,
  JobFact,
  PathPython,
  PythonFact,
  RunFact,
  TargetFact,
  WorkerFact,
} from '../src/facts/index.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { pythonMinorOf } from '../src/knowledge/versions.js';
import { parseRequirement } from '../src/python/pep508.js';
import { interpreterOf, matchesTarget, pipInstall, releaseToInstall, sameRelease } from '../src/python/pip.js';

const BEAM = 'apache-beam';
const UNSEEN =
  'the flink CLI\'s -pyexec overrides python.executable and is not seen; set_python_executable() and set("python.executable") in the job are read with --job';

export default defineCheck({
  id: 'python.worker',
  title: 'Python worker interpreter',
  group: 'Python',
  description:
    "The interpreter Python UDF workers run has apache-flink at the client's release, the client's Python minor and " +
    'one the target lists (another minor is a warning: cloudpickle payloads are not guaranteed to load across minors): ' +
    '`python.executable` set in the job, else in the Flink ' +
    'config (which a local `python job.py` ignores: an error only for runs on a cluster); when it is unset, `python` ' +
    'on PATH (what `flink run` and local DataStream workers start: an error for a DataStream job run here, else a ' +
    'warning; a DataStream job run here also starts it when only the config file sets python.executable); when it ' +
    'points into a `python.archives` archive, the interpreter inside it (a symlink leaving the archive is an error).',
  reads: [
    "python.executable and python.archives in the Flink config (--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf, the wheel's pyflink/conf)",
    '--job: set("python.executable"), set_python_executable(), add_python_archive(), the DataStream / Table API imports, execution.target',
    'python on PATH when python.executable is unset',
    'the python.archives archive python.executable points into (listing, pyvenv.cfg, dist-info names; never extracted)',
    '<python.executable> -c <probe script> (not again when it is the client interpreter)',
    '*.dist-info / *.egg-info on its sys.path (apache-flink, apache-beam)',
  ],
  needs: ['worker', 'python', 'pyflink', 'target', 'run', 'job'],
  run({ worker, python: client, pyflink, target, run, job }, { matrix }): Outcome {
    const ctx = context(worker, client, pyflink.flink?.version, target, matrix);
    const local = worker.pathPython && !worker.inJob && dataStreamHere(job, run) ? judgeLocalDataStream(ctx, worker.pathPython) : undefined;
    if (local?.status === 'error') return local;
    if (worker.status === 'unset')
      return worker.fromPath && worker.python ? judgePathPython(ctx, worker.python, dataStreamHere(job, run)) : unsetSkip(ctx);
    if (worker.status === 'computed') return computedSkip(ctx);
    if (worker.status === 'archive') return worker.archiveRead ? judgeArchive(ctx) : archiveSkip(ctx);
    if (worker.status === 'relative') return relativeSkip(ctx);
    return judgeConfigured(ctx, run);
  },
});

const IN_JOB =
  'set in the job: its workers run this interpreter when the job runs here and on a cluster (where the path must exist on every TaskManager)';

/** python.executable names an interpreter path (in the job or the config file): judge what it is, and how much that matters. */
function judgeConfigured(ctx: Context, run: RunFact): Outcome {
  const { worker } = ctx;
  if (worker.status === 'invalid' || !worker.python) {
    const invalid: Outcome = {
      status: 'error',
      summary: `${ctx.where} is ${worker.configured ?? 'not a string'}, not the path of an interpreter`,
      details: [UNSEEN],
      fix: ctx.interpreterFix,
      facts: ctx.facts,
    };
    return worker.inJob ? invalid : configSeverity(invalid, run);
  }
  // The job's own setting is what its workers run, here and on a cluster: apache-flink missing there is certain failure.
  const outcome = judgeInterpreter(ctx, worker.python, ctx.where, worker.configured ?? '', Boolean(worker.inJob) && !run.remote);
  return worker.inJob ? { ...outcome, details: [...(outcome.details ?? []), IN_JOB] } : configSeverity(outcome, run);
}

function computedSkip({ worker, where, facts }: Context): Outcome {
  return {
    status: 'skipped',
    summary: `${where} is computed at run time (${worker.configured}): the workers' interpreter is not known here`,
    details: [UNSEEN],
    facts,
  };
}

function relativeSkip({ worker, facts }: Context): Outcome {
  return {
    status: 'skipped',
    summary: `python.executable ${worker.configured} is a relative path: the workers resolve it against their working directory (where python.archives are extracted), so it cannot be checked locally`,
    details: [
      `set in ${configFileOf(worker)}`,
      ...(worker.archives.length > 0
        ? [`python.archives: ${worker.archives.join(', ')} (none extracts to ${worker.configured?.split('/')[0] ?? ''})`]
        : []),
    ],
    facts,
  };
}

/**
 * The config file's python.executable decides `flink run` and cluster runs; a local `python job.py` ignores it. An error
 * only when the run targets a cluster (--cluster, --deploy, execution.target, a JobManager address), else a warning.
 */
function configSeverity(outcome: Outcome, run: RunFact): Outcome {
  const details = [...(outcome.details ?? []), LOCAL_RUNS];
  if (outcome.status !== 'error') return { ...outcome, details };
  if (run.remote)
    return { ...outcome, details: [`the job runs on a cluster (${run.remote}): its workers run this interpreter`, ...details] };
  return {
    ...outcome,
    status: 'warning',
    summary: `${outcome.summary} (matters for \`flink run\` and on the cluster; \`python job.py\` ignores it)`,
    details,
  };
}

/**
 * A DataStream job (no Table API) run here that hands the JVM a Python function: its workers start python.executable,
 * else `python` from PATH. Without a Python function no worker starts (datastream-kafka: KafkaSource → print ran).
 */
function dataStreamHere(job: JobFact, run: RunFact): boolean {
  return Boolean(job.needs?.dataStream && job.needs.pythonFunction && !job.needs.tableApi && !run.remote);
}

// Seen on real installs (1.20.5, 2.2.1; test-real/agreement.test.ts): `python job.py` does not read the config file's
// python.executable: a bare Python 3.13 set there did not stop a local Table API job with a Python UDF.
const LOCAL_RUNS =
  "a job run locally (python job.py) ignores the config file's python.executable: TableEnvironment jobs start workers with the client's interpreter (sys.executable), StreamExecutionEnvironment jobs with `python` from PATH; the config applies to jobs submitted with `flink run` and on the cluster";

interface Context {
  worker: WorkerFact;
  client: PythonFact;
  clientMinor?: string;
  clientFlink?: string;
  target: TargetFact;
  matrix: Matrix;
  flink: string;
  supported: string[];
  /** Set when the target is older than every line the matrix knows: no line is judged. */
  skip?: string;
  notes: string[];
  where: string;
  interpreterFix: string;
  facts: Record<string, string | number | boolean | null>;
}

function context(worker: WorkerFact, client: PythonFact, clientFlink: string | undefined, target: TargetFact, matrix: Matrix): Context {
  const { minor: flink, note, skip } = matrix.judgedLine(target);
  // A target older than every known line: the worker still has to match the client, but no line is judged.
  const supported = skip ? [] : (matrix.line(flink)?.python.supported ?? []);
  const clientMinor = client.runs && client.version ? pythonMinorOf(client.version) : undefined;
  return {
    worker,
    client,
    target,
    matrix,
    flink,
    supported,
    interpreterFix: wantedInterpreterFix(worker, client, clientMinor, supported, clientFlink ?? releaseToInstall(target, matrix)),
    facts: reportFacts(worker, client, clientFlink, flink),
    ...(clientMinor ? { clientMinor } : {}),
    ...(clientFlink ? { clientFlink } : {}),
    notes: [note, skip].filter((n): n is string => Boolean(n)),
    ...(skip ? { skip } : {}),
    where: `python.executable in ${configFileOf(worker)}`,
  };
}

/** The interpreter to point python.executable at: the client's minor when the line supports it, else its newest. */
function wantedInterpreterFix(
  worker: WorkerFact,
  client: PythonFact,
  clientMinor: string | undefined,
  supported: string[],
  wantedFlink: string,
): string {
  const wantedMinor = clientMinor && supported.includes(clientMinor) ? clientMinor : (supported[supported.length - 1] ?? '3');
  const clients = client.runs && clientMinor === wantedMinor ? ` (locally the client's: python.executable: ${interpreterOf(client)})` : '';
  return `Set python.executable in ${configFileOf(worker)} to a Python ${wantedMinor} interpreter with apache-flink ${wantedFlink} that exists on every TaskManager${clients}`;
}

/** The facts every outcome of this check reports. */
function reportFacts(worker: WorkerFact, client: PythonFact, clientFlink: string | undefined, flink: string): Context['facts'] {
  return {
    configured: worker.configured ?? null,
    configFile: worker.file ?? null,
    archives: worker.archives.join(',') || null,
    executable: worker.python?.executable ?? null,
    version: worker.python?.version ?? null,
    sameAsClient: worker.sameAsClient,
    clientVersion: client.version ?? null,
    clientFlink: clientFlink ?? null,
    workerFlink: worker.packages?.distributions[FLINK_DIST]?.version ?? null,
    judgedAgainst: `Flink ${flink}`,
  };
}

function configFileOf(worker: WorkerFact): string {
  return worker.file ?? 'the Flink config';
}

/**
 * An interpreter that was run: the client's minor, a minor the line supports, apache-flink at the client's release.
 * `certain`: it is the workers' interpreter for a run here, so apache-flink missing from it is an error.
 */
function judgeInterpreter(ctx: Context, worked: PythonFact, where: string, configured: string, certain = false): Outcome {
  const { worker, flink, supported, interpreterFix, facts } = ctx;
  if (worked.found === false || !worked.runs || !worked.version) return notRunning(ctx, worked, where, configured);
  const version = worked.version;
  const details = interpreterDetails(ctx, worked, configured);
  const python2 = version.startsWith('2.');
  const errors = python2 ? [`workers run Python ${version}: PyFlink needs Python 3 (Flink ${flink} supports ${supported.join(', ')})`] : [];
  const risks = python2 ? [] : minorRisks(ctx, pythonMinorOf(version));
  const warnings = packageWarnings(worked, worker, ctx.clientFlink, ctx.target.flinkVersion);
  // The workers die importing pyflink before any payload is unpickled: that is the failure to name first.
  if (certain && warnings.missingFlink) errors.unshift(warnings.lines.shift() as string);
  if (errors.length > 0) {
    return {
      status: 'error',
      summary: `${errors[0]}; ${where} is ${configured} (Python ${version})`,
      details: [...errors.slice(1), ...details, ...risks, ...warnings.lines],
      fix: interpreterFix,
      facts,
    };
  }
  const lines = [...risks, ...warnings.lines];
  if (lines.length > 0) {
    const summary = `${lines[0]}${risks.length > 0 ? `; ${where} is ${configured} (Python ${version})` : ''}${lines.length > 1 ? ` (+${lines.length - 1} more)` : ''}`;
    return {
      status: 'warning',
      summary,
      details: [...lines.slice(1), ...details],
      fix: risks.length > 0 ? interpreterFix : pipInstall(worked, warnings.specs),
      facts,
    };
  }
  return { status: 'ok', summary: `Python ${version} from ${where}: ${whyItMatches(ctx)}`, details, facts };
}

/** The interpreter is missing or gives no answer: the workers cannot start. */
function notRunning({ notes, interpreterFix, facts }: Context, worked: PythonFact, where: string, configured: string): Outcome {
  const summary =
    worked.found === false
      ? `Python worker interpreter not found: ${worked.failure ?? configured} (${where})`
      : `Python worker interpreter ${configured} (${where}) does not run: ${worked.failure ?? 'no answer'}`;
  return { status: 'error', summary, details: [UNSEEN, ...notes], fix: interpreterFix, facts };
}

function interpreterDetails({ worker, client, notes }: Context, worked: PythonFact, configured: string): string[] {
  return [
    `interpreter: ${interpreterOf(worked)}${worker.sameAsClient ? ' (the client interpreter: its answer was reused)' : ''}`,
    ...(client.runs && client.version
      ? [`client: Python ${client.version} (${interpreterOf(client)})`]
      : ['no working client interpreter to compare with (see python.client)']),
    ...(isBareName(configured)
      ? [`${configured} is a bare name: checked on this machine's PATH; TaskManagers look it up on their own PATH`]
      : []),
    UNSEEN,
    ...notes,
  ];
}

/** What the workers' interpreter was matched against: the client itself, the client's minor, or the line. */
function whyItMatches({ worker, clientMinor, clientFlink, skip, flink }: Context): string {
  const what = worker.sameAsClient
    ? 'the client interpreter'
    : clientMinor
      ? 'same minor as the client'
      : skip
        ? 'no Flink line judged'
        : `supported by Flink ${flink}`;
  const flinkHere = worker.packages?.distributions[FLINK_DIST]?.version ?? '';
  return `${what}, apache-flink ${flinkHere}${clientFlink && !worker.sameAsClient ? ' as on the client' : ''}`;
}

/**
 * python.executable unset: what `python` on this machine's PATH is. Local runs through TableEnvironment use the
 * client's interpreter instead, so what would be an error for a configured interpreter is a warning here; a
 * DataStream job run here starts that `python`, so its errors stay errors.
 */
function judgePathPython(ctx: Context, python: PythonFact, dataStream: boolean): Outcome {
  const where = 'python on PATH (python.executable is unset)';
  const outcome = judgeInterpreter(ctx, python, where, 'python', dataStream);
  const details = [...(dataStream ? [DATASTREAM_NOTE] : []), PATH_NOTE, ...(outcome.details ?? [])];
  if (outcome.status === 'ok') return { ...outcome, details };
  const client = ctx.client.runs ? interpreterOf(ctx.client) : undefined;
  const fix = !client
    ? ctx.interpreterFix
    : dataStream
      ? `Set python.executable to the client's interpreter in the job: env.set_python_executable("${client}"); or activate the client's venv so \`python\` on PATH is ${client} (\`python job.py\` does not read python.executable from ${configFileOf(ctx.worker)})`
      : `Set python.executable: ${client} in ${configFileOf(ctx.worker)} (or -pyexec), so the workers run the client's interpreter`;
  const missing =
    python.found === false
      ? `python.executable is unset and there is no \`python\` on PATH: ${dataStream ? "this DataStream job's workers" : '`flink run` and workers on this machine'} cannot start Python`
      : undefined;
  return { ...outcome, status: dataStream ? outcome.status : 'warning', summary: missing ?? outcome.summary, details, fix };
}

/**
 * The config file sets python.executable, but this DataStream job runs here, where `python job.py` does not read it:
 * the workers start `python` from PATH (measured: datastream-python-in-config in the real tier). An error when that
 * one cannot run the job; otherwise the configured interpreter is judged as usual.
 */
function judgeLocalDataStream(ctx: Context, path: PathPython): Outcome | undefined {
  if (!path.python) return undefined;
  const worker: WorkerFact = { ...ctx.worker, status: 'unset', fromPath: true, ...path };
  const where = `python on PATH (a DataStream job run here ignores python.executable in ${configFileOf(ctx.worker)})`;
  const outcome = judgeInterpreter({ ...ctx, worker }, path.python, where, 'python', true);
  if (outcome.status !== 'error') return undefined;
  const summary =
    path.python.found === false
      ? `a DataStream job run here ignores python.executable in ${configFileOf(ctx.worker)} and starts \`python\` from PATH, and there is none: its workers cannot start Python`
      : outcome.summary;
  const configured = ctx.worker.configured ?? 'the interpreter';
  const fix = `Set it in the job: env.set_python_executable("${configured}") (the job's own setting is used here and on a cluster); or activate a venv with apache-flink so \`python\` on PATH can run the workers`;
  return { ...outcome, summary, details: [DATASTREAM_NOTE, LOCAL_RUNS, ...(outcome.details ?? [])], fix };
}

const DATASTREAM_NOTE =
  'a DataStream job run here starts its Python workers with the python.executable the job sets, else `python` from PATH (Cannot run program "python" when there is none): unlike TableEnvironment, it does not use the client\'s interpreter, and `python job.py` does not read the config file\'s python.executable';

const PATH_NOTE =
  "python.executable is unset: `flink run` and Python workers started on this machine run `python` from PATH; local runs through TableEnvironment use the client's interpreter (sys.executable)";

function unsetSkip({ worker, client, clientMinor, facts }: Context): Outcome {
  return {
    status: 'skipped',
    summary: `python.executable is not set${worker.file ? ` in ${worker.file}` : ''}: Table API jobs run locally start Python workers with the client's interpreter (sys.executable); DataStream jobs run locally, and every job on a cluster, run \`python\` from PATH`,
    details: [
      ...(client.runs ? [`client interpreter: ${interpreterOf(client)}${client.version ? ` (Python ${client.version})` : ''}`] : []),
      UNSEEN,
      ...(client.runs
        ? [
            `to pin the workers to a known interpreter, set python.executable: ${interpreterOf(client)} (or a Python ${clientMinor ?? '3'} path that exists on every TaskManager)`,
          ]
        : []),
    ],
    facts,
  };
}

function archiveSkip({ worker, clientMinor, clientFlink, supported, target, matrix, facts }: Context): Outcome {
  return {
    status: 'skipped',
    summary: `python.executable ${worker.configured} is inside the archive ${worker.archive} (python.archives): it exists only on the workers, once the archive is extracted, and cannot be checked locally`,
    details: [
      `set in ${configFileOf(worker)}`,
      ...(worker.archives.length > 0
        ? [`python.archives: ${worker.archives.join(', ')}`]
        : [
            'python.archives is not set in the Flink config: ship the archive with -pyarch or add_python_archive() in the job, or the path will not exist',
          ]),
      `the archive's interpreter needs Python ${clientMinor ?? supported.join('/')} and apache-flink ${clientFlink ?? releaseToInstall(target, matrix)}, like the client`,
    ],
    facts,
  };
}

/** python.executable inside a python.archives entry that could be opened here: the interpreter as the archive holds it. */
function judgeArchive(ctx: Context): Outcome {
  const read = ctx.worker.archiveRead as ArchiveRead;
  const named = `python.executable ${ctx.worker.configured}`;
  if (read.status === 'remote')
    return { ...archiveSkip(ctx), summary: `${named} is inside ${read.entry}, a remote archive flink-doctor does not download` };
  const rebuild = rebuildFix(ctx, read);
  if (read.status === 'unreadable')
    return {
      status: 'error',
      summary: `${named} is inside ${read.entry}, which cannot be read: ${read.problem}`,
      fix: rebuild,
      facts: ctx.facts,
    };
  const seen: ArchiveSeen = {
    read,
    named,
    rebuild,
    details: [
      `archive: ${read.path} (${entriesRead(read)})`,
      ...(read.environments.length > 0 ? [`Python environments inside: ${environmentsOf(read)}`] : []),
    ],
  };
  const interpreter = read.interpreter;
  if (!interpreter || interpreter.resolution.kind !== 'file') return judgeNoRealFile(ctx, seen, interpreter);
  const risks = archiveMinorRisks(ctx, interpreter);
  if (risks.length > 0)
    return {
      status: 'warning',
      summary: `${named}: ${risks[0]}`,
      details: [...risks.slice(1), ...seen.details],
      fix: rebuild,
      facts: ctx.facts,
    };
  return judgeArchivedFlink(ctx, seen, interpreter);
}

/** An archive that was read, with what every outcome about it says. */
interface ArchiveSeen {
  read: ArchiveRead;
  /** "python.executable venv.zip/venv/bin/python" */
  named: string;
  rebuild: string;
  details: string[];
}

function rebuildFix({ clientMinor, clientFlink, supported, target, matrix }: Context, read: ArchiveRead): string {
  const python = clientMinor ?? supported[supported.length - 1] ?? '3';
  return `Rebuild ${archiveName(read)} so that ${read.interpreter?.inside ?? 'the interpreter'} is a real file: \`python -m venv --copies\` (or conda-pack), with Python ${python} and apache-flink ${clientFlink ?? releaseToInstall(target, matrix)}`;
}

/** The interpreter is not a real file in the archive: missing (perhaps only from the part read), a link out of it, a loop. */
function judgeNoRealFile(
  { worker, facts }: Context,
  { read, named, rebuild, details }: ArchiveSeen,
  interpreter: ArchiveInterpreter | undefined,
): Outcome {
  const name = archiveName(read);
  const resolution = interpreter?.resolution ?? { kind: 'missing' };
  if (resolution.kind === 'outside') {
    return {
      status: 'error',
      summary: `${named}: ${resolution.link} in ${name} is a symlink to ${resolution.target}, outside the archive: it will not exist on the workers`,
      details,
      fix: rebuild,
      facts,
    };
  }
  if (resolution.kind === 'loop')
    return { status: 'error', summary: `${named}: a symlink loop inside ${name}`, details, fix: rebuild, facts };
  if (read.cap && interpreter)
    return { status: 'skipped', summary: `${named} was not found${inPartRead(read)}: it may lie in the rest`, details, facts };
  const example = `${name}/${read.environments[0] ? `${read.environments[0]}/` : ''}bin/python`;
  return {
    status: 'error',
    summary: `${named} does not exist inside ${name} (looked for ${interpreter?.inside ?? worker.configured})`,
    details,
    fix: `Point python.executable at the interpreter's path inside the archive, e.g. ${example}`,
    facts,
  };
}

/** The archive's Python on another minor than the client's, or one the line does not list: a risk (see minorRisks). */
function archiveMinorRisks({ clientMinor, flink, supported, skip }: Context, interpreter: ArchiveInterpreter): string[] {
  const minor = interpreter.pythonMinor;
  const risks: string[] = [];
  if (minor && clientMinor && minor !== clientMinor)
    risks.push(
      `the archive's Python is ${minor} (${interpreter.minorFrom}), the client's ${clientMinor}: cloudpickle payloads built on one Python minor are not guaranteed to load on another`,
    );
  if (minor && !skip && !supported.includes(minor))
    risks.push(`the archive's Python ${minor} is not one Flink ${flink} lists (${supported.join(', ')})`);
  return risks;
}

/** A real interpreter of a fitting minor: apache-flink in the archive's environment at the client's release. */
function judgeArchivedFlink(
  { clientFlink, facts }: Context,
  { read, named, rebuild, details }: ArchiveSeen,
  interpreter: ArchiveInterpreter,
): Outcome {
  const archived = interpreter.flinkVersion;
  const where = `a real interpreter inside ${archiveName(read)}${interpreter.pythonMinor ? `, Python ${interpreter.pythonMinor}` : ''}`;
  if (!archived && read.cap)
    return { status: 'ok', summary: `${named}: ${where}; apache-flink not seen${inPartRead(read)}`, details, facts };
  if (!archived || (clientFlink && !sameRelease(archived, clientFlink))) {
    const summary = archived
      ? `the archive holds apache-flink ${archived}, the client ${clientFlink}`
      : `the archive's environment has no apache-flink: Python UDFs fail with "No module named 'pyflink'"`;
    return { status: 'warning', summary: `${named}: ${summary}`, details, fix: rebuild, facts };
  }
  return { status: 'ok', summary: `${named}: ${where}, apache-flink ${archived}`, details, facts };
}

/** apache-flink missing or at another release than the client's (else the target's); apache-beam missing. */
function packageWarnings(
  worker: PythonFact,
  fact: WorkerFact,
  clientFlink: string | undefined,
  targetFlink: string | null,
): { lines: string[]; specs: string[]; missingFlink?: boolean } {
  const packages: InstalledPackagesFact = fact.packages ?? { distributions: {}, duplicates: [], problems: [] };
  const interpreter = interpreterOf(worker);
  const flink = packages.distributions[FLINK_DIST];
  const wanted = clientFlink ?? (targetFlink && /^\d+\.\d+\.\d+/.test(targetFlink) ? targetFlink : undefined);
  const pin = wanted ? `${FLINK_DIST}==${wanted}` : targetFlink ? `${FLINK_DIST}==${targetFlink}.*` : FLINK_DIST;
  if (!flink) {
    return {
      lines: [
        `apache-flink is not installed in the workers' interpreter ${interpreter}: Python UDFs fail with "No module named 'pyflink'"`,
      ],
      specs: [pin],
      missingFlink: true,
    };
  }
  if (clientFlink && !sameRelease(flink.version, clientFlink)) {
    return {
      lines: [`apache-flink ${flink.version} in the workers' interpreter ${interpreter}, ${clientFlink} in the client's`],
      specs: [pin],
    };
  }
  if (!clientFlink && targetFlink && !matchesTarget(flink.version, targetFlink)) {
    return {
      lines: [`apache-flink ${flink.version} in the workers' interpreter ${interpreter}, the target is Flink ${targetFlink}`],
      specs: [pin],
    };
  }
  if (!packages.distributions[BEAM]) {
    const required = flink.requires.map((raw) => parseRequirement(raw)).find((r) => r.ok && r.value.key === BEAM);
    const spec = required?.ok ? `${BEAM}${required.value.specifier}` : BEAM;
    return {
      lines: [
        `apache-beam is not installed in the workers' interpreter ${interpreter}: apache-flink ${flink.version} runs Python UDFs on the Beam SDK harness`,
      ],
      specs: [spec],
    };
  }
  return { lines: [], specs: [] };
}

/**
 * Workers on another minor than the client, or on one the line does not list: a risk, not a certain failure. The
 * real tier (docs/real-agreement.md, worker-other-release and its -calls twin) ran a 3.11 client's UDFs to the end
 * on 3.12 workers, so these are warnings that name the risk.
 */
function minorRisks({ clientMinor, supported, flink, skip }: Context, workerMinor: string): string[] {
  const risks: string[] = [];
  if (clientMinor && workerMinor !== clientMinor)
    risks.push(
      `client ${clientMinor}, workers ${workerMinor}: cloudpickle payloads built on one Python minor are not guaranteed to load on another`,
    );
  if (!skip && !supported.includes(workerMinor))
    risks.push(`workers run Python ${workerMinor}, which Flink ${flink} does not list (supported: ${supported.join(', ')})`);
  return risks;
}

function isBareName(value: string | undefined): boolean {
  return Boolean(value) && !value?.includes('/') && !(process.platform === 'win32' && value?.includes('\\'));
}
