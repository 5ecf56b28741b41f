// The per-user cache of what the scan read from each JAR: a hit gives the very facts a read gives, an entry is
// used only for the unchanged file (a changed size or mtime is read again, whatever the entry says), and a
// corrupt, foreign or unwritable cache costs a read, never a verdict. To prove which path a scan took, some tests
// plant a lie in an entry (a Factory service file the JAR does not have): a scan that reports it used the entry.
import { chownSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { JarContentsCache } from '../../src/jars/contents-cache.js';
import { scanJars } from '../../src/jars/scan.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import type { JarRef, JarsFact } from '../../src/facts/index.js';
import { fatKafkaJar, jarDir, manifest, thinKafkaJar } from '../helpers/jars.js';
import { writeZip } from '../helpers/zip.js';

const knowledge = loadMatrix().connectors();
const FACTORY = 'META-INF/services/org.apache.flink.table.factories.Factory';
/** A factory the JAR below does not ship: when a scan reports it, the scan took the (planted) cache entry. */
const PLANTED = 'org.apache.flink.formats.json.JsonFormatFactory';
/** Files are cached once they are older than this: tests write their JARs and scan them at once. */
const NOW = { settleMs: -60_000 };

let dir: string;
let cacheFolder: string;
beforeEach(async () => {
  dir = await jarDir('contents-cache-');
  cacheFolder = join(dir, 'cache', 'jars');
});

/** A JAR modelled on flink-json-2.3.0.jar in the wheel's pyflink/lib: MANIFEST, a NOTICE, a few classes, no Factory file here. */
async function distributionJar(path: string, classes = 3): Promise<string> {
  const header = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52]);
  return writeZip(path, [
    {
      name: 'META-INF/MANIFEST.MF',
      data: manifest({
        'Implementation-Title': 'Flink : Formats : Json',
        'Implementation-Version': '2.3.0',
        'Implementation-Vendor-Id': 'org.apache.flink',
      }),
    },
    { name: 'META-INF/NOTICE', data: 'flink-json\nCopyright 2014-2025 The Apache Software Foundation\n' },
    ...Array.from({ length: classes }, (_, i) => ({ name: `org/apache/flink/formats/json/C${i}.class`, data: header })),
  ]);
}

async function scan(refs: JarRef[], cache = new JarContentsCache(cacheFolder, NOW)): Promise<JarsFact> {
  return scanJars(refs, knowledge, { cache });
}

/** The scan's result without its timing: what two runs must agree on. */
function facts(fact: JarsFact): unknown {
  const { durationMs: _ms, ...rest } = fact;
  return JSON.parse(JSON.stringify(rest));
}

/** Rewrites each entry in the cache folder so that its contents list a factory class the JAR does not have. */
function plantFactory(): number {
  const files = readdirSync(cacheFolder).filter((name) => name.endsWith('.json'));
  for (const name of files) {
    const entry = JSON.parse(readFileSync(join(cacheFolder, name), 'utf8'));
    entry.contents.texts[FACTORY] = `${PLANTED}\n`;
    delete entry.identified; // identified again, from the planted contents
    writeFileSync(join(cacheFolder, name), JSON.stringify(entry));
  }
  return files.length;
}

const factoriesOf = (fact: JarsFact) => Object.keys(fact.jars[0]?.factories ?? {});

describe('JAR contents cache', () => {
  it('gives a second scan the same facts as the first, from the entry it wrote', async () => {
    const refs: JarRef[] = [{ path: await distributionJar(join(dir, 'flink-json-2.3.0.jar')), source: 'pyflink/lib' }];
    const first = await scan(refs);
    expect(readdirSync(cacheFolder)).toHaveLength(1);
    expect(facts(await scan(refs))).toEqual(facts(first));
    // The second scan did take the entry: planted data shows.
    expect(plantFactory()).toBe(1);
    expect(factoriesOf(await scan(refs))).toEqual([PLANTED]);
  });

  it('keeps what identifyJar made of the JAR, for the same path and source only', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    const first = await scan([{ path, source: 'pyflink/lib' }]);
    for (const name of readdirSync(cacheFolder)) {
      const entry = JSON.parse(readFileSync(join(cacheFolder, name), 'utf8'));
      expect(entry.identified.value.identity.artifactId).toBe('flink-json');
      entry.identified.value.identity.artifactId = 'planted-artifact';
      writeFileSync(join(cacheFolder, name), JSON.stringify(entry));
    }
    // The kept identification is what the next scan reports: it was used.
    expect((await scan([{ path, source: 'pyflink/lib' }])).jars[0]?.identity?.artifactId).toBe('planted-artifact');
    // Found in another distribution folder, the JAR's kept contents are used but it is identified afresh.
    const other = await scan([{ path, source: '$FLINK_HOME/lib' }]);
    expect(other.jars[0]?.identity).toEqual({ ...first.jars[0]?.identity, source: '$FLINK_HOME/lib' });
  });

  it('reads a JAR again when its size changed, whatever its entry says', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }]);
    plantFactory();
    await distributionJar(path, 4);
    const fact = await scan([{ path, source: 'pyflink/lib' }]);
    expect(factoriesOf(fact)).toEqual([]);
    expect(fact.jars[0]?.packages).toEqual(['org/apache/flink/formats/json']);
  });

  it('reads a JAR again when only its mtime changed', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }]);
    plantFactory();
    utimesSync(path, new Date('2026-01-02T03:04:05Z'), new Date('2026-01-02T03:04:05Z'));
    expect(factoriesOf(await scan([{ path, source: 'pyflink/lib' }]))).toEqual([]);
  });

  it('is not used by another flink-doctor version', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }]);
    plantFactory();
    const other = new JarContentsCache(cacheFolder, { ...NOW, version: '99.0.0' });
    expect(factoriesOf(await scan([{ path, source: 'pyflink/lib' }], other))).toEqual([]);
  });

  it('does not keep a file written moments ago (its timestamps may not have moved yet)', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }], new JarContentsCache(cacheFolder));
    expect(existsSync(cacheFolder)).toBe(false);
  });

  it('ignores a corrupt entry and replaces it', async () => {
    const refs: JarRef[] = [{ path: await distributionJar(join(dir, 'flink-json-2.3.0.jar')), source: 'pyflink/lib' }];
    const first = await scan(refs);
    const [name] = readdirSync(cacheFolder);
    for (const garbage of ['{"key":', 'null', '[]', JSON.stringify({ key: 'x', contents: {} })]) {
      writeFileSync(join(cacheFolder, name as string), garbage);
      expect(facts(await scan(refs))).toEqual(facts(first));
    }
    expect(JSON.parse(readFileSync(join(cacheFolder, name as string), 'utf8')).contents.entryCount).toBe(5);
  });

  it('ignores an entry of the right key whose fields have the wrong types', async () => {
    const refs: JarRef[] = [{ path: await distributionJar(join(dir, 'flink-json-2.3.0.jar')), source: 'pyflink/lib' }];
    const first = await scan(refs);
    const [name] = readdirSync(cacheFolder);
    const file = join(cacheFolder, name as string);
    const entry = JSON.parse(readFileSync(file, 'utf8'));
    for (const [field, value] of [
      ['packages', 'org/x'],
      ['entryCount', -1],
      ['texts', { [FACTORY]: 7 }],
      ['truncated', 'no'],
      ['classMajor', 52.5],
    ] as const) {
      writeFileSync(file, JSON.stringify({ ...entry, contents: { ...entry.contents, [field]: value } }));
      expect(facts(await scan(refs))).toEqual(facts(first));
    }
  });

  it('works without a usable cache folder: a file where the folder should be', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const refs: JarRef[] = [{ path: await distributionJar(join(dir, 'flink-json-2.3.0.jar')), source: 'pyflink/lib' }];
    const plain = await scanJars(refs, knowledge);
    expect(facts(await scan(refs, new JarContentsCache(join(blocker, 'jars'), NOW)))).toEqual(facts(plain));
  });

  it.runIf(process.getuid?.() === 0)('does not trust an entry another user owns (runs as root: chown needs it)', async () => {
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }]);
    plantFactory();
    for (const name of readdirSync(cacheFolder)) chownSync(join(cacheFolder, name), 4321, 4321);
    expect(factoriesOf(await scan([{ path, source: 'pyflink/lib' }]))).toEqual([]);
  });

  it("keeps the distribution's JARs and big ones, not a user's small JARs (their writes would cost a first run more than they save)", async () => {
    const own = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    const small = await distributionJar(join(dir, 'small.jar'));
    const big = await distributionJar(join(dir, 'big.jar'), 1_000);
    await scan([
      { path: own, source: 'pyflink/lib' },
      { path: small, source: '--jars' },
      { path: big, source: '--jars' },
    ]);
    const kept = readdirSync(cacheFolder).map((name) => JSON.parse(readFileSync(join(cacheFolder, name), 'utf8')).key.split('\0')[2]);
    expect(kept.sort()).toEqual([big, own].sort());
  });

  it('reads class names from the JARs when a user JAR is there to compare them with', async () => {
    const own = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
    const thin = await thinKafkaJar(join(dir, 'flink-connector-kafka-3.3.0-1.20.jar'));
    const refs: JarRef[] = [
      { path: own, source: '--jars' },
      { path: thin, source: '--jars' },
    ];
    const everyJar = () => new JarContentsCache(cacheFolder, { ...NOW, minEntries: 0 });
    const first = await scan(refs, everyJar());
    expect(readdirSync(cacheFolder)).toHaveLength(2);
    expect(first.overlaps).toHaveLength(1);
    expect(facts(await scan(refs, everyJar()))).toEqual(facts(first));
  });

  it('keeps the folder within its bound, the least recently written going first', async () => {
    await mkdir(cacheFolder, { recursive: true });
    for (let i = 0; i < 6; i += 1) {
      writeFileSync(join(cacheFolder, `old-${i}.json`), '{}');
      utimesSync(join(cacheFolder, `old-${i}.json`), 1_000_000 + i, 1_000_000 + i);
    }
    const path = await distributionJar(join(dir, 'flink-json-2.3.0.jar'));
    await scan([{ path, source: 'pyflink/lib' }], new JarContentsCache(cacheFolder, { ...NOW, maxFiles: 5 }));
    const left = readdirSync(cacheFolder).sort();
    expect(left).toHaveLength(4);
    expect(left.filter((name) => name.startsWith('old-'))).toEqual(['old-3.json', 'old-4.json', 'old-5.json']);
  });
});
