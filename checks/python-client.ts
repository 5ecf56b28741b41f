// python.client: the interpreter PyFlink's client will start, whether it runs, and whether the target Flink
// line supports its Python minor (compat-matrix.json `python.supported`).
import { defineCheck, type CheckContext } from './define.js';
import type { Facts, PythonFact, TargetFact } from '../src/facts/index.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { pythonMinorOf } from '../src/knowledge/versions.js';
import type { Outcome } from '../src/engine/model.js';
import { describeProvenance } from '../src/facts/environment.js';
import { interpreterOf } from '../src/python/pip.js';

export default defineCheck({
  id: 'python.client',
  title: 'Python client interpreter',
  group: 'Python',
  description:
    'The client interpreter (`--python`, `PYFLINK_CLIENT_EXECUTABLE`, `python.client.executable`, the active ' +
    'venv/conda env, `python3`/`python` on PATH) runs and is a Python minor the target supports.',
  reads: [
    '--python',
    'PYFLINK_CLIENT_EXECUTABLE',
    'python.client.executable in the Flink config (--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf)',
    'VIRTUAL_ENV',
    'CONDA_PREFIX',
    'python3 / python on PATH',
    '<python> -c <probe script>',
  ],
  needs: ['python', 'target'],
  run(facts, ctx): Outcome {
    const judged = ctx.matrix.judgedLine(facts.target);
    return { ...judge(facts, ctx), sources: judged.skip ? [] : ctx.matrix.cite(ctx.matrix.line(judged.minor)?.python.sources) };
  },
});

function judge({ python, target }: Pick<Facts, 'python' | 'target'>, { matrix }: CheckContext): Outcome {
  const verdict = verdictFor(python, target, matrix);
  return notRunning(python, verdict) ?? judgeRunning(python, python.version ?? '', verdict);
}

/** What every outcome of this check says: the line judged against, what it supports, the facts and the fix. */
interface Verdict {
  flink: string;
  wanted: string;
  supported: string[];
  /** Why no line is judged (a target older than every known line). */
  skip?: string;
  where: string;
  notes: string[];
  supportLine: string;
  fix: string;
  facts: Outcome['facts'];
}

function verdictFor(python: PythonFact, target: TargetFact, matrix: Matrix): Verdict {
  const { minor, note, skip } = matrix.judgedLine(target);
  const supported = skip ? [] : (matrix.line(minor)?.python.supported ?? []);
  const flink = `Flink ${minor}`;
  const wanted = skip ? 'Python 3' : `Python ${supported.join(', ')}`;
  const facts = {
    source: python.provenance.source,
    requested: python.requested,
    executable: python.executable ?? null,
    version: python.version ?? null,
    implementation: python.implementation ?? null,
    prefix: python.prefix ?? null,
    inVirtualEnv: python.inVirtualEnv ?? null,
    judgedAgainst: skip ? null : flink,
    supported: supported.join(', '),
  };
  const supportLine = skip ?? `${flink} supports ${wanted}`;
  const where = describeProvenance(python.provenance);
  return { flink, wanted, supported, skip, where, notes: note ? [note] : [], supportLine, fix: fixFor(python, wanted), facts };
}

/** The interpreter is not there, or does not answer: an error before any version can be judged. */
function notRunning(python: PythonFact, { where, supportLine, notes, fix, facts }: Verdict): Outcome | undefined {
  if (python.found === false) {
    return {
      status: 'error',
      summary: `Python client interpreter not found: ${python.failure ?? python.requested} (chosen by ${where})`,
      details: [supportLine, ...notes],
      fix,
      facts,
    };
  }
  if (!python.runs || !python.version) {
    return {
      status: 'error',
      summary: `Python client interpreter from ${where} does not run: ${python.failure ?? 'no answer'}`,
      details: [supportLine, ...notes],
      fix,
      facts,
    };
  }
  return undefined;
}

/** A running interpreter: Python 2, a minor the line does not support, or not CPython. */
function judgeRunning(python: PythonFact, version: string, verdict: Verdict): Outcome {
  const { flink, wanted, supported, skip, supportLine, fix, facts } = verdict;
  const pythonMinor = pythonMinorOf(version);
  const found = `Python ${version}${python.implementation ? ` (${python.implementation})` : ''} from ${verdict.where}`;
  const details = [
    `interpreter: ${interpreterOf(python)}`,
    `prefix: ${python.prefix ?? 'unknown'}${python.inVirtualEnv ? ` (virtual environment of ${python.basePrefix ?? 'unknown'})` : ''}`,
    supportLine,
    ...verdict.notes,
  ];
  // These summaries name the supported minors already: the details do not say it again.
  const withoutSupported = details.filter((line) => line !== supportLine);
  if (version.startsWith('2.')) {
    return {
      status: 'error',
      summary: `${found}: PyFlink needs Python 3 (${flink} supports ${wanted})`,
      details: withoutSupported,
      fix,
      facts,
    };
  }
  // A target older than every known line: found and running is all that can be said without borrowing a line.
  if (skip) return { status: 'skipped', summary: `${found}; ${skip}`, details: withoutSupported, facts };
  if (!supported.includes(pythonMinor)) {
    return {
      status: 'error',
      summary: `${found}: Python ${pythonMinor} is not supported by ${flink} (supported: ${supported.join(', ')})`,
      details: withoutSupported,
      fix,
      facts,
    };
  }
  if (python.implementation && python.implementation !== 'CPython') {
    return {
      status: 'warning',
      summary: `${found}: PyFlink is built and tested for CPython only`,
      details: [...details, 'pemja and the apache-flink wheels are CPython extensions; other implementations are not supported'],
      fix,
      facts,
    };
  }
  return { status: 'ok', summary: `${found}: supported by ${flink}`, details, facts };
}

/** Where to change the interpreter depends on which source won. */
function fixFor(python: PythonFact, wanted: string): string {
  const target = `a ${wanted} interpreter`;
  switch (python.provenance.source) {
    case '--python':
      return `Pass --python the path of ${target}`;
    case 'PYFLINK_CLIENT_EXECUTABLE':
      return `Set PYFLINK_CLIENT_EXECUTABLE to ${target} (it overrides everything but --python)`;
    case 'python.client.executable':
      return `Set python.client.executable in ${python.provenance.detail ?? 'the Flink config'} to ${target}`;
    case 'VIRTUAL_ENV':
      return `Activate a virtualenv built from ${target} (python3.X -m venv <dir>), or set PYFLINK_CLIENT_EXECUTABLE`;
    case 'CONDA_PREFIX':
      return `conda activate an environment with ${target}, or set PYFLINK_CLIENT_EXECUTABLE`;
    default:
      return `Install ${target} and put it first on PATH as python3, or set PYFLINK_CLIENT_EXECUTABLE to it`;
  }
}
