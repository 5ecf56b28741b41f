// The real-artifact cache shared by the team: ${FLINK_DOCTOR_REAL_CACHE:-$HOME/.cache/flink-doctor-real}.
// Several runs (two vitest workers, two engineers) may fill it at once, so every entry is produced under a
// lock and published atomically: a file is written under a temporary name and renamed; a directory (a venv,
// whose scripts keep absolute paths and so cannot be moved) is built in place and trusted only once it
// holds its completion marker.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { dirname, join } from 'node:path';

export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env.FLINK_DOCTOR_REAL_CACHE || join(homedir(), '.cache', 'flink-doctor-real');
}

export function cachePath(...parts: string[]): string {
  return join(cacheRoot(), ...parts);
}

const COMPLETE = '.flink-doctor-real-complete';
/** A lock older than this is taken over even when its owner looks alive (a hung run must not block forever). */
const STALE_LOCK_MS = 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The cached file at `path`, produced by `produce(tempPath)` unless it already exists; rename publishes it. */
export async function cachedFile(path: string, produce: (tempPath: string) => Promise<void>): Promise<string> {
  if (existsSync(path)) return path;
  await withLock(path, async () => {
    if (existsSync(path)) return;
    const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await produce(temp);
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true, recursive: true });
    }
  });
  return path;
}

/** The cached directory at `dir`, built in place by `produce(dir)`; a half-built one (no marker) is rebuilt. */
export async function cachedDir(dir: string, produce: (dir: string) => Promise<void>): Promise<string> {
  const marker = join(dir, COMPLETE);
  if (existsSync(marker)) return dir;
  await withLock(dir, async () => {
    if (existsSync(marker)) return;
    await rm(dir, { recursive: true, force: true });
    try {
      await produce(dir);
      await writeFile(marker, `${new Date().toISOString()}\n`);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  });
  return dir;
}

async function withLock(target: string, body: () => Promise<void>): Promise<void> {
  const lock = `${target}.lock`;
  await mkdir(dirname(target), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsStale(lock)) await rm(lock, { recursive: true, force: true });
      else await sleep(1000);
    }
  }
  try {
    await writeFile(join(lock, 'owner'), `${hostname()} ${process.pid}\n`);
    await body();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Stale: its owner on this host is gone, or it is older than an hour. */
async function lockIsStale(lock: string): Promise<boolean> {
  try {
    const [owner, info] = await Promise.all([readFile(join(lock, 'owner'), 'utf8').catch(() => ''), stat(lock)]);
    if (Date.now() - info.mtimeMs > STALE_LOCK_MS) return true;
    const [host, pid] = owner.trim().split(' ');
    if (host !== hostname() || !pid) return false;
    return !processAlive(Number(pid));
  } catch {
    return false; // vanished in between: the next mkdir decides
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
