// PATH lookup without a shell or `which`. Synchronous on purpose: a handful of stat calls cost microseconds,
// far less than a thread-pool round trip each, and the java/python spawns can then start at once.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

const WINDOWS = process.platform === 'win32';

/** The first directory on PATH holding an executable regular file named `name` (name.exe on Windows). */
export function findOnPath(name: string, env: Record<string, string | undefined>, cwd: string): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const names = WINDOWS && !/\.exe$/i.test(name) ? [`${name}.exe`, name] : [name];
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const base = isAbsolute(dir) ? dir : resolve(cwd, dir);
    for (const candidate of names) {
      const full = join(base, candidate);
      if (isExecutableFile(full)) return full;
    }
  }
  return undefined;
}

export function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
