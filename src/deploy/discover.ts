// Which deployment files the working directory holds, from their names (and for other YAML, one line of content):
// a cheap look every run takes. Reading them (src/deploy/read.ts, with the Dockerfile, compose, manifest and shell
// parsers) is loaded only when there is one.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DeployFact, DeployFileFact } from '../facts/deploy.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFile } from '../util/read-file.js';

type Kind = DeployFileFact['kind'];

const COMPOSE_NAMES = new Set(['docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml']);
const OPERATOR_KIND = /^kind:\s*["']?(FlinkDeployment|FlinkSessionJob)["']?\s*$/m;

/** What --deploy FILE is, from its name (and for other YAML names, its content). */
export function kindOf(path: string, text?: string): Kind | undefined {
  const name = basename(path).toLowerCase();
  if (name === 'dockerfile' || name.startsWith('dockerfile.') || name.endsWith('.dockerfile') || name === 'containerfile')
    return 'dockerfile';
  if (COMPOSE_NAMES.has(name) || /compose[^/]*\.ya?ml$/.test(name)) return 'compose';
  if (/\.ya?ml$/.test(name)) return text !== undefined && /^services:/m.test(text) && !/^kind:/m.test(text) ? 'compose' : 'manifest';
  if (text !== undefined && /^\s*FROM\s/im.test(text)) return 'dockerfile';
  return undefined;
}

/** The deployment files in `cwd` itself (not below it): a Dockerfile, a compose file, YAML holding an operator resource. */
export async function discoverDeployFiles(cwd: string): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(cwd, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names.slice(0, LIMITS.deployDirEntries)) {
    const kind = kindOf(name);
    if (kind === 'dockerfile' || kind === 'compose') found.push(join(cwd, name));
    else if (kind === 'manifest') {
      const text = await readTextFile(join(cwd, name), LIMITS.deployYamlBytes).catch(() => '');
      if (OPERATOR_KIND.test(text)) found.push(join(cwd, name));
    }
  }
  return found;
}

/** The fact of a run with no deployment file. */
export function emptyDeployFact(): DeployFact {
  return { files: [], images: [], builds: [], jobs: [] };
}
