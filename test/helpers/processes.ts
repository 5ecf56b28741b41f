// Whether a process is still running, and which a process started, for tests that start and stop real processes.
import { readdirSync, readFileSync } from 'node:fs';

/** Running, not a zombie waiting to be reaped (a killed orphan's parent may not reap it at once). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * The processes whose parent is `pid` now (Linux: /proc/<pid>/stat of every process). A child a synchronous spawn
 * started is listed from the moment spawn() returns, until its parent reaps it: no waiting needed to see it.
 */
export function childrenOf(pid: number): Set<number> {
  const children = new Set<number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command name "(...)": state, then the parent's pid.
      const parent = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1];
      if (Number(parent) === pid) children.add(Number(name));
    } catch {
      // gone since the listing
    }
  }
  return children;
}
