// A separate npm project that installs packed tarballs the way a user does, without a registry: its
// package-lock.json pins the doctor's dependencies to the exact versions and integrity hashes of this
// repository's lockfile, so `npm ci --offline` takes every tarball from the npm cache that `npm ci` of this
// repository filled (on a fresh CI machine too).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

interface LockEntry {
  version: string;
  resolved?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  peer?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface Tarball {
  /** Absolute path of the .tgz. */
  path: string;
  name: string;
  version: string;
  manifest: Record<string, unknown>;
}

/** `npm pack` of a package folder (scripts off: the doctor's dist/ is what `npm run build` made). */
export async function pack(dir: string, destination: string): Promise<Tarball> {
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], {
    cwd: dir,
    timeout: 120_000,
  });
  const [info] = JSON.parse(stdout) as { filename: string; name: string; version: string }[];
  if (!info) throw new Error(`npm pack in ${dir} printed no package`);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  return { path: join(destination, basename(info.filename)), name: info.name, version: info.version, manifest };
}

/**
 * Writes package.json and package-lock.json of a project depending on `tarballs` (and, as dev dependencies,
 * on `devFromRepo`: packages this repository's lockfile holds, e.g. typescript), then runs `npm ci --offline`.
 */
export async function installOffline(project: string, tarballs: readonly Tarball[], devFromRepo: readonly string[]): Promise<void> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const entries = lock.packages;
  const chosen = new Map<string, boolean>();
  const add = (from: string, name: string, dev: boolean) => {
    const path = locate(entries, from, name);
    if (!path) throw new Error(`${name} (needed by ${from || 'the project'}) is not in this repository's package-lock.json`);
    if (chosen.has(path)) return;
    chosen.set(path, dev);
    const entry = entries[path] as LockEntry;
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies }))
      if (locate(entries, path, dep)) add(path, dep, dev);
  };
  for (const tarball of tarballs)
    for (const dep of Object.keys((tarball.manifest.dependencies as Record<string, string>) ?? {})) add('', dep, false);
  for (const dep of devFromRepo) add('', dep, true);

  const dependencies = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.path}`]));
  const devDependencies = Object.fromEntries(devFromRepo.map((name) => [name, entries[`node_modules/${name}`]?.version ?? '*']));
  const packages: Record<string, unknown> = { '': { name: 'plugin-user', dependencies, devDependencies } };
  for (const t of tarballs) {
    const { dependencies: deps, peerDependencies, bin, engines, license } = t.manifest;
    packages[`node_modules/${t.name}`] = {
      version: t.version,
      resolved: `file:${t.path}`,
      dependencies: deps,
      peerDependencies,
      bin,
      engines,
      license,
    };
  }
  for (const [path, dev] of chosen) {
    const { dev: _dev, optional: _optional, devOptional: _devOptional, peer: _peer, ...entry } = entries[path] as LockEntry;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    // Lockfiles written with omit-lockfile-registry-resolved carry no URL; npm would then ask the registry.
    const resolved = entry.resolved ?? `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
    packages[path] = { ...entry, resolved, ...(dev ? { dev: true } : {}) };
  }
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'plugin-user', private: true, type: 'module', dependencies, devDependencies }, null, 2),
  );
  await writeFile(
    join(project, 'package-lock.json'),
    JSON.stringify({ name: 'plugin-user', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  try {
    await run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], { cwd: project, timeout: 180_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    if (/ENOTCACHED/.test(stderr)) {
      throw new Error(
        `npm's cache lacks a package this test installs offline: run \`npm ci\` in ${root} first (it fills the cache)\n${stderr}`,
      );
    }
    throw new Error(`npm ci --offline failed in ${project}:\n${stderr}`);
  }
}

/** Where Node would find `name` from the package at `from` ("" = the project): nested first, then hoisted. */
function locate(entries: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const path = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (entries[path]) return path;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}
