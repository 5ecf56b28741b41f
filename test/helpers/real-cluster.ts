// A real standalone Flink cluster (one JobManager, optionally one TaskManager) started on loopback from an
// apache-flink wheel's own scripts (pyflink/bin/jobmanager.sh and taskmanager.sh start-foreground), with its
// own conf and log folders and free ports. Every process started here is stopped by its pid in stop().
// The wheel comes from a venv in the real-artifact cache that scripts/prepare-real-cluster.mjs makes (pip
// install --no-deps apache-flink apache-flink-libraries: the scripts and JARs are all a cluster needs).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from './tmp.js';

export const REAL_CACHE = process.env.FLINK_DOCTOR_REAL_CACHE || join(homedir(), '.cache', 'flink-doctor-real');

export interface RealCluster {
  url: string;
  version: string;
  /** The venv's python (apache-flink installed without its dependencies). */
  python: string;
  stop(): Promise<void>;
}

/** The prepared venv of `version`, or why there is none (for the skip message). */
export function clusterVenv(version: string): { dir: string; python: string; pyflink: string } | { missing: string } {
  const dir = join(REAL_CACHE, 'cluster-venvs', `flink-${version}`);
  const lib = join(dir, 'lib');
  const pythonDir = existsSync(lib) ? readdirSync(lib).find((name) => name.startsWith('python')) : undefined;
  const pyflink = pythonDir ? join(lib, pythonDir, 'site-packages', 'pyflink') : '';
  if (!pyflink || !existsSync(join(pyflink, 'bin', 'jobmanager.sh'))) {
    return { missing: `no apache-flink ${version} venv with its scripts at ${dir}: run \`node scripts/prepare-real-cluster.mjs ${version}\` (needs PyPI)` };
  }
  return { dir, python: join(dir, 'bin', 'python'), pyflink };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the cluster and waits until its REST API answers /config (at most `readyMs`). */
export async function startRealCluster(version: string, { taskManager = true, readyMs = 90_000 } = {}): Promise<RealCluster> {
  const venv = clusterVenv(version);
  if ('missing' in venv) throw new Error(venv.missing);
  const root = await tempDir('real-cluster-');
  const conf = join(root, 'conf');
  await mkdir(conf, { recursive: true });
  await mkdir(join(root, 'log'), { recursive: true });
  for (const name of readdirSync(join(venv.pyflink, 'conf'))) await copyFile(join(venv.pyflink, 'conf', name), join(conf, name));
  const [rest, rpc] = [await freePort(), await freePort()];
  await writeFile(join(conf, 'config.yaml'), `${await readFile(join(conf, 'config.yaml'), 'utf8')}\n${clusterSettings(rest, rpc)}`);
  const env = { ...process.env, FLINK_CONF_DIR: conf, FLINK_LOG_DIR: join(root, 'log') };
  const started: ChildProcess[] = [];
  const launch = (script: string) => started.push(spawn(join(venv.pyflink, 'bin', script), ['start-foreground'], { env, stdio: 'ignore' }));
  const stop = async () => {
    await Promise.all(started.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    })));
  };
  launch('jobmanager.sh');
  if (taskManager) launch('taskmanager.sh');
  const url = `http://127.0.0.1:${rest}`;
  try {
    await waitUntilReady(url, taskManager ? 1 : 0, readyMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, version, python: venv.python, stop };
}

/** A small cluster on loopback: config.yaml of 1.19+ takes these flat keys after the nested ones. */
function clusterSettings(rest: number, rpc: number): string {
  return [
    `rest.port: ${rest}`,
    'rest.address: 127.0.0.1',
    'rest.bind-address: 127.0.0.1',
    `jobmanager.rpc.port: ${rpc}`,
    'jobmanager.memory.process.size: 768m',
    'taskmanager.memory.process.size: 1024m',
    'taskmanager.numberOfTaskSlots: 1',
    '',
  ].join('\n');
}

async function waitUntilReady(url: string, taskManagers: number, readyMs: number): Promise<void> {
  const deadline = Date.now() + readyMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const overview = (await (await fetch(`${url}/taskmanagers`)).json()) as { taskmanagers?: unknown[] };
      if ((overview.taskmanagers?.length ?? 0) >= taskManagers) return;
      last = `${overview.taskmanagers?.length ?? 0} TaskManagers`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the cluster at ${url} was not ready within ${readyMs} ms (${last})`);
}
