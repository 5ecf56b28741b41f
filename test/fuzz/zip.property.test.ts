// Properties of the JAR reader (yauzl for the central directory, flink-doctor's bounded entry reads): for any
// bytes, for a real JAR with bytes flipped, cut short or overwritten with huge values, and for zips whose headers
// lie (sizes, zip64 offsets): the contents within their caps, or a JarReadError in words. Never another error,
// never a hang, never more CPU than a second per file.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { identifyJar } from '../../src/jars/identify.js';
import { DEFAULT_LIMITS, JarReadError, readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { identifiedKafkaEntries } from '../helpers/hostile-inputs.js';
import { tempDir } from '../helpers/tmp.js';
import { writeZip, type ZipEntry } from '../helpers/zip.js';
import { checkAsync, PROPERTY_TIMEOUT_MS, RUNS } from './property.js';

const knowledge = loadMatrix().connectors();
let dir: string;
let valid: Buffer;
let counter = 0;

beforeAll(async () => {
  dir = await tempDir('fuzz-zip-');
  const path = await writeZip(join(dir, 'valid.jar'), identifiedKafkaEntries('3.3.0-1.20'));
  valid = await readFile(path);
});

/** Reads `bytes` as a JAR the way the scan does; any outcome but contents or a JarReadError fails the property. */
async function readBytes(bytes: Uint8Array): Promise<void> {
  const path = join(dir, `case-${counter++ % 16}.jar`);
  writeFileSync(path, bytes);
  try {
    const contents = await readJar(path);
    expect(contents.classes.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxEntries);
    for (const text of Object.values(contents.texts)) expect(text.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxTextBytes);
    identifyJar(path, '--jars', contents, knowledge);
  } catch (error) {
    if (!(error instanceof JarReadError)) throw error;
    expect(error.message).not.toMatch(/is not a function|Maximum call stack|ERR_[A-Z_]+\)/);
  }
}

/** A u32 or u64 worth writing into a header: small, around the file's size, the zip64 marker, huge. */
const field = fc.oneof(fc.nat({ max: 400 }), fc.constantFrom(0xffff, 0xfffffffe, 0xffffffff), fc.nat());

describe('readJar', () => {
  it(
    'any bytes: contents or a JarReadError',
    async () => {
      await checkAsync(fc.uint8Array({ maxLength: 2048 }), readBytes);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a real JAR with bytes flipped, cut short, or a header field overwritten',
    async () => {
      const mutation = fc.oneof(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Buffer) => {
          for (const [at, value] of flips) if (b.length > 0) b[at % b.length] = value;
          return b;
        }),
        fc.nat().map((cut) => (b: Buffer) => b.subarray(0, b.length > 0 ? cut % b.length : 0)),
        fc.tuple(fc.nat(), field).map(([at, value]) => (b: Buffer) => {
          if (b.length >= 4) b.writeUInt32LE(value >>> 0, Math.min(at % b.length, b.length - 4));
          return b;
        }),
      );
      await checkAsync(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        let bytes: Buffer = Buffer.from(valid);
        for (const mutate of mutations) bytes = mutate(bytes);
        await readBytes(bytes);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'zips whose headers lie about sizes and offsets',
    async () => {
      const entry: fc.Arbitrary<ZipEntry> = fc.record(
        {
          name: fc.constantFrom(
            'META-INF/MANIFEST.MF',
            'META-INF/NOTICE',
            'META-INF/maven/g/a/pom.properties',
            'META-INF/services/org.apache.flink.table.factories.Factory',
            'a/B.class',
            'c/D.class',
            '../evil',
            '',
          ),
          data: fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 })),
          store: fc.boolean(),
          declaredSize: fc.option(field, { nil: undefined }),
          declaredCompressedSize: fc.option(field, { nil: undefined }),
          zip64Offset: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constant(2n ** 62n)), { nil: undefined }),
        },
        { requiredKeys: ['name', 'data'] },
      );
      await checkAsync(
        fc.array(entry, { maxLength: 6 }),
        async (entries) => {
          const path = await writeZip(join(dir, `lying-${counter++ % 16}.jar`), entries);
          await readBytes(await readFile(path));
        },
        undefined,
        Math.max(100, Math.floor(RUNS / 2)),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
