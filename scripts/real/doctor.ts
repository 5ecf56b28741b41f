// Runs the built CLI exactly as a user would (`node bin/flink-doctor.js --json …`) in a controlled
// environment, and reads its JSON report.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'flink-doctor.js');
export const JDK17 = '/usr/lib/jvm/java-17-openjdk-amd64';
export const TEMURIN25 = '/usr/lib/jvm/temurin-25-jdk-amd64';

export interface DoctorCheck {
  id: string;
  status: 'ok' | 'warning' | 'error' | 'skipped';
  summary: string;
  details: string[];
  fix: string | null;
  facts?: Record<string, string | number | boolean | null>;
}

export interface DoctorReport {
  exitCode: number;
  target: { flinkVersion: string | null; source: string };
  checks: DoctorCheck[];
}

/** How this machine reaches registries (a TLS-inspecting proxy's CA, proxies): kept in every clean environment. */
const NETWORK = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTPS_PROXY',
  'https_proxy',
  'HTTP_PROXY',
  'http_proxy',
  'NO_PROXY',
  'no_proxy',
];

/** A minimal environment: no venv, no FLINK_HOME, JAVA_HOME as given; `extra` adds or unsets (undefined). */
export function cleanEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const network = Object.fromEntries(NETWORK.map((name) => [name, process.env[name]]));
  const base = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: process.env.HOME, LANG: 'C.UTF-8', JAVA_HOME: JDK17 };
  const env: Record<string, string | undefined> = { ...network, ...base, ...extra };
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export function runDoctor(args: string[], env: Record<string, string>, cwd = process.cwd()): Promise<DoctorReport> {
  return new Promise((resolve, reject) => {
    const options = { env, cwd, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 };
    execFile(process.execPath, [BIN, '--json', '--verbose', ...args], options, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      if (exitCode !== 0 && exitCode !== 1) return reject(new Error(`flink-doctor exited ${exitCode}: ${stderr || stdout}`));
      try {
        const report = JSON.parse(stdout) as Omit<DoctorReport, 'exitCode'>;
        resolve({ ...report, exitCode });
      } catch {
        reject(new Error(`flink-doctor printed no JSON report:\n${stdout.slice(0, 2000)}\n${stderr.slice(0, 2000)}`));
      }
    });
  });
}

export function check(report: DoctorReport, id: string): DoctorCheck {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`the report has no ${id} check (checks: ${report.checks.map((c) => c.id).join(', ')})`);
  return found;
}

/** Everything a check says, for "does the doctor name X" assertions. */
export function checkText(c: DoctorCheck): string {
  return [c.summary, ...c.details, c.fix ?? ''].join('\n');
}
