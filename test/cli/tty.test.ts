// On a real terminal (a pty made by util-linux `script`): colours and the ora spinner appear, and a terminal
// that reports no width gets no spinner instead of an endless line-clearing loop.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jdk17 } from '../helpers/java.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flink-doctor.js');

function requireScript(): string {
  try {
    return execFileSync('which', ['script'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('util-linux `script` is needed to give the doctor a real terminal (apt-get install bsdutils)');
  }
}

/** Runs the doctor on a pty; `columns` 0 leaves the pty unsized, as `script` makes it. */
function onTerminal(columns: number): Promise<{ code: number | null; output: string }> {
  const script = requireScript();
  const doctor = `${process.execPath} ${BIN} --only java.runtime --flink-version 2.2 --java-home ${jdk17()}`;
  const command = columns > 0 ? `stty cols ${columns} rows 24; ${doctor}` : doctor;
  const env = { ...process.env, CI: undefined, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color' };
  return new Promise((resolve) => {
    const child = execFile(script, ['-qec', command, '/dev/null'], { env, timeout: 20_000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: stdout });
    });
    child.stdin?.end();
  });
}

describe('on a terminal', () => {
  it('shows the spinner while checks run, then the coloured report', async () => {
    const { code, output } = await onTerminal(80);
    expect(code).toBe(0);
    expect(output).toContain('Running 1 checks…');
    expect(output).toContain('\u001b[32m✓\u001b[39m');
    expect(output.length).toBeLessThan(10_000);
  });

  it('a terminal with no width gets no spinner, and the run ends', async () => {
    const { code, output } = await onTerminal(0);
    expect(code).toBe(0);
    expect(output).not.toContain('Running 1 checks');
    expect(output).toContain('\u001b[32m✓\u001b[39m');
    expect(output.length).toBeLessThan(10_000);
  });
});
