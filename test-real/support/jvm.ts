// Small Java probes (test-real/probes/*.java) compiled once per run with the JDK 17 javac.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JDK17 } from '../../scripts/real/doctor.js';

const run = promisify(execFile);
const compiled = new Map<string, Promise<string>>();

/** The directory holding the compiled class of probes/<name>.java. */
export function javaProbe(name: string): Promise<string> {
  let dir = compiled.get(name);
  if (!dir) {
    dir = (async () => {
      const out = await mkdtemp(join(tmpdir(), 'real-probe-'));
      await run(join(JDK17, 'bin', 'javac'), ['-d', out, join(import.meta.dirname, '..', 'probes', `${name}.java`)], { timeout: 120_000 });
      return out;
    })();
    compiled.set(name, dir);
  }
  return dir;
}

/** Runs a compiled probe's main class with a small heap; the classpath entries are joined with ':'. */
export async function runJava(mainClass: string, classpath: string[], args: string[], javaHome = JDK17): Promise<string> {
  const java = join(javaHome, 'bin', 'java');
  const { stdout } = await run(java, ['-Xmx192m', '-XX:+UseSerialGC', '-cp', classpath.join(':'), mainClass, ...args], {
    timeout: 180_000,
    maxBuffer: 1 << 24,
  });
  return stdout;
}
