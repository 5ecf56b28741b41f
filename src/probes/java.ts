// Finds the Java PyFlink's gateway would start (pyflink_gateway_server.find_java_executable):
// `env.java.home` in the config of $FLINK_HOME/conf (or the wheel's pyflink/conf when FLINK_HOME is unset),
// then JAVA_HOME, then `java` on PATH; `--java-home` overrides all. Then reads its version from the JDK's
// `release` file and from the runtime itself (one spawn, with a timeout).
import { access, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stringValue } from '../flink/config-file.js';
import { readConfigOnce } from './flink-config.js';
import { parseJavaVersion, parseReleaseFile, parseShowSettings, parseVersionBanner } from '../knowledge/java-version.js';
import type { ProcessResult } from './process.js';
import { javaAnswers, runReusing } from './reused-run.js';
import { JAVA_EXE, javaCommand, javaFromEnvironment, type JavaCandidate } from './commands.js';
import type { ProbeContext } from './context.js';
import type { JavaFact, JavaVersionInfo, Provenance } from '../facts/index.js';
import { isExecutableFile } from './which.js';
import { LIMITS } from '../engine/limits.js';
import { readTextFile } from '../util/read-file.js';
import { clip } from '../util/text.js';

type Candidate = JavaCandidate;

export async function probeJava(ctx: ProbeContext): Promise<JavaFact> {
  const { options } = ctx;
  const spawns = new Map<string, Promise<ProcessResult>>();
  const answers = javaAnswers(options.env, !options.noCache);
  // Each distinct binary is spawned at most once, however the discovery below turns out.
  const inspect = (binary: string) => {
    let pending = spawns.get(binary);
    if (!pending) {
      pending = runReusing(javaCommand(binary, options.env, options.cwd, options.processTimeoutMs), answers);
      spawns.set(binary, pending);
    }
    return pending;
  };

  if (options.javaHome) {
    const binary = join(options.javaHome, 'bin', JAVA_EXE);
    if (isExecutableFile(binary)) void inspect(binary);
    return describe({ provenance: { source: '--java-home' }, home: options.javaHome, binary }, [], inspect);
  }

  const fallbacks = javaFromEnvironment(options.env, options.cwd);
  // Start the likely winner now, before anything else: the JVM is the slowest thing a run waits for, and
  // the config lookup below may have to wait for the Python probe.
  if (fallbacks[0] && isExecutableFile(fallbacks[0].binary)) void inspect(fallbacks[0].binary);

  const configured = await javaHomeFromConfig(ctx);
  const candidates = configured ? [configured, ...fallbacks] : fallbacks;
  const [winner, ...shadowed] = candidates;
  if (!winner) {
    return {
      provenance: { source: 'PATH' },
      binary: JAVA_EXE,
      found: false,
      runs: false,
      failure: 'no Java found: env.java.home is not set, JAVA_HOME is not set and there is no java on PATH',
      shadowed: [],
    };
  }
  return describe(
    winner,
    shadowed.map((c) => c.provenance),
    inspect,
  );
}

/** env.java.home from the config PyFlink reads for the gateway: $FLINK_HOME/conf, else the wheel's conf. */
async function javaHomeFromConfig({ options, matrix, get }: ProbeContext): Promise<Candidate | undefined> {
  const flinkHome = options.env.FLINK_HOME?.trim();
  const packageDir = flinkHome ? undefined : (await get('pyflink')).packageDir;
  const dir = flinkHome ? join(flinkHome, 'conf') : packageDir ? join(packageDir, 'conf') : undefined;
  if (!dir) return undefined;
  const target = await get('target');
  const rule = target.flinkVersion ? matrix.line(target.flinkVersion)?.configFile : undefined;
  const config = await readConfigOnce(options, dir, rule);
  const home = stringValue(config.values, 'env.java.home');
  if (!home || !config.file) return undefined;
  return { provenance: { source: 'env.java.home', detail: config.file }, home, binary: join(home, 'bin', JAVA_EXE) };
}

async function describe(
  candidate: Candidate,
  shadowed: Provenance[],
  inspect: (binary: string) => Promise<ProcessResult>,
): Promise<JavaFact> {
  const fact: JavaFact = {
    provenance: candidate.provenance,
    home: candidate.home,
    binary: candidate.binary,
    found: false,
    runs: false,
    shadowed,
  };
  const missing = await whyNotFound(candidate);
  if (missing) return { ...fact, failure: missing };
  fact.found = true;

  const [result, release] = await Promise.all([inspect(candidate.binary), readRelease(candidate.home)]);
  const output = `${result.stderr}\n${result.stdout}`;
  const props = parseShowSettings(output);
  const fromRuntime = parseJavaVersion(props['java.version'] ?? '') ?? parseVersionBanner(output);
  const home = candidate.home ?? props['java.home'];
  if (!fact.home && home) fact.home = home;
  const { homeRelease, isJdk } = await homeAfterRun(home, candidate.home, release);
  const releaseValues = release ?? homeRelease;
  const fromRelease = releaseValues?.JAVA_VERSION ? parseJavaVersion(releaseValues.JAVA_VERSION) : undefined;

  const failure = whyNotRunning(candidate.binary, result, output, fromRuntime);
  if (failure) fact.failure = failure;
  else fact.runs = true;
  const chosen = fromRuntime ?? fromRelease;
  if (chosen) {
    const version: JavaVersionInfo = {
      major: chosen.major,
      version: chosen.version,
      readFrom: fromRuntime ? 'java -XshowSettings:properties -version' : `${home}/release`,
    };
    const vendor = props['java.vendor'] ?? releaseValues?.IMPLEMENTOR;
    if (vendor) version.vendor = vendor;
    fact.version = version;
  }
  if (isJdk !== undefined) fact.isJdk = isJdk;
  return fact;
}

/**
 * What the home the JVM reported says: its release file (when the candidate's own home had none) and whether it is a
 * JDK. This is left for after the JVM exits, on the run's critical path: the file system is asked in one round trip.
 */
async function homeAfterRun(home: string | undefined, candidateHome: string | undefined, release: Record<string, string> | undefined) {
  const [homeRelease, isJdk] = await Promise.all([
    !release && home && home !== candidateHome ? readRelease(home) : undefined,
    home ? isJdkHome(home) : undefined,
  ]);
  return { homeRelease, isJdk };
}

/** Why the candidate has no java binary to run (a NUL in the path, no such home, no binary in it), or undefined. */
async function whyNotFound(candidate: Candidate): Promise<string | undefined> {
  const where = candidate.home ? `${candidate.provenance.source}=${candidate.home}` : candidate.provenance.source;
  if (candidate.binary.includes('\u0000')) return `${where} is not a path: it contains a NUL character, which no file name can`;
  if (candidate.home && !(await isDirectory(candidate.home))) return `${where} points to a directory that does not exist`;
  if (!(await exists(candidate.binary)))
    return `${where} has no ${candidate.binary.slice(candidate.home?.length ?? 0).replace(/^[\\/]/, '')}`;
  return undefined;
}

/** Why `java -version` did not report a version (it failed to start, exited non-zero, printed none), or undefined. */
function whyNotRunning(binary: string, result: ProcessResult, output: string, fromRuntime: unknown): string | undefined {
  if (result.failure) return `${binary} ${result.failure}`;
  if (result.exitCode !== 0) return `${binary} -version exited with code ${result.exitCode}: ${firstLine(output) || 'no output'}`;
  if (!fromRuntime) return `${binary} -version printed no Java version (${firstLine(output) || 'no output'})`;
  return undefined;
}

/** A JDK, not only a JRE: it has javac and include/ (pemja builds need both). */
async function isJdkHome(home: string): Promise<boolean> {
  const javac = join(home, 'bin', process.platform === 'win32' ? 'javac.exe' : 'javac');
  const [hasJavac, hasInclude] = await Promise.all([exists(javac), isDirectory(join(home, 'include'))]);
  return hasJavac && hasInclude;
}

async function readRelease(home: string | undefined): Promise<Record<string, string> | undefined> {
  if (!home) return undefined;
  try {
    return parseReleaseFile(await readTextFile(join(home, 'release'), LIMITS.smallTextBytes));
  } catch {
    return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim()) ?? '';
  return clip(line.trim(), 120);
}
