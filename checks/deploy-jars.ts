// deploy.jars: the JARs a deployment puts next to Flink (COPY/ADD/wget into lib/, usrlib/, plugins/, compose
// mounts) and the JAR a FlinkSessionJob submits (jarURI) are built for the Flink line the image runs.
// A FlinkDeployment's jarURI of a Python job is a placeholder the application entrypoint never loads.
import { basename } from 'node:path';
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import type { DeployFact, DeployJobFact, Located } from '../src/facts/index.js';
import { coordinates } from '../src/jars/describe.js';
import { flinkLineOfJarName, lineMismatch } from '../src/jars/version.js';
import { buildForLine } from '../src/maven/advice.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { minorOf } from '../src/knowledge/versions.js';
import { at, fileProblems, filesRead, locationOf, noDeployment } from './deploy-shared.js';

interface Finding {
  text: string;
  fix: string;
  location: Location;
  error: boolean;
}

/** Where judge() puts its findings, and the matrix that names the build to use. */
interface Judged {
  findings: Finding[];
  matrix: Matrix;
}

const FLINK_DIRS = /\/(lib|usrlib|plugins|opt)(\/|$)/;

export default defineCheck({
  id: 'deploy.jars',
  title: 'JARs in the deployment fit its Flink',
  group: 'Deploy',
  description:
    "JARs the deployment puts into Flink's folders (COPY/ADD/wget, compose mounts) and a FlinkSessionJob's " +
    '`jarURI` are built for the Flink line the image runs.',
  reads: [
    "Dockerfiles: COPY/ADD/wget/curl/cp of *.jar into Flink's folders",
    'compose volumes mounting JARs',
    'FlinkDeployment / FlinkSessionJob spec.job.jarURI',
  ],
  needs: ['deploy'],
  run({ deploy }, { matrix }) {
    const none = noDeployment(deploy);
    if (none) return none;
    const findings: Finding[] = [];
    const out: Judged = { findings, matrix };
    const details = [filesRead(deploy)];
    let judged = 0;
    deploy.builds.forEach((build, index) => {
      const minor = minorOf(imageVersion(deploy, build.base) ?? '');
      for (const jar of build.jars.filter((j) => FLINK_DIRS.test(`${j.dir}/`))) {
        judged += 1;
        judge(jar.name, jar, minor, `${jar.dir}/${jar.name}`, `image of ${at(build)}`, out);
      }
      for (const job of deploy.jobs.filter((j) => j.build === index))
        for (const mount of job.mounts) judge(mount.name, mount, minor, `${mount.dir}/${mount.name}`, `service ${job.name}`, out);
    });
    for (const job of deploy.jobs) {
      const minor = minorOf(jobVersion(deploy, job) ?? '');
      if (job.build === undefined)
        for (const mount of job.mounts) judge(mount.name, mount, minor, `${mount.dir}/${mount.name}`, `service ${job.name}`, out);
      if (!job.jarURI) continue;
      judged += 1;
      const name = basename(job.jarURI);
      const pythonApplication =
        job.kind === 'FlinkDeployment' &&
        job.python !== undefined &&
        (job.python.python !== undefined ||
          job.python.pyModule !== undefined ||
          job.entryClass === 'org.apache.flink.client.python.PythonDriver');
      if (pythonApplication)
        details.push(
          `${job.name} (${at(job)}): jarURI ${name} is a placeholder for a Python job: the application entrypoint does not load it`,
        );
      else judge(name, job, minor, job.jarURI, `${job.kind} ${job.name}`, out);
    }
    details.push(...fileProblems(deploy));
    const first = findings.find((f) => f.error) ?? findings[0];
    if (!first)
      return judged === 0
        ? { status: 'skipped', summary: 'the deployment files place no JARs and submit none', details }
        : { status: 'ok', summary: `the JARs in the deployment are built for its Flink (${judged} checked)`, details };
    return {
      status: findings.some((f) => f.error) ? 'error' : 'warning',
      summary: first.text,
      details: [...findings.filter((f) => f !== first).map((f) => f.text), ...details],
      fix: [...new Set(findings.map((f) => f.fix))].join('\n'),
      locations: findings.map((f) => f.location),
    };
  },
});

function imageVersion(deploy: DeployFact, index: number | undefined): string | undefined {
  return index === undefined ? undefined : deploy.images[index]?.flinkVersion;
}

function jobVersion(deploy: DeployFact, job: DeployJobFact): string | undefined {
  return (
    imageVersion(deploy, job.image) ??
    job.flinkVersion?.minor ??
    imageVersion(deploy, job.build === undefined ? undefined : deploy.builds[job.build]?.base)
  );
}

function judge(name: string, place: Located, minor: string | undefined, shown: string, owner: string, out: Judged): void {
  const parsed = flinkLineOfJarName(name);
  if (!parsed || !minor) return;
  // flinkLineOfJarName() strips the Scala suffix from the artifactId: the file name says whether it had one.
  if (parsed.artifactId === 'flink-python' && name.startsWith('flink-python_2.12-') && parsed.line !== '1.15' && minor !== '1.15') {
    out.findings.push({
      text: `${shown} (${at(place)}): from Flink 1.16 on the Python JAR is flink-python-<version>.jar, without _2.12`,
      fix: `Use flink-python-${minor}.x (the file in /opt/flink/opt of the image) in ${at(place)}`,
      location: locationOf(place),
      error: true,
    });
    return;
  }
  // flink-python and flink-dist only ever run on their own release's line; connectors may tolerate a neighbour.
  const level =
    parsed.artifactId.startsWith('flink-python') || parsed.artifactId.startsWith('flink-dist')
      ? parsed.line === minor
        ? undefined
        : 'error'
      : lineMismatch(parsed.line, minor);
  if (!level) return;
  out.findings.push({
    text: `${shown} (${at(place)}) is built for Flink ${parsed.line}, the ${owner} runs Flink ${minor} (${level === 'error' ? 'ClassNotFoundException / NoSuchMethodError' : 'NoSuchMethodError where an API it calls changed'})`,
    fix: `Use ${buildFor(parsed.artifactId, minor, out.matrix)} in ${at(place)}`,
    location: locationOf(place),
    error: level === 'error',
  });
}

/**
 * The build to use on the image's line: the one jars.flink-version names for the artifact (the fat
 * flink-sql-connector-X for a thin flink-connector-X, whose own build would still lack its dependencies;
 * src/maven/advice.ts buildForLine); else the artifact itself, built for that line. The deployment's JARs are named in its
 * files, not on this machine: no version list is gathered for them, so the version is the matrix's.
 */
function buildFor(artifactId: string, minor: string, matrix: Matrix): string {
  const knowledge = matrix.connectors();
  const family = knowledge.familyOfArtifact(artifactId)?.family;
  const c = buildForLine({ line: minor, patch: null, family }, { matrix });
  return c ? `${coordinates(c)}, the build for Flink ${minor},` : `the build of ${artifactId} for Flink ${minor}`;
}
