// python.worker: the interpreter PyFlink's Python UDF workers run (python.executable). UDFs are cloudpickled by
// the client and unpickled by the workers, so the workers need the client's Python minor, a minor the target
// supports, and apache-flink (with apache-beam) at the client's release.
import { defineCheck } from './define.js';
import type { Outcome } from '../src/engine/model.js';
import { FLINK_DIST } from '../src/knowledge/flink-names.js';
import type { InstalledPackagesFact, PythonFact, WorkerFact } from '../src/facts/index.js';
import { parseRequirement } from '../src/python/pep508.js';
import { interpreterOf, matchesTarget, pipInstall, releaseToInstall, sameRelease } from '../src/python/pip.js';

const BEAM = 'apache-beam';
const UNSEEN = 'the flink CLI\'s -pyexec and set_python_executable() in the job override python.executable; flink-doctor cannot see them';

export default defineCheck({
  id: 'python.worker',
  title: 'Python worker interpreter',
  group: 'Python',
  description:
    'The interpreter Python UDF workers run (`python.executable` in the Flink config; skipped when unset, or a path ' +
    'inside a `python.archives` archive) runs, has the client\'s Python minor (cloudpickle payloads), a minor the ' +
    'target supports, and apache-flink at the client\'s release.',
  reads: [
    'python.executable and python.archives in the Flink config (--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf, the wheel\'s pyflink/conf)',
    '<python.executable> -c <probe script> (not again when it is the client interpreter)',
    '*.dist-info / *.egg-info on its sys.path (apache-flink, apache-beam)',
  ],
  needs: ['worker', 'python', 'pyflink', 'target'],
  run({ worker, python: client, pyflink, target }, { matrix }): Outcome {
    const { minor: flink, note, skip } = matrix.judgedLine(target);
    // A target older than every known line: the worker still has to match the client, but no line is judged.
    const supported = skip ? [] : (matrix.line(flink)?.python.supported ?? []);
    const notes = [note, skip].filter((n): n is string => Boolean(n));
    const where = `python.executable in ${worker.file ?? 'the Flink config'}`;
    const clientMinor = client.runs && client.version ? minorOf(client.version) : undefined;
    const clientFlink = pyflink.flink?.version;
    const facts = {
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

    if (worker.status === 'unset') {
      return {
        status: 'skipped',
        summary: `python.executable is not set${worker.file ? ` in ${worker.file}` : ''}: local runs start Python workers with the client's interpreter (sys.executable); on a cluster they run \`python\` on the workers' PATH`,
        details: [
          ...(client.runs ? [`client interpreter: ${interpreterOf(client)}${client.version ? ` (Python ${client.version})` : ''}`] : []),
          UNSEEN,
          ...(client.runs ? [`to pin the workers to a known interpreter, set python.executable: ${interpreterOf(client)} (or a Python ${clientMinor ?? '3'} path that exists on every TaskManager)`] : []),
        ],
        facts,
      };
    }
    if (worker.status === 'archive') {
      return {
        status: 'skipped',
        summary: `python.executable ${worker.configured} is inside the archive ${worker.archive} (python.archives): it exists only on the workers, once the archive is extracted, and cannot be checked locally`,
        details: [
          `set in ${worker.file ?? 'the Flink config'}`,
          ...(worker.archives.length > 0 ? [`python.archives: ${worker.archives.join(', ')}`] : ['python.archives is not set in the Flink config: ship the archive with -pyarch or add_python_archive() in the job, or the path will not exist']),
          `the archive's interpreter needs Python ${clientMinor ?? supported.join('/')} and apache-flink ${clientFlink ?? releaseToInstall(target, matrix)}, like the client`,
        ],
        facts,
      };
    }
    if (worker.status === 'relative') {
      return {
        status: 'skipped',
        summary: `python.executable ${worker.configured} is a relative path: the workers resolve it against their working directory (where python.archives are extracted), so it cannot be checked locally`,
        details: [`set in ${worker.file ?? 'the Flink config'}`, ...(worker.archives.length > 0 ? [`python.archives: ${worker.archives.join(', ')} (none extracts to ${worker.configured?.split('/')[0] ?? ''})`] : [])],
        facts,
      };
    }

    const wantedMinor = clientMinor && supported.includes(clientMinor) ? clientMinor : supported[supported.length - 1] ?? '3';
    const wantedFlink = clientFlink ?? releaseToInstall(target, matrix);
    const interpreterFix = `Set python.executable in ${worker.file ?? 'the Flink config'} to a Python ${wantedMinor} interpreter with apache-flink ${wantedFlink} that exists on every TaskManager${client.runs && clientMinor === wantedMinor ? ` (locally the client's: python.executable: ${interpreterOf(client)})` : ''}`;

    if (worker.status === 'invalid' || !worker.python) {
      return {
        status: 'error',
        summary: `${where} is ${worker.configured ?? 'not a string'}, not the path of an interpreter`,
        details: [UNSEEN],
        fix: interpreterFix,
        facts,
      };
    }

    const worked = worker.python;
    if (worked.found === false) {
      return { status: 'error', summary: `Python worker interpreter not found: ${worked.failure ?? worker.configured} (${where})`, details: [UNSEEN, ...notes], fix: interpreterFix, facts };
    }
    if (!worked.runs || !worked.version) {
      return { status: 'error', summary: `Python worker interpreter ${worker.configured} (${where}) does not run: ${worked.failure ?? 'no answer'}`, details: [UNSEEN, ...notes], fix: interpreterFix, facts };
    }

    const version = worked.version;
    const workerMinor = minorOf(version);
    const details = [
      `interpreter: ${interpreterOf(worked)}${worker.sameAsClient ? ' (the client interpreter: its answer was reused)' : ''}`,
      ...(client.runs && client.version ? [`client: Python ${client.version} (${interpreterOf(client)})`] : ['no working client interpreter to compare with (see python.client)']),
      ...(isBareName(worker.configured) ? [`${worker.configured} is a bare name: checked on this machine's PATH; TaskManagers look it up on their own PATH`] : []),
      UNSEEN,
      ...notes,
    ];

    const errors: string[] = [];
    if (clientMinor && workerMinor !== clientMinor) {
      errors.push(`client ${clientMinor}, workers ${workerMinor}: cloudpickle payloads built on the client fail on the workers`);
    }
    if (version.startsWith('2.')) errors.push(`workers run Python ${version}: PyFlink needs Python 3 (Flink ${flink} supports ${supported.join(', ')})`);
    else if (!skip && !supported.includes(workerMinor)) errors.push(`workers run Python ${workerMinor}, which Flink ${flink} does not support (supported: ${supported.join(', ')})`);

    const warnings = packageWarnings(worked, worker, clientFlink, target.flinkVersion);
    if (errors.length > 0) {
      return {
        status: 'error',
        summary: `${errors[0]}; ${where} is ${worker.configured} (Python ${version})`,
        details: [...errors.slice(1), ...details, ...warnings.lines],
        fix: interpreterFix,
        facts,
      };
    }
    if (warnings.lines.length > 0) {
      return {
        status: 'warning',
        summary: `${warnings.lines[0]}${warnings.lines.length > 1 ? ` (+${warnings.lines.length - 1} more)` : ''}`,
        details: [...warnings.lines.slice(1), ...details],
        fix: pipInstall(worked, warnings.specs),
        facts,
      };
    }
    const flinkHere = worker.packages?.distributions[FLINK_DIST]?.version ?? '';
    const what = worker.sameAsClient ? 'the client interpreter' : clientMinor ? 'same minor as the client' : skip ? 'no Flink line judged' : `supported by Flink ${flink}`;
    return {
      status: 'ok',
      summary: `Python ${version} from ${where}: ${what}, apache-flink ${flinkHere}${clientFlink && !worker.sameAsClient ? ' as on the client' : ''}`,
      details,
      facts,
    };
  },
});

/** apache-flink missing or at another release than the client's (else the target's); apache-beam missing. */
function packageWarnings(worker: PythonFact, fact: WorkerFact, clientFlink: string | undefined, targetFlink: string | null): { lines: string[]; specs: string[] } {
  const packages: InstalledPackagesFact = fact.packages ?? { distributions: {}, duplicates: [], problems: [] };
  const interpreter = interpreterOf(worker);
  const flink = packages.distributions[FLINK_DIST];
  const wanted = clientFlink ?? (targetFlink && /^\d+\.\d+\.\d+/.test(targetFlink) ? targetFlink : undefined);
  const pin = wanted ? `${FLINK_DIST}==${wanted}` : targetFlink ? `${FLINK_DIST}==${targetFlink}.*` : FLINK_DIST;
  if (!flink) {
    return { lines: [`apache-flink is not installed in the workers' interpreter ${interpreter}: Python UDFs fail with "No module named 'pyflink'"`], specs: [pin] };
  }
  if (clientFlink && !sameRelease(flink.version, clientFlink)) {
    return { lines: [`apache-flink ${flink.version} in the workers' interpreter ${interpreter}, ${clientFlink} in the client's`], specs: [pin] };
  }
  if (!clientFlink && targetFlink && !matchesTarget(flink.version, targetFlink)) {
    return { lines: [`apache-flink ${flink.version} in the workers' interpreter ${interpreter}, the target is Flink ${targetFlink}`], specs: [pin] };
  }
  if (!packages.distributions[BEAM]) {
    const required = flink.requires.map((raw) => parseRequirement(raw)).find((r) => r.ok && r.value.key === BEAM);
    const spec = required?.ok ? `${BEAM}${required.value.specifier}` : BEAM;
    return { lines: [`apache-beam is not installed in the workers' interpreter ${interpreter}: apache-flink ${flink.version} runs Python UDFs on the Beam SDK harness`], specs: [spec] };
  }
  return { lines: [], specs: [] };
}

function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

function isBareName(value: string | undefined): boolean {
  return Boolean(value) && !value?.includes('/') && !(process.platform === 'win32' && value?.includes('\\'));
}
