// What the Java probe's JVM printed (`java -XshowSettings:properties -version`), kept per user in the cache folder
// (`java/`): starting the JVM is the slowest thing a run waits for, and on 2 cores it competes with the doctor's own
// start-up, yet for the same JDK it prints the same thing every time. An answer is reused only when everything that
// can change what the JVM prints is equal to this run's: the flink-doctor build, the command, the binary's real path
// and its stat (size, mtime and ctime in ns, inode, device), the stat of the JDK's runtime image, libjvm, jvm.cfg and
// release file (or their absence), the working directory, the user, host and kernel (os.version is printed), and the
// environment variables the launcher and the JVM read. Only a native executable is cached: a script (an asdf or jenv
// shim) may pick another JDK from files no stat here covers; nor a run whose JVM options read a file (@argfile, agent).
// Only a normal exit with code 0 is kept; a binary or
// image changed in the last seconds is not (a coarse clock). Every failure is a miss; writes are atomic and best
// effort; only the user's own files are trusted (a shared cache folder on a CI runner).
import { closeSync, openSync, readSync, realpathSync, statSync, type BigIntStats } from 'node:fs';
import { hostname, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { keepEntry, readOwnEntry, thisBuild } from '../util/cache-folder.js';
import { stampText } from '../util/file-stamp.js';
import { nameHash } from '../util/name-hash.js';
import type { Command } from './commands.js';
import type { ProcessResult } from './process.js';

/** Bumped when what is stored, or what the key holds, changes meaning. */
const FORMAT = 1;
/** Files kept: one per JDK, directory and environment a user's runs have used. */
const MAX_FILES = 200;
/** Largest entry read (the JVM's properties are a few KB; the probe's output cap bounds what is written). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A file modified this recently may still be being written, within one tick of a coarse clock: not cached. */
const SETTLE_MS = 2_000;

/** Variables the launcher or the JVM read, by name; and by prefix (LC_*, LD_*, JAVA_*, JDK_*, OpenJ9's options). */
const VARIABLES = ['CLASSPATH', 'LANG', 'LANGUAGE', 'TZ', 'HOME', 'USER', 'TMPDIR'];
const PREFIXES = ['LC_', 'LD_', 'JAVA', '_JAVA', 'JDK', 'IBM_JAVA', 'OPENJ9'];
/**
 * Options that read other files (an @argfile, a VM options file, an agent): what they say can change with no variable
 * changing, so a run whose JVM options name one is not cached.
 */
const READS_FILES = /@|-XX:(?:Flags|VMOptionsFile)=|-javaagent|-agentlib|-agentpath|-Xoptionsfile/;
/** Files of the JDK whose change means another runtime: `<java.home>/…`. */
const JDK_FILES = ['lib/modules', 'lib/server/libjvm.so', 'lib/jvm.cfg', 'release'];

export class JavaAnswerCache {
  private readonly version: string;

  constructor(
    readonly dir: string,
    private readonly options: { version?: string; maxFiles?: number; settleMs?: number } = {},
  ) {
    this.version = options.version ?? thisBuild();
  }

  /** Everything the answer to `command` depends on, as one string; undefined when it cannot be known (never cached). */
  keyOf({ file, args, options }: Command, now = Date.now()): string | undefined {
    // A bare name is looked up on PATH by the runner: which binary that is, is not known here.
    if (!file.includes('/')) return undefined;
    try {
      const binary = realpathSync(resolve(options.cwd ?? process.cwd(), file));
      const info = statSync(binary, { bigint: true });
      if (!info.isFile() || !isNativeExecutable(binary)) return undefined;
      const javaHome = dirname(dirname(binary));
      const jdk = JDK_FILES.map((name) => fileStamp(join(javaHome, name)));
      const settleMs = this.options.settleMs ?? SETTLE_MS;
      if (newest([info, ...jdk.filter((s): s is BigIntStats => s !== undefined)]) > now - settleMs) return undefined;
      const variables = relevantVariables(options.env ?? process.env);
      if (variables.some(([name, value]) => name.endsWith('OPTIONS') && READS_FILES.test(value))) return undefined;
      const parts = [
        this.version,
        FORMAT,
        file,
        args,
        binary,
        stampText(info),
        jdk.map((s) => (s ? stampText(s) : 'absent')),
        options.cwd ?? process.cwd(),
        process.getuid?.() ?? null,
        hostname(),
        release(),
        variables,
      ];
      return JSON.stringify(parts);
    } catch {
      return undefined;
    }
  }

  /** The JVM's answer on an earlier run under exactly `key`, or undefined. */
  get(key: string): ProcessResult | undefined {
    const stored = readOwnEntry(this.pathOf(key), MAX_FILE_BYTES);
    return stored === undefined ? undefined : parseEntry(stored, key);
  }

  /** Keeps `result` for the next run when the JVM exited normally with code 0; resolves when written (or not). */
  async put(key: string, result: ProcessResult): Promise<void> {
    if (!isReusable(result)) return;
    const stored = JSON.stringify({ key, stdout: result.stdout, stderr: result.stderr });
    await keepEntry(this.dir, this.pathOf(key), stored, this.options.maxFiles ?? MAX_FILES);
  }

  private pathOf(key: string): string {
    return join(this.dir, `${nameHash(key)}.json`);
  }
}

/** A normal exit with code 0: no timeout, no signal, no cut-off output, no failure to start. */
export function isReusable(result: ProcessResult): boolean {
  return result.exitCode === 0 && !result.timedOut && result.failure === undefined;
}

/** An ELF (Linux) or Mach-O (macOS) binary, not a script whose behaviour depends on files the key does not cover. */
function isNativeExecutable(path: string): boolean {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
  } finally {
    closeSync(fd);
  }
  const magic = head.readUInt32BE(0);
  return magic === 0x7f454c46 || [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

/** The stat of a file of the JDK, or undefined when there is none; any other error (EACCES) throws: a miss. */
function fileStamp(path: string): BigIntStats | undefined {
  return statSync(path, { bigint: true, throwIfNoEntry: false });
}

/** The latest change of any of `stats`, in whole ms since the epoch (as Date.now() counts). */
function newest(stats: BigIntStats[]): number {
  return Math.max(...stats.map((s) => Number((s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs) / 1_000_000n)));
}

function relevantVariables(env: Record<string, string | undefined>): [string, string][] {
  return Object.entries(env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .filter(([name]) => VARIABLES.includes(name) || PREFIXES.some((prefix) => name.startsWith(prefix)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A cache file's text → the stored answer, when it is the entry for exactly `key`, of the expected shape. */
function parseEntry(stored: string, key: string): ProcessResult | undefined {
  let entry: { key?: unknown; stdout?: unknown; stderr?: unknown } | null;
  try {
    entry = JSON.parse(stored) as typeof entry;
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null || entry.key !== key) return undefined;
  if (typeof entry.stdout !== 'string' || typeof entry.stderr !== 'string') return undefined;
  return { exitCode: 0, stdout: entry.stdout, stderr: entry.stderr, timedOut: false, durationMs: 0 };
}
