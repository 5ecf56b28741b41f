// Runs the CLI in-process with captured output, or the built bundle as a real child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { isolatedEnv } from './run-check.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = isolatedEnv(), cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd,
  });
  return { code, stdout, stderr };
}

export const BUNDLE = join(import.meta.dirname, '..', '..', 'dist', 'flink-doctor.mjs');

/** Spawns `node dist/flink-doctor.mjs` (built by `npm run build`, which `npm test` runs first). */
export function runBundle(argv: string[], env: Record<string, string | undefined> = isolatedEnv(), cwd = process.cwd()): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUNDLE, ...argv], { env: env as NodeJS.ProcessEnv, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
