// Class names are read only where they can decide something: a JAR from the cache comes without them, and the scan
// reads them again only for a JAR that shares a package with a JAR it is compared with (a distribution JAR: with a
// user's JAR), or that has a package of a class the job wants. The facts must be exactly those of a scan that read
// every name: the same overlaps (pairs, counts, packages), the same wanted classes found, the same JARs unreadable.
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JarRef, JarsFact } from '../../src/facts/index.js';
import { JarContentsCache } from '../../src/jars/contents-cache.js';
import { scanJars, type ScanOptions } from '../../src/jars/scan.js';
import { readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { jarDir, manifest } from '../helpers/jars.js';
import { writeZip } from '../helpers/zip.js';

/** Every read that decodes class names, by file name: what the scan paid for. */
const namedReads: string[] = [];
const countingRead: typeof readJar = (path, limits, options) => {
  if (options?.classNames !== false) namedReads.push(path.slice(path.lastIndexOf('/') + 1));
  return readJar(path, limits, options);
};

const knowledge = loadMatrix().connectors();
const HEADER = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]);
const jar = (path: string, title: string, classes: string[]) =>
  writeZip(path, [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Title': title, 'Implementation-Version': '2.3.0' }) },
    ...classes.map((name) => ({ name: `${name}.class`, data: HEADER })),
  ]);

let dir: string;
let refs: JarRef[];
beforeAll(async () => {
  dir = await jarDir('scan-class-names-');
  // flink-dist-like: flink-connector-base classes (a Kafka 3.0.x fat JAR bundles them too) and one class in no package.
  const dist = await jar(join(dir, 'flink-dist-2.3.0.jar'), 'Flink : Dist', [
    'org/apache/flink/connector/base/Sink',
    'org/apache/flink/api/Job',
    'Boot',
  ]);
  const json = await jar(join(dir, 'flink-json-2.3.0.jar'), 'Flink : Formats : Json', ['org/apache/flink/formats/json/JsonFormat']);
  const fat = await jar(join(dir, 'user-fat.jar'), 'user fat', ['org/apache/flink/connector/base/Sink', 'com/acme/Shared', 'Boot']);
  const other = await jar(join(dir, 'user-other.jar'), 'user other', ['com/acme/Shared', 'org/other/Alone']);
  const alone = await jar(join(dir, 'user-alone.jar'), 'user alone', ['net/alone/Only']);
  // Shares only a class in no package with the others.
  const boot = await jar(join(dir, 'user-boot.jar'), 'user boot', ['Boot']);
  refs = [
    { path: dist, source: 'pyflink/lib' },
    { path: json, source: 'pyflink/lib' },
    { path: fat, source: '--jars' },
    { path: other, source: '--jars' },
    { path: alone, source: '--jars' },
    { path: boot, source: '--jars' },
  ];
});

let cacheFolder: string;
beforeEach(async () => {
  cacheFolder = join(await jarDir('scan-class-names-cache-'), 'jars');
  namedReads.length = 0;
});

// Every JAR kept, small user JARs too (by default only the distribution's and big ones are).
const cache = () => new JarContentsCache(cacheFolder, { settleMs: -60_000, minEntries: 0 });
function facts(fact: JarsFact): unknown {
  const { durationMs: _ms, ...rest } = fact;
  return JSON.parse(JSON.stringify(rest));
}

const CASES: { name: string; refs: () => JarRef[]; options: ScanOptions }[] = [
  { name: 'the distribution and user JARs', refs: () => refs, options: {} },
  {
    name: 'the distribution only, with classes the job wants',
    refs: () => refs.slice(0, 2),
    options: { wantedClasses: new Set(['org/apache/flink/formats/json/JsonFormat.class', 'Boot.class']) },
  },
  {
    name: 'all, with classes the job wants',
    refs: () => refs,
    options: { wantedClasses: new Set(['com/acme/Shared.class', 'net/none/Missing.class']) },
  },
  { name: 'all, past the class-name budget', refs: () => refs, options: { maxClassNames: 4 } },
];

describe('class names read only where they decide something', () => {
  for (const c of CASES) {
    it(`gives the facts of a full read, from the cache: ${c.name}`, async () => {
      const full = facts(await scanJars(c.refs(), knowledge, c.options));
      expect(facts(await scanJars(c.refs(), knowledge, { ...c.options, cache: cache() }))).toEqual(full);
      expect(facts(await scanJars(c.refs(), knowledge, { ...c.options, cache: cache() }))).toEqual(full);
    });
  }

  it('finds the overlaps a full read finds', async () => {
    const fact = await scanJars(refs, knowledge, { cache: cache(), readJar: countingRead });
    const pairs = fact.overlaps.map((o) => [...o.jars.map((p) => p.slice(p.lastIndexOf('/') + 1)), o.classes]);
    expect(pairs).toEqual([
      ['flink-dist-2.3.0.jar', 'user-fat.jar', 2],
      ['user-fat.jar', 'user-other.jar', 1],
      ['flink-dist-2.3.0.jar', 'user-boot.jar', 1],
    ]);
  });

  it('reads names again, from the cache on, only of JARs sharing a package with one they are compared with', async () => {
    await scanJars(refs, knowledge, { cache: cache(), readJar: countingRead });
    namedReads.length = 0;
    await scanJars(refs, knowledge, { cache: cache(), readJar: countingRead });
    // flink-json shares no package with a user JAR, user-alone none with anything.
    expect(namedReads.sort()).toEqual(['flink-dist-2.3.0.jar', 'user-boot.jar', 'user-fat.jar', 'user-other.jar']);
  });

  it('reads names for the job only from JARs with a package of a wanted class', async () => {
    const wantedClasses = new Set(['org/apache/flink/formats/json/JsonFormat.class']);
    await scanJars(refs.slice(0, 2), knowledge, { cache: cache(), wantedClasses, readJar: countingRead });
    namedReads.length = 0;
    const fact = await scanJars(refs.slice(0, 2), knowledge, { cache: cache(), wantedClasses, readJar: countingRead });
    expect(namedReads).toEqual(['flink-json-2.3.0.jar']);
    expect(fact.jars.map((j) => j.holds ?? [])).toEqual([[], ['org/apache/flink/formats/json/JsonFormat.class']]);
  });
});
