// Deployment files → one DeployFact: --deploy files (repeatable) or those src/deploy/discover.ts found in the working
// directory (the Dockerfile, docker-compose file and operator manifests); a compose service's build: Dockerfile is read
// too. Never throws: a file that cannot be read or parsed is a problem of its entry.
import { basename, dirname, resolve } from 'node:path';
import type { DeployBuildFact, DeployFact, DeployFileFact, DeployImageFact, DeployJobFact } from '../facts/deploy.js';
import { readTextFile } from '../util/read-file.js';
import { analyseCompose, type ComposeService } from './compose.js';
import { MAX_DOCKERFILE_BYTES, analyseDockerfile, type DockerfileFacts } from './dockerfile.js';
import { parsePythonArgs } from './flink-args.js';
import type { FlinkImageTag, ImageRef } from './image-ref.js';
import { analyseManifests, type ManifestResource } from './manifests.js';
import { MAX_YAML_BYTES } from './yaml-docs.js';
import { emptyDeployFact, kindOf } from './discover.js';

export async function readDeployment(files: readonly { path: string; found: 'flag' | 'discovered' }[]): Promise<DeployFact> {
  const fact: DeployFact = emptyDeployFact();
  const seen = new Set<string>();
  for (const { path, found } of files) await readOne(fact, resolve(path), found, seen);
  linkSessionJobs(fact);
  return fact;
}

async function readOne(fact: DeployFact, path: string, found: DeployFileFact['found'], seen: Set<string>): Promise<number | undefined> {
  if (seen.has(path)) return fact.builds.findIndex((b) => b.file === path);
  seen.add(path);
  const entry: DeployFileFact = { path, kind: kindOf(path) ?? 'dockerfile', found, problems: [] };
  fact.files.push(entry);
  let text: string;
  try {
    text = await readTextFile(path, Math.max(MAX_DOCKERFILE_BYTES, MAX_YAML_BYTES));
  } catch (error) {
    entry.problems.push(
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${path}: no such file` : ((error as Error).message.split('\n')[0] ?? ''),
    );
    return undefined;
  }
  entry.kind = kindOf(path, text) ?? 'dockerfile';
  if (entry.kind === 'dockerfile') return addBuild(fact, path, analyseDockerfile(text), entry);
  if (entry.kind === 'compose') {
    const compose = await analyseCompose(text, path);
    entry.problems.push(...compose.problems);
    for (const service of compose.services) await addComposeService(fact, path, service, seen);
    return undefined;
  }
  const manifests = await analyseManifests(text, path);
  entry.problems.push(...manifests.problems);
  for (const resource of manifests.resources) addResource(fact, path, resource);
  return undefined;
}

function addImage(fact: DeployFact, image: Omit<DeployImageFact, 'floating'> & { tag?: FlinkImageTag }): number {
  const { tag, ...rest } = image;
  const item: DeployImageFact = {
    ...rest,
    ...(rest.official && !tag ? { unknownTag: true } : {}),
    ...(tag?.flinkVersion ? { flinkVersion: tag.flinkVersion } : {}),
    ...(tag?.scala ? { scala: tag.scala } : {}),
    ...(tag?.java ? { java: tag.java } : {}),
    floating: tag ? tag.floating : false,
  };
  fact.images.push(item);
  return fact.images.length - 1;
}

function addBuild(fact: DeployFact, file: string, facts: DockerfileFacts, entry: DeployFileFact): number {
  entry.problems.push(...facts.problems.map((p) => `${file}: ${p}`));
  const build: DeployBuildFact = {
    file,
    pythons: [],
    pythonAlias: facts.pythonAlias || facts.pythonImage !== undefined,
    sharedLibpython: facts.sharedLibpython,
    pip: facts.pip.map((p) => ({ ...p, file })),
    jars: facts.jars.map((j) => ({ ...j, file })),
    unresolved: facts.unresolved.map((u) => ({ ...u, file })),
  };
  const base = facts.flinkImage ?? facts.otherBase;
  if (base) {
    build.line = base.line;
    build.base = addImage(fact, {
      file,
      line: base.line,
      ref: base.ref.raw,
      role: 'dockerfile',
      official: facts.flinkImage !== undefined,
      ...(facts.flinkImage?.tag ? { tag: facts.flinkImage.tag } : {}),
    });
  }
  if (facts.pythonImage)
    build.pythons.push({ file, line: facts.pythonImage.line, version: facts.pythonImage.version, how: 'python-image' });
  for (const pkg of facts.packages)
    if (/^python3(\.\d+)?$/.test(pkg.name))
      build.pythons.push({ file, line: pkg.line, ...(pkg.name !== 'python3' ? { version: pkg.name.slice(6) } : {}), how: 'apt' });
  for (const install of facts.pythonInstalls)
    build.pythons.push({ file, line: install.line, version: install.version, how: 'source-build' });
  fact.builds.push(build);
  return fact.builds.length - 1;
}

async function addComposeService(fact: DeployFact, file: string, service: ComposeService, seen: Set<string>): Promise<void> {
  const build = await readServiceBuild(fact, file, service, seen);
  const image = service.image ? addImage(fact, imageFields(file, service.image, 'compose', service.name)) : undefined;
  if (!runsFlinkImage(fact, image, build)) return;
  const job: DeployJobFact = {
    file,
    ...(service.line ? { line: service.line } : {}),
    kind: 'compose',
    name: service.name,
    config: service.flinkProperties,
    mounts: jarMounts(file, service),
  };
  if (image !== undefined) job.image = image;
  if (build !== undefined) job.build = build;
  const python = parsePythonArgs(service.command);
  if (python.python || python.pyModule) job.python = python;
  fact.jobs.push(job);
}

/** The index of the build a compose service's `build:` names, when its Dockerfile could be read. */
async function readServiceBuild(fact: DeployFact, file: string, service: ComposeService, seen: Set<string>): Promise<number | undefined> {
  if (!service.build) return undefined;
  const build = await readOne(fact, resolve(dirname(file), service.build.context, service.build.dockerfile), 'build', seen);
  return build !== undefined && build >= 0 ? build : undefined;
}

/** A service is a Flink job when its image, or the base of the image it builds, is an official Flink image. */
function runsFlinkImage(fact: DeployFact, image: number | undefined, build: number | undefined): boolean {
  if (image !== undefined && fact.images[image]?.official) return true;
  return build !== undefined && Boolean(fact.images[fact.builds[build]?.base ?? -1]?.official);
}

/** The service's volumes that mount a JAR file: its name and the folder it lands in inside the container. */
function jarMounts(file: string, service: ComposeService): DeployJobFact['mounts'] {
  const mounts: DeployJobFact['mounts'] = [];
  for (const mount of service.mounts) {
    const isFile = mount.target.endsWith('.jar');
    const name = basename(isFile ? mount.target : mount.source);
    if (name.endsWith('.jar'))
      mounts.push({ file, ...(mount.line ? { line: mount.line } : {}), name, dir: isFile ? dirname(mount.target) : mount.target });
  }
  return mounts;
}

function addResource(fact: DeployFact, file: string, resource: ManifestResource): void {
  const image = resource.image
    ? addImage(fact, imageFields(file, resource.image, resource.kind === 'workload' ? 'workload' : 'flinkdeployment', resource.name))
    : undefined;
  if (resource.kind === 'workload') return;
  const job: DeployJobFact = {
    file,
    ...(resource.line ? { line: resource.line } : {}),
    kind: resource.kind,
    name: resource.name,
    config: resource.config,
    mounts: [],
  };
  if (image !== undefined) job.image = image;
  if (resource.flinkVersion) job.flinkVersion = { file, ...resource.flinkVersion };
  if (resource.deploymentName) job.deploymentName = resource.deploymentName;
  if (resource.job) {
    if (resource.job.jarURI) job.jarURI = resource.job.jarURI;
    if (resource.job.entryClass) job.entryClass = resource.job.entryClass;
    job.python = resource.job.python;
  }
  fact.jobs.push(job);
}

function imageFields(
  file: string,
  image: { ref: ImageRef; tag?: FlinkImageTag; official: boolean; line?: number },
  role: DeployImageFact['role'],
  owner: string,
) {
  return {
    file,
    ...(image.line ? { line: image.line } : {}),
    ref: image.ref.raw,
    role,
    owner,
    official: image.official,
    ...(image.tag ? { tag: image.tag } : {}),
  };
}

/** A FlinkSessionJob runs on its session FlinkDeployment: it inherits that deployment's image and flinkVersion. */
function linkSessionJobs(fact: DeployFact): void {
  for (const job of fact.jobs) {
    if (job.kind !== 'FlinkSessionJob' || !job.deploymentName) continue;
    const session = fact.jobs.find((j) => j.kind === 'FlinkDeployment' && j.name === job.deploymentName);
    if (!session) continue;
    if (job.image === undefined && session.image !== undefined) job.image = session.image;
    if (!job.flinkVersion && session.flinkVersion) job.flinkVersion = session.flinkVersion;
  }
}
