// Properties of the python.archives reader (src/python/archive.ts: node-tar's parser over a bounded gunzip for
// tar and tar.gz, the bounded zip reader for zip), then what the checks read from a listing
// (src/python/venv-archive.ts). For any bytes under a .tar, .tar.gz or .zip name, for a real archive with bytes
// flipped or cut short, and for tars of generated entries (links out, "../" names, lying sizes): a listing within its
// caps, or an ArchiveReadError in words. Never another error, never a hang, never more CPU than a second per file.
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveReadError, DEFAULT_ARCHIVE_LIMITS, readArchive } from '../../src/python/archive.js';
import { checksHaveEnough, environmentFacts, environmentReadOptions } from '../../src/python/venv-archive.js';
import { writeTar, type TarEntry } from '../helpers/archives.js';
import { tempDir } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';
import { checkAsync, PROPERTY_TIMEOUT_MS, RUNS } from './property.js';

const SUFFIXES = ['.tar', '.tar.gz', '.zip'] as const;
type Suffix = (typeof SUFFIXES)[number];

let dir: string;
const valid: Partial<Record<Suffix, Buffer>> = {};
let counter = 0;

// A venv's shape as `python -m venv` lays it out and users ship it: pyvenv.cfg, bin/python a link to the system one,
// apache-flink's dist-info in site-packages.
const VENV: TarEntry[] = [
  { name: 'venv/', type: 'Directory' },
  { name: 'venv/pyvenv.cfg', data: 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n' },
  { name: 'venv/bin/python', type: 'SymbolicLink', linkpath: '/usr/bin/python3.11' },
  { name: 'venv/bin/python3', type: 'SymbolicLink', linkpath: 'python' },
  {
    name: 'venv/lib/python3.11/site-packages/apache_flink-1.20.1.dist-info/METADATA',
    data: 'Metadata-Version: 2.1\nName: apache-flink\nVersion: 1.20.1\n',
  },
  { name: 'venv/lib/python3.11/site-packages/pyflink/__init__.py', data: '' },
];

beforeAll(async () => {
  dir = await tempDir('fuzz-archive-');
  valid['.tar'] = await readFile(await writeTar(join(dir, 'valid.tar'), VENV));
  valid['.tar.gz'] = await readFile(await writeTar(join(dir, 'valid.tar.gz'), VENV));
  const zipEntries = VENV.map((e) =>
    e.type === 'SymbolicLink'
      ? { name: e.name, data: e.linkpath ?? '', unixMode: 0o120777, store: true }
      : { name: e.name, data: e.data ?? '', unixMode: e.type === 'Directory' ? 0o040755 : 0o100644 },
  );
  valid['.zip'] = await readFile(await writeZip(join(dir, 'valid.zip'), zipEntries));
});

/** Lists `path` the way the shipping probe does; any outcome but a bounded listing or an ArchiveReadError fails. */
async function listAs(path: string): Promise<void> {
  const inside = 'venv.tar.gz/venv/bin/python';
  const options = { ...environmentReadOptions(inside), enough: checksHaveEnough(inside) };
  try {
    const listing = await readArchive(path, options);
    expect(listing.entries.length).toBeLessThanOrEqual(DEFAULT_ARCHIVE_LIMITS.maxEntries);
    for (const text of Object.values(listing.texts)) expect(text.length).toBeLessThanOrEqual(DEFAULT_ARCHIVE_LIMITS.maxTextBytes);
    // What python.archives and python.worker read of it: pure functions of the listing, never a throw.
    environmentFacts(listing, inside);
  } catch (error) {
    if (!(error instanceof ArchiveReadError)) throw error;
    expect(error.message).not.toMatch(/is not a function|Maximum call stack|ERR_[A-Z_]+\)|undefined/);
  }
}

async function listBytes(bytes: Uint8Array, suffix: Suffix): Promise<void> {
  const path = join(dir, `case-${counter++ % 16}${suffix}`);
  writeFileSync(path, bytes);
  await listAs(path);
}

describe('readArchive', () => {
  it(
    'any bytes named .tar, .tar.gz or .zip: a listing or an ArchiveReadError',
    async () => {
      await checkAsync(fc.tuple(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom(...SUFFIXES)), ([bytes, suffix]) =>
        listBytes(bytes, suffix),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a real venv archive with bytes flipped, a header field overwritten or cut short',
    async () => {
      const mutation = fc.oneof(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => (b: Buffer) => {
          for (const [at, value] of flips) if (b.length > 0) b[at % b.length] = value;
          return b;
        }),
        // Tar headers hold sizes as octal text: an overwritten run of digits is a size that lies.
        fc.tuple(fc.nat(), fc.stringMatching(/^[0-7 \u0000]{1,12}$/)).map(([at, digits]) => (b: Buffer) => {
          if (b.length > digits.length) b.write(digits, at % (b.length - digits.length), 'latin1');
          return b;
        }),
        fc.nat().map((cut) => (b: Buffer) => b.subarray(0, b.length > 0 ? cut % b.length : 0)),
      );
      const cases = fc.tuple(fc.constantFrom(...SUFFIXES), fc.array(mutation, { minLength: 1, maxLength: 3 }));
      await checkAsync(cases, async ([suffix, mutations]) => {
        let bytes: Buffer = Buffer.from(valid[suffix] ?? Buffer.alloc(0));
        for (const mutate of mutations) bytes = mutate(bytes);
        await listBytes(bytes, suffix);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'tars of generated entries: links in and out, "../" and absolute names, long names, sizes past the data',
    async () => {
      const name = fc.oneof(
        fc.constantFrom(
          'venv/bin/python',
          'venv/pyvenv.cfg',
          'venv/lib/python3.11/site-packages/apache_flink-2.2.1.dist-info/METADATA',
          '../evil',
          '/etc/passwd',
          './venv/x',
          'venv//y/',
        ),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 300 }),
      );
      const entry: fc.Arbitrary<TarEntry> = fc.oneof(
        fc.record({ name, data: fc.string({ maxLength: 300 }) }),
        fc.record({
          name,
          type: fc.constant('SymbolicLink' as const),
          linkpath: fc.oneof(fc.constantFrom('/usr/bin/python3', '../../outside', 'python', ''), fc.string({ maxLength: 120 })),
        }),
        fc.record({ name, type: fc.constant('Directory' as const) }),
      );
      await checkAsync(
        fc.tuple(fc.array(entry, { maxLength: 12 }), fc.constantFrom('.tar', '.tar.gz')),
        async ([entries, suffix]) => {
          const path = join(dir, `generated-${counter++ % 16}${suffix}`);
          await writeTar(path, entries);
          await listAs(path);
        },
        undefined,
        Math.max(100, Math.floor(RUNS / 2)),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
