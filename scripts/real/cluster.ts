// A real standalone Flink cluster (one JobManager, one TaskManager) started with the scripts the apache-flink
// wheel ships (pyflink/bin/start-cluster.sh), bound to loopback on free ports, with small memory and its
// own conf, log and pid directories (never the cached venv's, never another run's). For the cluster checks:
//   const cluster = await startCluster(venv); … cluster.restUrl … finally { await cluster.stop(); }
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { cleanEnv, JDK17 } from './doctor.js';
import type { RealVenv } from './venv.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StandaloneCluster {
  restUrl: string;
  /** The wheel's pyflink/ directory the scripts ran from (FLINK_HOME for them). */
  flinkHome: string;
  confDir: string;
  logDir: string;
  /** Stops both daemons (stop-cluster.sh, then SIGKILL for any left after 30 s) and removes the temp dirs. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  javaHome?: string;
  /** Extra config keys ("state.backend.type": "hashmap"), on top of the loopback and memory settings. */
  config?: Record<string, string>;
  startTimeoutMs?: number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The settings that keep the cluster on loopback and small; the rest of the wheel's own config stays. */
async function clusterConfig(restPort: number, extra: Record<string, string>): Promise<Record<string, string>> {
  return {
    'jobmanager.rpc.address': '127.0.0.1',
    'jobmanager.bind-host': '127.0.0.1',
    'jobmanager.rpc.port': String(await freePort()),
    'rest.address': '127.0.0.1',
    'rest.bind-address': '127.0.0.1',
    'rest.port': String(restPort),
    'taskmanager.host': '127.0.0.1',
    'taskmanager.bind-host': '127.0.0.1',
    'taskmanager.numberOfTaskSlots': '1',
    'jobmanager.memory.process.size': '640m',
    'taskmanager.memory.process.size': '800m',
    'taskmanager.memory.managed.size': '32m',
    'taskmanager.memory.network.min': '16m',
    'taskmanager.memory.network.max': '16m',
    ...extra,
  };
}

/** Writes `settings` into the copied conf: nested keys in config.yaml (1.19+), lines in flink-conf.yaml (older). */
async function writeSettings(confDir: string, settings: Record<string, string>): Promise<void> {
  const yamlPath = join(confDir, 'config.yaml');
  if (existsSync(yamlPath)) {
    const doc = parseDocument(await readFile(yamlPath, 'utf8'));
    for (const [key, value] of Object.entries(settings)) doc.setIn(key.split('.'), value);
    await writeFile(yamlPath, doc.toString());
  } else {
    const legacy = join(confDir, 'flink-conf.yaml');
    const lines = Object.entries(settings).map(([key, value]) => `${key}: ${value}`);
    await writeFile(legacy, `${await readFile(legacy, 'utf8')}\n${lines.join('\n')}\n`);
  }
}

export async function startCluster(venv: RealVenv, options: ClusterOptions = {}): Promise<StandaloneCluster> {
  const flinkHome = join(venv.sitePackages, 'pyflink');
  const work = await mkdtemp(join(tmpdir(), 'real-cluster-'));
  const confDir = join(work, 'conf');
  const logDir = join(work, 'log');
  const pidDir = join(work, 'pid');
  await cp(join(flinkHome, 'conf'), confDir, { recursive: true });
  await mkdir(logDir);
  const restPort = await freePort();
  await writeSettings(confDir, await clusterConfig(restPort, options.config ?? {}));
  const env = cleanEnv({ JAVA_HOME: options.javaHome ?? JDK17, FLINK_CONF_DIR: confDir, FLINK_LOG_DIR: logDir, FLINK_PID_DIR: pidDir });
  const script = (name: string) => run('bash', [join(flinkHome, 'bin', name)], { env, timeout: 120_000 });
  const restUrl = `http://127.0.0.1:${restPort}`;
  const stop = async () => {
    const pids = await daemonPids(pidDir);
    await script('stop-cluster.sh').catch(() => undefined);
    await waitForExit(pids, 30_000);
    await rm(work, { recursive: true, force: true });
  };
  try {
    await script('start-cluster.sh');
    await waitForTaskManager(restUrl, options.startTimeoutMs ?? 120_000, logDir);
  } catch (error) {
    await stop();
    throw error;
  }
  return { restUrl, flinkHome, confDir, logDir, stop };
}

/** Polls /overview until a TaskManager has registered; on timeout the error quotes the JobManager log. */
async function waitForTaskManager(restUrl: string, timeoutMs: number, logDir: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const overview = await fetch(`${restUrl}/overview`, { signal: AbortSignal.timeout(2000) })
      .then((r) => (r.ok ? (r.json() as Promise<{ taskmanagers?: number }>) : undefined))
      .catch(() => undefined);
    if ((overview?.taskmanagers ?? 0) >= 1) return;
    await sleep(500);
  }
  const logs = existsSync(logDir) ? await readdir(logDir) : [];
  const jmLog = logs.find((name) => name.includes('standalonesession') && name.endsWith('.log'));
  const tail = jmLog ? (await readFile(join(logDir, jmLog), 'utf8')).slice(-2000) : '(no JobManager log)';
  throw new Error(`the standalone cluster did not come up at ${restUrl} within ${timeoutMs / 1000} s:\n${tail}`);
}

async function daemonPids(pidDir: string): Promise<number[]> {
  if (!existsSync(pidDir)) return [];
  const pids: number[] = [];
  for (const name of await readdir(pidDir)) {
    for (const line of (await readFile(join(pidDir, name), 'utf8')).split('\n')) if (/^\d+$/.test(line.trim())) pids.push(Number(line));
  }
  return pids;
}

async function waitForExit(pids: number[], timeoutMs: number): Promise<void> {
  const alive = () =>
    pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
  const deadline = Date.now() + timeoutMs;
  while (alive().length > 0 && Date.now() < deadline) await sleep(250);
  for (const pid of alive()) process.kill(pid, 'SIGKILL');
}
