// Scans a list of JAR references: each distinct file is read once (bounded, one at a time), identified,
// and the class lists are compared across JARs to find the same classes shipped twice.
import { realpathSync } from 'node:fs';
import type { ConnectorKnowledge } from '../knowledge/connectors.js';
import { errorMessage } from '../engine/errors.js';
import { LIMITS } from '../engine/limits.js';
import type { IdentifiedJar, JarOverlap, JarRef, JarsFact, ScannedJar } from '../facts/index.js';
import { fromDistribution } from '../facts/jars.js';
import type { JarContentsCache } from './contents-cache.js';
import { identifyJar } from './identify.js';
import { parseServices } from './metadata.js';
import { DEFAULT_LIMITS, JarReadError, readJar, type JarContents, type ZipLimits } from './zip-reader.js';
import { sha1OfFile } from '../util/file-sha1.js';
import { nowMs } from '../util/clock.js';

/** The longest the scan keeps the event loop between two JARs (a fat JAR's read keeps it longer, in one piece). */
const YIELD_MS = 2;

export interface ScanOptions {
  limits?: ZipLimits;
  /** Class entries ("org/apache/…/KafkaSource.class") to look up in every JAR's central directory. */
  wantedClasses?: ReadonlySet<string>;
  /** JAR files read; later references are counted, not read. */
  maxJars?: number;
  /** Class names kept across all JARs for the overlap search. */
  maxClassNames?: number;
  /** What earlier runs read from unchanged files (the user's cache folder); without it every JAR is read. */
  cache?: JarContentsCache;
  /** How a JAR is read (zip-reader's readJar; tests wrap it to count the reads). */
  readJar?: typeof readJar;
}

export async function scanJars(refs: readonly JarRef[], knowledge: ConnectorKnowledge, options: ScanOptions = {}): Promise<JarsFact> {
  const started = nowMs();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const maxJars = options.maxJars ?? LIMITS.jarFiles;
  const all = dedupe(refs);
  const unique = all.slice(0, maxJars);
  const notes =
    all.length > maxJars ? [`${all.length} JAR files found; only the first ${maxJars} were read (flink-doctor's limit per run)`] : [];
  const wanted = options.wantedClasses ?? new Set<string>();
  // Class names matter only to the overlap search (pairs of the distribution's own JARs are never compared, so it
  // needs a JAR from elsewhere) and to the job's wanted classes; contents from the cache come without them.
  const classNames = unique.some(({ ref }) => !fromDistribution(ref.source)) || wanted.size > 0;
  const reader = options.readJar ?? readJar;
  const contents = new Array<JarContents | undefined>(unique.length);
  const jars = new Array<ScannedJar>(unique.length);
  let yielded = nowMs();
  for (const [index, { ref, alsoFrom, file }] of unique.entries()) {
    try {
      const { read, identified } = await readAndIdentify(file, ref, knowledge, {
        limits,
        classNames,
        cache: options.cache,
        readJar: reader,
      });
      contents[index] = read;
      const jarNotes = [...read.notes];
      if (read.truncated) jarNotes.push(`has ${read.entryCount} entries; only the first ${limits.maxEntries} were read`);
      jars[index] = {
        ref,
        alsoFrom,
        ...identified,
        notes: jarNotes,
        entryCount: read.entryCount,
        size: read.size,
        packages: read.packages,
      };
    } catch (error) {
      jars[index] = unreadable(ref, alsoFrom, error);
    }
    // One JAR at a time, each read with a few synchronous calls (from the page cache, a thread-pool round trip
    // per read costs more than the read): every YIELD_MS, between two JARs, the processes the probes started get
    // their turn (not after every JAR: a small JAR takes a fraction of that, a turn of the event loop costs more).
    if (nowMs() - yielded >= YIELD_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      yielded = nowMs();
    }
  }
  const budget = options.maxClassNames ?? LIMITS.classNamesTotal;
  const compared = classNames ? withinClassBudget(contents, budget) : unique.length;
  if (compared < unique.length) {
    notes.push(`class overlaps were compared among the first ${compared} JARs only: together they hold more than ${budget} class names`);
  }
  const comparing = classNames ? mayOverlap(unique, contents.slice(0, compared)) : [];
  const needsNames = (index: number) => comparing[index] === true || mayHold(contents[index], wanted);
  const classLists = await withClassNames(unique, contents, jars, needsNames, (path) => reader(path, limits, { classNames: true }));
  for (const [index, jar] of jars.entries()) Object.assign(jar, lookups(contents[index], wanted));
  const overlaps = findOverlaps(
    jars,
    classLists.slice(0, compared).map((classes, index) => (comparing[index] ? classes : undefined)),
  );
  await Promise.all([markIdentical(overlaps, jars), options.cache?.flush()]);
  return { jars, overlaps, durationMs: Math.round(nowMs() - started), ...(notes.length > 0 ? { notes } : {}) };
}

function unreadable(ref: JarRef, alsoFrom: JarRef[], error: unknown): ScannedJar {
  return { ref, alsoFrom, notes: [], error: error instanceof JarReadError ? error.message : `cannot be read (${errorMessage(error)})` };
}

interface ReadHow {
  limits: ZipLimits;
  classNames: boolean;
  cache?: JarContentsCache;
  readJar: typeof readJar;
}

/**
 * From the cache when the file is unchanged (without class names), with what identifyJar made of it for this reference
 * when that was kept too; else read (and identified), and kept for next time when it is the distribution's (read on
 * every run) or big enough to be worth a write.
 */
async function readAndIdentify(
  file: string,
  ref: JarRef,
  knowledge: ConnectorKnowledge,
  how: ReadHow,
): Promise<{ read: JarContents; identified: IdentifiedJar }> {
  const { limits, classNames, cache } = how;
  const always = fromDistribution(ref.source);
  const stamp = cache?.stamp(file, limits);
  const cached = stamp ? cache?.get(stamp, always) : undefined;
  const forRef = JSON.stringify([ref.path, ref.source]);
  if (cached?.identified?.for === forRef) return { read: cached.contents, identified: cached.identified.value };
  const read = cached?.contents ?? (await how.readJar(ref.path, limits, { classNames }));
  const identified = identifyJar(ref.path, ref.source, read, knowledge);
  if (stamp) cache?.put(stamp, read, always, { for: forRef, value: identified });
  return { read, identified };
}

/**
 * The class names of the JARs `needed` says, read again where the contents came without them (from the cache).
 * A JAR that cannot be read now is reported as unreadable, as the first read with names would have reported it.
 */
async function withClassNames(
  unique: readonly { ref: JarRef; alsoFrom: JarRef[] }[],
  contents: (JarContents | undefined)[],
  jars: ScannedJar[],
  needed: (index: number) => boolean,
  readNames: (path: string) => Promise<JarContents>,
): Promise<(string[] | undefined)[]> {
  const lists = new Array<string[] | undefined>(contents.length);
  for (const [index, read] of contents.entries()) {
    const { ref, alsoFrom } = unique[index] as { ref: JarRef; alsoFrom: JarRef[] };
    if (!read || !needed(index)) continue;
    try {
      if (read.classes.length < read.classCount) read.classes = (await readNames(ref.path)).classes;
      lists[index] = read.classes;
    } catch (error) {
      contents[index] = undefined;
      jars[index] = unreadable(ref, alsoFrom, error);
    }
  }
  return lists;
}

/**
 * Which JARs can share a class with one that counts. A JAR with no package another JAR has holds no class another
 * holds; a distribution JAR sharing packages only with the distribution's own is never compared. Leaving those out
 * changes no overlap (nor the first owner of a shared class) and spares reading flink-dist's 36,726 names again.
 */
function mayOverlap(unique: readonly { ref: JarRef }[], contents: readonly (JarContents | undefined)[]): boolean[] {
  const shipped = contents.map((_, index) => fromDistribution((unique[index] as { ref: JarRef }).ref.source));
  const keys = contents.map((read) => (!read ? [] : read.defaultPackage ? [...read.packages, ''] : read.packages));
  const holders = new Map<string, number>();
  const fromUsers = new Set<string>();
  keys.forEach((own, index) => {
    for (const key of own) holders.set(key, (holders.get(key) ?? 0) + 1);
    if (!shipped[index]) for (const key of own) fromUsers.add(key);
  });
  return keys.map((own, index) => own.some((key) => (shipped[index] ? fromUsers.has(key) : (holders.get(key) ?? 0) > 1)));
}

/** Whether the JAR can hold one of the wanted classes: it has a class in that class's package. */
function mayHold(read: JarContents | undefined, wanted: ReadonlySet<string>): boolean {
  if (!read || wanted.size === 0) return false;
  const packages = new Set(read.packages);
  for (const name of wanted) {
    const slash = name.lastIndexOf('/');
    if (slash <= 0 ? read.defaultPackage : packages.has(name.slice(0, slash))) return true;
  }
  return false;
}

/** How many JARs, in order, fit in the class-name budget of the overlap search (its memory grows with it). */
function withinClassBudget(contents: readonly (JarContents | undefined)[], budget: number): number {
  let total = 0;
  for (let i = 0; i < contents.length; i += 1) {
    total += contents[i]?.classCount ?? 0;
    if (total > budget) return i;
  }
  return contents.length;
}

/** Overlapping pairs of the same size may be one file copied twice: hash those (each file once), nothing else. */
async function markIdentical(overlaps: JarOverlap[], jars: ScannedJar[]): Promise<void> {
  const byPath = new Map(jars.map((jar) => [jar.ref.path, jar]));
  const hashes = new Map<string, Promise<string | undefined>>();
  const hash = (jar: ScannedJar) => {
    let pending = hashes.get(jar.ref.path);
    if (!pending) {
      pending = sha1OfFile(jar.ref.path).then((digest) => {
        if (digest) jar.sha1 = digest;
        return digest;
      });
      hashes.set(jar.ref.path, pending);
    }
    return pending;
  };
  await Promise.all(
    overlaps.map(async (overlap) => {
      const a = byPath.get(overlap.jars[0]);
      const b = byPath.get(overlap.jars[1]);
      if (!a || !b || a.size === undefined || a.size !== b.size) return;
      const [ha, hb] = await Promise.all([hash(a), hash(b)]);
      overlap.identical = ha !== undefined && ha === hb;
    }),
  );
}

/**
 * One entry per real file (`file`: its real path); the first reference wins, the others are kept as alsoFrom.
 * realpath is synchronous on purpose: a few microseconds each, where a thread-pool round trip per JAR costs more.
 */
function dedupe(refs: readonly JarRef[]): { ref: JarRef; alsoFrom: JarRef[]; file: string }[] {
  const byFile = new Map<string, { ref: JarRef; alsoFrom: JarRef[]; file: string }>();
  for (const ref of refs) {
    const file = realPath(ref.path);
    const seen = byFile.get(file);
    if (seen) seen.alsoFrom.push(ref);
    else byFile.set(file, { ref, alsoFrom: [], file });
  }
  return [...byFile.values()];
}

function realPath(path: string): string {
  try {
    return realpathSync.native(path); // one realpath(3) call, where the JavaScript one lstat()s each folder in turn
  } catch {
    return path; // missing or a NUL in it: jars.readable reports it by the path as given
  }
}

/**
 * The same class in two JARs: the JVM silently loads whichever comes first. Pairs of the distribution's own
 * JARs are left out (their layout is Flink's business, not the user's).
 */
function findOverlaps(jars: ScannedJar[], classLists: (string[] | undefined)[]): JarOverlap[] {
  const firstOwner = new Map<string, number>();
  const pairs = new Map<string, { a: number; b: number; packages: Set<string>; classes: number }>();
  classLists.forEach((classes, index) => {
    if (!classes) return;
    for (const name of classes) {
      const owner = firstOwner.get(name);
      if (owner === undefined) {
        firstOwner.set(name, index);
        continue;
      }
      if (owner === index) continue;
      const a = jars[owner];
      const b = jars[index];
      if (a && b && fromDistribution(a.ref.source) && fromDistribution(b.ref.source)) continue;
      const key = `${owner}:${index}`;
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { a: owner, b: index, packages: new Set(), classes: 0 }));
      pair.classes += 1;
      pair.packages.add(name.slice(0, Math.max(0, name.lastIndexOf('/'))));
    }
  });
  return [...pairs.values()].map((p) => {
    const packages = [...p.packages].sort();
    return {
      jars: [jars[p.a]?.ref.path ?? '', jars[p.b]?.ref.path ?? ''] as [string, string],
      packages,
      commonPackage: commonPackage(packages),
      classes: p.classes,
      identical: false,
    };
  });
}

/** The longest package containing all of them, by whole segments ("org/apache/kafka" for …/clients and …/common). */
export function commonPackage(packages: readonly string[]): string {
  const [first, ...rest] = packages.map((p) => (p === '' ? [] : p.split('/')));
  if (!first) return '';
  let length = first.length;
  for (const parts of rest) {
    let i = 0;
    while (i < length && i < parts.length && parts[i] === first[i]) i += 1;
    length = i;
  }
  return first.slice(0, length).join('/');
}

/** The wanted classes this JAR holds and the JDBC drivers it registers, when there are any. */
function lookups(contents: JarContents | undefined, wanted: ReadonlySet<string>): Pick<ScannedJar, 'holds' | 'jdbcDrivers'> {
  if (!contents) return {};
  const holds = wanted.size > 0 ? contents.classes.filter((name) => wanted.has(name)) : [];
  const drivers = parseServices(contents.texts['META-INF/services/java.sql.Driver'] ?? '');
  return { ...(holds.length > 0 ? { holds } : {}), ...(drivers.length > 0 ? { jdbcDrivers: drivers } : {}) };
}
