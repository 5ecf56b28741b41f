// PATH lookup without a shell or `which`. Synchronous on purpose: a handful of stat calls cost microseconds,
// far less than a thread-pool round trip each, and the java/python spawns can then start at once.
import { accessSync, constants, statSync } from 'node:fs';
import { errorMessage } from '../engine/errors.js';
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

/** A path (relative to cwd) or a bare name looked up on PATH → an executable file, or a one-line reason. */
// Synchronous like the PATH lookup: one stat costs microseconds, and the interpreter then starts before the
// CLI's other start-up work (matrix validation) takes the thread.
export function locateInterpreter(
  requested: string,
  env: Record<string, string | undefined>,
  cwd: string,
): { path?: string; failure: string } {
  if (requested.includes('\u0000')) return { failure: `${requested} is not a path: it contains a NUL character, which no file name can` };
  const hasSeparator = requested.includes('/') || (process.platform === 'win32' && requested.includes('\\'));
  if (!hasSeparator) {
    const found = findOnPath(requested, env, cwd);
    return found ? { path: found, failure: '' } : { failure: `${requested} is not on PATH` };
  }
  const path = isAbsolute(requested) ? requested : resolve(cwd, requested);
  try {
    const info = statSync(path);
    if (info.isDirectory()) return { failure: `${path} is a directory, not a Python interpreter` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { failure: code === 'ENOENT' || code === 'ENOTDIR' ? `${path} does not exist` : `cannot read ${path}: ${errorMessage(error)}` };
  }
  // An existing file that is not executable is still handed to runProcess, which reports it as such.
  return { path, failure: '' };
}
