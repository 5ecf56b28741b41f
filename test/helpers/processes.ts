// Whether a process is still running, for tests that start and stop real processes.
import { readFileSync } from 'node:fs';

/** Running, not a zombie waiting to be reaped (a killed orphan's parent may not reap it at once). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
