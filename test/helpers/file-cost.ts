// FLINK_DOCTOR_TEST_COST=<file> npx vitest run: where the suite's CPU goes, file by file, in a real run. Each test
// file appends one JSON line to <file>: its wall time, the worker's own CPU time and the CPU time of the processes it
// started and waited for (the CLI, JVMs, Pythons, and theirs), read from /proc/self/stat (Linux). At the end of the run
// test/global-setup.ts prints the costliest files. Not counted: vitest's own work (transform, import, collection).
// test/helpers/process-table.mjs adds the programs each file runs (under strace) and prints the same as a table.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { relative } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

const TICK_MS = 10; // getconf CLK_TCK is 100 on Linux

export interface FileCost {
  file: string;
  wallMs: number;
  ownMs: number;
  childMs: number;
  /** The worker that ran the file, and when (epoch ms): test/helpers/process-table.mjs counts the processes it started. */
  pid: number;
  startedAt: number;
  endedAt: number;
}

/** [own, children] CPU ms of this process; children are those waited for, with their own children. */
function cpuMs(): [number, number] {
  // Fields after the command name "(...)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  const at = (field: number) => Number(fields[field - 3]) * TICK_MS;
  return [at(14) + at(15), at(16) + at(17)];
}

const costFile = (): string | undefined => (process.platform === 'linux' ? process.env.FLINK_DOCTOR_TEST_COST : undefined);

/** In test/setup.ts: records the current file's cost when FLINK_DOCTOR_TEST_COST is set. */
export function recordFileCost(): void {
  const out = costFile();
  if (!out) return;
  let start: { wall: number; at: number; cpu: [number, number] };
  beforeAll(() => {
    start = { wall: performance.now(), at: Date.now(), cpu: cpuMs() };
  });
  afterAll(() => {
    const [own, children] = cpuMs();
    const line: FileCost = {
      file: relative(process.cwd(), expect.getState().testPath ?? '?'),
      wallMs: Math.round(performance.now() - start.wall),
      ownMs: own - start.cpu[0],
      childMs: children - start.cpu[1],
      pid: process.pid,
      startedAt: start.at,
      endedAt: Date.now(),
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
  });
}

/** In test/global-setup.ts: starts the record empty, and returns what prints its summary after the run. */
export function fileCostReport(top = 25): (() => void) | undefined {
  const out = costFile();
  if (!out) return undefined;
  rmSync(out, { force: true });
  return () => {
    const rows = (
      readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)) as FileCost[]
    ).sort((a, b) => b.ownMs + b.childMs - (a.ownMs + a.childMs));
    const sum = (pick: (r: FileCost) => number) => rows.reduce((total, r) => total + pick(r), 0);
    const cells = (values: (number | string)[]) => values.map((v) => String(v).padStart(7)).join(' ');
    console.log(
      `\nCPU ms per test file (${out}): ${rows.length} files, ${sum((r) => r.ownMs)} in the workers + ${sum((r) => r.childMs)} in processes they started`,
    );
    console.log(`${cells(['total', 'worker', 'spawned', 'wall'])}  file`);
    for (const r of rows.slice(0, top)) console.log(`${cells([r.ownMs + r.childMs, r.ownMs, r.childMs, r.wallMs])}  ${r.file}`);
  };
}
