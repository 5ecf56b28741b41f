// Records every process this test process starts, without strace: wraps node:child_process's spawn (which execa
// calls) and updates the ES module bindings of it (syncBuiltinESMExports), so execa's named import sees the wrapper.
import { createRequire, syncBuiltinESMExports } from 'node:module';

type Spawn = (file: string, ...rest: unknown[]) => unknown;
const childProcess = createRequire(import.meta.url)('node:child_process') as { spawn: Spawn };

/** Starts recording: `started` grows with the file of each spawn until restore(). */
export function recordSpawns(): { started: string[]; restore: () => void } {
  const started: string[] = [];
  const original = childProcess.spawn;
  childProcess.spawn = function spawn(this: unknown, file: string, ...rest: unknown[]) {
    started.push(String(file));
    return original.call(this, file, ...rest);
  };
  syncBuiltinESMExports();
  return {
    started,
    restore() {
      childProcess.spawn = original;
      syncBuiltinESMExports();
    },
  };
}
