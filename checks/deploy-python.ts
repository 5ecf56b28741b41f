// deploy.python: the Python a PyFlink image gives its workers. Official Flink images ship none; the one the
// Dockerfile installs (a python: base, a source build, apt's python3 of the image's Ubuntu) must be the
// client's minor (cloudpickle) and one the Flink line supports, and `python` must resolve when nothing sets
// python.executable (the workers start the literal command `python`).
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import type { DeployBuildFact, DeployFact } from '../src/facts/index.js';
import { imagePython3 } from '../src/knowledge/images.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { pythonMinorOf } from '../src/knowledge/versions.js';
import { at, fileProblems, filesRead, flinkPin, locationOf, noDeployment } from './deploy-shared.js';

interface Finding {
  text: string;
  fix: string;
  location: Location;
  error: boolean;
}

const INSTALL_PYTHON = 'RUN apt-get update && apt-get install -y python3 python3-pip && ln -s /usr/bin/python3 /usr/bin/python';

export default defineCheck({
  id: 'deploy.python',
  title: "The image gives the workers the client's Python",
  group: 'Deploy',
  description:
    "A PyFlink image installs a Python (official Flink images ship none) of the client's minor and one its Flink " +
    'supports, and `python` resolves when nothing sets `python.executable`.',
  reads: [
    'Dockerfiles: FROM python:<v>, Python source builds, apt-get install python3, a python symlink, pip install apache-flink',
    'python.executable / -pyexec in manifests and FLINK_PROPERTIES',
    "the client interpreter's version",
  ],
  needs: ['deploy', 'python'],
  run({ deploy, python }, { matrix }) {
    const none = noDeployment(deploy);
    if (none) return none;
    const clientMinor = python.runs && python.version ? pythonMinorOf(python.version) : undefined;
    const findings: Finding[] = [];
    const details = [filesRead(deploy)];
    const sources = new Set<string>();
    const pyflinkBuilds = deploy.builds.filter((build, index) => isPyflinkImage(build, index, deploy));
    for (const build of pyflinkBuilds) judgeBuild(build, deploy, matrix, clientMinor, findings, details, sources);
    details.push(...fileProblems(deploy));
    if (pyflinkBuilds.length === 0)
      return {
        status: 'skipped',
        summary: 'no Dockerfile that builds a PyFlink image (pip install apache-flink, or a Python job that uses it)',
        details,
      };
    const worst = findings.find((f) => f.error) ?? findings[0];
    if (!worst)
      return {
        status: 'ok',
        summary: `${pyflinkBuilds.length === 1 ? 'the image gives' : 'every PyFlink image gives'} the workers ${clientMinor ? `Python ${clientMinor}, as the client` : 'a Python its Flink supports'}`,
        details,
        sources: [...sources],
      };
    return {
      status: findings.some((f) => f.error) ? 'error' : 'warning',
      summary: worst.text,
      details: [...findings.filter((f) => f !== worst).map((f) => f.text), ...details],
      fix: [...new Set(findings.map((f) => f.fix))].join('\n'),
      locations: findings.map((f) => f.location),
      sources: [...sources],
    };
  },
});

function isPyflinkImage(build: DeployBuildFact, index: number, deploy: DeployFact): boolean {
  return build.pip.some((p) => p.specs.some((s) => flinkPin(s))) || deploy.jobs.some((j) => j.build === index && j.python !== undefined);
}

/** The Python the image's `python3` is: a source build wins over a python: base, which wins over apt's. */
/** The Python an image gives its workers: its minor when known, where it comes from, and the facts' sources. */
interface ImagePython {
  minor?: string;
  where: string;
  line?: number;
  sources: string[];
}

function imagePythonOf(build: DeployBuildFact, deploy: DeployFact, matrix: Matrix): ImagePython | undefined {
  const order = ['source-build', 'python-image', 'apt'] as const;
  const chosen = order.map((how) => build.pythons.filter((p) => p.how === how).pop()).find(Boolean);
  if (!chosen) return undefined;
  const where = `${chosen.how === 'apt' ? 'apt python3' : chosen.how === 'python-image' ? 'the python base image' : 'the Python built from source'} (${at(chosen)})`;
  if (chosen.version) return { minor: pythonMinorOf(chosen.version), where, ...(chosen.line ? { line: chosen.line } : {}), sources: [] };
  const base = build.base !== undefined ? deploy.images[build.base] : undefined;
  const apt = base?.flinkVersion ? imagePython3(matrix, base.flinkVersion) : undefined;
  return apt
    ? {
        minor: apt.version,
        where: `${where}: Python ${apt.version} on Ubuntu ${apt.ubuntu}, the base of flink:${base?.flinkVersion}`,
        ...(chosen.line ? { line: chosen.line } : {}),
        sources: apt.sources,
      }
    : { where, sources: [] };
}

function judgeBuild(
  build: DeployBuildFact,
  deploy: DeployFact,
  matrix: Matrix,
  clientMinor: string | undefined,
  findings: Finding[],
  details: string[],
  sources: Set<string>,
): void {
  const base = build.base !== undefined ? deploy.images[build.base] : undefined;
  const imagePython = imagePythonOf(build, deploy, matrix);
  if (!imagePython) {
    if (base?.official)
      findings.push({
        text: `${at(build)} installs apache-flink on ${base.ref}, which ships no Python, and installs none: the Python workers cannot start`,
        fix: `Install Python ${clientMinor ?? '3'} in ${at(build)}, e.g. ${INSTALL_PYTHON}`,
        location: locationOf(build),
        error: true,
      });
    return;
  }
  imagePython.sources.forEach((s) => sources.add(s));
  details.push(`${at(build)}: workers get ${imagePython.where}`);
  findings.push(...judgeImageMinor(build, base?.flinkVersion, imagePython, clientMinor, matrix), ...judgeWorkerStart(build, deploy));
}

/** The image's Python minor against the client's (cloudpickle) and against what the image's Flink line supports. */
function judgeImageMinor(
  build: DeployBuildFact,
  flinkVersion: string | undefined,
  imagePython: ImagePython,
  clientMinor: string | undefined,
  matrix: Matrix,
): Finding[] {
  const findings: Finding[] = [];
  const line = flinkVersion ? matrix.line(flinkVersion) : undefined;
  const location = imagePython.line ? { path: build.file, line: imagePython.line } : locationOf(build);
  if (imagePython.minor && clientMinor && imagePython.minor !== clientMinor) {
    findings.push({
      text: `the image's Python is ${imagePython.minor} (${imagePython.where}), the client's ${clientMinor}: cloudpickled UDFs fail on the workers`,
      fix: `Build Python ${clientMinor} into the image (${at(build)}), or run the client on Python ${imagePython.minor}`,
      location,
      error: true,
    });
  }
  if (imagePython.minor && line && !line.python.supported.includes(imagePython.minor)) {
    findings.push({
      text: `the image's Python ${imagePython.minor} (${imagePython.where}) is not one Flink ${flinkVersion} supports (${line.python.supported.join(', ')})`,
      fix: `Install a Python Flink ${flinkVersion} supports in ${at(build)}`,
      location,
      error: true,
    });
  }
  return findings;
}

/** What the workers need to start the image's Python: a `python` command (or python.executable), libpython for thread mode. */
function judgeWorkerStart(build: DeployBuildFact, deploy: DeployFact): Finding[] {
  const findings: Finding[] = [];
  const here = locationOf(build);
  const setsExecutable = deploy.jobs.some((j) => j.config['python.executable'] !== undefined || j.python?.pyExecutable !== undefined);
  if (!build.pythonAlias && !setsExecutable) {
    findings.push({
      text: `${at(build)} makes no \`python\` command and nothing sets python.executable: the workers start \`python\` ("Cannot run program \\"python\\"")`,
      fix: `Add \`ln -s /usr/bin/python3 /usr/bin/python\` to ${at(build)}, or set python.executable (-pyexec) to the image's python3`,
      location: here,
      error: false,
    });
  }
  const threadMode = deploy.jobs.some(
    (j) => (j.config['python.execution-mode'] ?? j.python?.dynamic['python.execution-mode']) === 'thread',
  );
  if (threadMode && build.pythons.some((p) => p.how === 'source-build') && !build.sharedLibpython) {
    findings.push({
      text: `python.execution-mode is thread, but ${at(build)} builds Python without --enable-shared: pemja finds no libpython ("Failed to find libpython")`,
      fix: `Configure the Python build in ${at(build)} with --enable-shared`,
      location: here,
      error: false,
    });
  }
  return findings;
}
