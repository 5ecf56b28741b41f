#!/usr/bin/env node
// Where the suite's time goes, file by file, with the processes each file starts (JVMs, Pythons, the CLI, shells and
// what they start in turn), in one real run:
//   node test/helpers/process-table.mjs [--top N] [vitest file filters...]
// Runs `npx vitest run` under `strace -f` (execve, process creation and connect only, filtered in the kernel: --seccomp-bpf),
// with FLINK_DOCTOR_TEST_COST recording each file's worker, time window and CPU (test/helpers/file-cost.ts). Each
// successful execve is charged to the file its worker was running at that moment, through the chain of parents up
// to that worker. Linux only; needs strace. Prints a Markdown table, then the files that connected beyond loopback (a DNS
// server, a registry): the hermetic suite needs no network, and a test that asks one waits on it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;
try {
  execFileSync('strace', ['-V'], { stdio: 'ignore' });
} catch {
  console.error('process-table: strace is not installed');
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'flink-doctor-process-table-'));
const trace = join(dir, 'trace');
const costs = join(dir, 'cost.jsonl');
const started = Date.now();
spawnSync(
  'strace',
  [
    '-f',
    '-qq',
    '-z',
    '--seccomp-bpf',
    '-ttt',
    '-e',
    'trace=execve,clone,clone3,fork,vfork,connect',
    '-e',
    'signal=none',
    '-o',
    trace,
    'npx',
    'vitest',
    'run',
    ...args,
  ],
  { stdio: 'inherit', env: { ...process.env, FLINK_DOCTOR_TEST_COST: costs } },
);
const wallS = ((Date.now() - started) / 1000).toFixed(1);

// "PID SECONDS.MICROS syscall(...) = RET", possibly split into "<unfinished ...>" and "<... syscall resumed>".
const parentOf = new Map();
const execs = [];
const pending = new Map();
const connects = [];
for (const line of readFileSync(trace, 'utf8').split('\n')) {
  const m = /^(\d+) +(\d+\.\d+) (.*)$/.exec(line);
  if (!m) continue;
  const [, pid, seconds, rest] = m;
  const created = /^(?:<\.\.\. )?(?:clone3?|v?fork)\b.*= (\d+)$/.exec(rest);
  if (created) parentOf.set(Number(created[1]), Number(pid));
  const remote = remoteAddress(rest);
  if (remote) connects.push({ pid: Number(pid), at: Number(seconds) * 1000, address: remote });
  const exec = /^execve\("([^"]*)"/.exec(rest);
  const entry = exec && { pid: Number(pid), at: Number(seconds) * 1000, file: basename(exec[1]) };
  if (entry && rest.endsWith('= 0')) execs.push(entry);
  else if (entry) pending.set(entry.pid, entry);
  else if (rest.startsWith('<... execve resumed>') && rest.endsWith('= 0') && pending.has(Number(pid)))
    execs.push(pending.get(Number(pid)));
}

const files = readFileSync(costs, 'utf8')
  .trim()
  .split('\n')
  .filter(Boolean)
  .map((l) => ({ ...JSON.parse(l), execs: [] }));
const workers = new Set(files.map((f) => f.pid));
/** The test file whose worker started (or is) process `pid` at `at`: through the chain of parents up to a worker. */
function fileOf({ pid, at }) {
  while (pid && !workers.has(pid)) pid = parentOf.get(pid);
  return files.find((f) => f.pid === pid && f.startedAt <= at && at <= f.endedAt + 50);
}
let unattributed = 0;
for (const exec of execs) {
  const file = fileOf(exec);
  if (file) file.execs.push(exec.file);
  else unattributed += 1;
}
const networkUse = new Map();
for (const connect of connects) {
  const name = fileOf(connect)?.file ?? '(vitest itself or between files)';
  networkUse.set(name, [...(networkUse.get(name) ?? []), connect.address]);
}

const sum = (pick) => files.reduce((total, f) => total + pick(f), 0);
console.log(
  `\n${files.length} files in ${wallS} s wall (under strace), load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}; ` +
    `CPU ${sum((f) => f.ownMs)} ms in the workers + ${sum((f) => f.childMs)} ms in processes they started; ` +
    `${sum((f) => f.execs.length)} programs run by test files, ${unattributed} by vitest itself or between files\n`,
);
console.log('| file | wall ms | CPU ms (worker + spawned) | programs run | most run |');
console.log('|---|---:|---:|---:|---|');
const rows = [...files].sort((a, b) => b.ownMs + b.childMs - (a.ownMs + a.childMs)).slice(0, top);
for (const f of rows) {
  const most = countsOf(f.execs, 4);
  console.log(`| ${f.file} | ${f.wallMs} | ${f.ownMs + f.childMs} (${f.ownMs} + ${f.childMs}) | ${f.execs.length} | ${most} |`);
}
console.log('\nConnections beyond loopback (DNS servers included):');
if (networkUse.size === 0) console.log('none');
for (const [file, addresses] of networkUse) console.log(`- ${file}: ${countsOf(addresses)}`);
rmSync(dir, { recursive: true, force: true });

/** "name n, name n" for a list of names, most frequent first. */
function countsOf(names, limit = Infinity) {
  const counts = new Map();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
}

/** The address:port an inet connect() goes to, unless it is loopback (the tests' own servers). */
function remoteAddress(call) {
  if (!call.startsWith('connect(')) return undefined;
  const v4 = /sin_port=htons\((\d+)\), sin_addr=inet_addr\("([\d.]+)"\)/.exec(call);
  if (v4) return v4[2].startsWith('127.') || v4[2] === '0.0.0.0' ? undefined : `${v4[2]}:${v4[1]}`;
  const v6 = /sin6_port=htons\((\d+)\).*inet_pton\(AF_INET6, "([^"]+)"/.exec(call);
  if (v6) return /^(::1|::ffff:127\.)/.test(v6[2]) ? undefined : `[${v6[2]}]:${v6[1]}`;
  return undefined;
}
