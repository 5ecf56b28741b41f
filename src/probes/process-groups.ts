// The process groups the doctor has started and not yet seen end. Each runner starts its program as the leader of a
// new group, so a timeout can stop everything it started; whatever still runs when the doctor itself exits (Ctrl-C,
// an error) is stopped with it.
export const POSIX = process.platform !== 'win32';

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Kills the group `pid` leads (or the process alone where there are no groups); gone already is fine. */
export function killGroup(pid: number): void {
  try {
    // A negative pid signals the whole group: a wrapper script's children (java launched by a shell
    // script, a pyenv shim's python) hold our pipes open and would otherwise outlive the timeout.
    process.kill(POSIX ? -pid : pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export function trackGroup(pid: number): void {
  liveGroups.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => liveGroups.forEach(killGroup));
  }
}

export function untrackGroup(pid: number): void {
  liveGroups.delete(pid);
}
