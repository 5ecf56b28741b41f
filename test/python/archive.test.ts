// Environment archives built here from real venvs (python -m venv, with its bin/python symlink to the build
// machine's interpreter, and --copies, whose bin/python is a real file), zipped and tarred the way users do.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveReadError, readArchive } from '../../src/python/archive.js';
import {
  environmentFacts,
  environmentReadOptions,
  environmentsIn,
  inspectInterpreter,
  outwardLinks,
  wantedText,
} from '../../src/python/venv-archive.js';
import { tarGzFolder, writeTar, zipFolder, type TarEntry } from '../helpers/archives.js';
import { makeVenv } from '../helpers/python-env.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

async function venvArchive(kind: 'zip' | 'tar.gz', copies: boolean): Promise<string> {
  const venv = await makeVenv('3.11.7', { copies, name: 'venv' });
  await writeFileDeep(
    join(venv.sitePackages, 'apache_flink-1.20.1.dist-info', 'METADATA'),
    'Metadata-Version: 2.1\nName: apache-flink\nVersion: 1.20.1\n',
  );
  const out = join(await tempDir('archive-'), kind === 'zip' ? 'venv.zip' : 'venv.tar.gz');
  return kind === 'zip' ? zipFolder(venv.dir, out) : tarGzFolder(venv.dir, out);
}

for (const kind of ['zip', 'tar.gz'] as const) {
  describe(`a ${kind} of a venv`, () => {
    it('made by python -m venv: bin/python leaves the archive', async () => {
      const listing = await readArchive(await venvArchive(kind, false), { wanted: wantedText });
      const interpreter = inspectInterpreter(listing, 'venv/bin/python');
      expect(interpreter.resolution.kind).toBe('outside');
      expect(interpreter).toMatchObject({ root: 'venv', pythonMinor: '3.11', minorFrom: 'pyvenv.cfg', flinkVersion: '1.20.1' });
      expect(outwardLinks(listing).map((l) => l.name)).toContain('venv/bin/python');
    });

    it('made with --copies: bin/python is inside, nothing points out', async () => {
      const listing = await readArchive(await venvArchive(kind, true), { wanted: wantedText });
      const interpreter = inspectInterpreter(listing, 'venv/bin/python');
      expect(interpreter.resolution).toEqual({ kind: 'file', path: 'venv/bin/python' });
      expect(outwardLinks(listing)).toEqual([]);
      expect(environmentsIn(listing)).toEqual(['venv']);
      expect(inspectInterpreter(listing, 'venv/bin/python4').resolution).toEqual({ kind: 'missing' });
    });
  });
}

describe('archive edge cases', () => {
  it('follows links inside the archive and reads the minor from the layout when there is no pyvenv.cfg', async () => {
    const dir = join(await tempDir('conda-'), 'env');
    await writeFileDeep(join(dir, 'bin', 'python3.10'), '#!/bin/false\n');
    await symlink('python3.10', join(dir, 'bin', 'python'));
    await mkdir(join(dir, 'lib', 'python3.10', 'site-packages'), { recursive: true });
    await symlink('../../../../etc/passwd', join(dir, 'lib', 'escape'));
    const listing = await readArchive(await tarGzFolder(dir, join(dir, '..', 'env.tgz')), { wanted: wantedText });
    const interpreter = inspectInterpreter(listing, 'env/bin/python');
    expect(interpreter).toMatchObject({
      resolution: { kind: 'file', path: 'env/bin/python3.10' },
      pythonMinor: '3.10',
      minorFrom: 'lib/pythonX.Y',
    });
    expect(outwardLinks(listing)).toEqual([{ name: 'env/lib/escape', target: '../../../../etc/passwd' }]);
  });

  it('a file that is no archive is one clear line', async () => {
    const dir = await tempDir('bad-');
    const fake = await writeFileDeep(join(dir, 'venv.tar.gz'), 'not gzip at all');
    await expect(readArchive(fake, { wanted: wantedText })).rejects.toThrow(ArchiveReadError);
    await expect(readArchive(join(dir, 'missing.zip'), { wanted: wantedText })).rejects.toThrow('does not exist');
    await expect(readArchive(join(dir, 'x.rar'), { wanted: wantedText })).rejects.toThrow('is not a .zip, .tar, .tar.gz or .tgz archive');
    await expect(readArchive(await writeFileDeep(join(dir, 'v.zip'), 'PK nonsense'), { wanted: wantedText })).rejects.toThrow(
      /^is not a readable zip \(no central directory/,
    );
  });

  it('caps entries of a tar stream, and says so', async () => {
    const dir = join(await tempDir('many-'), 'many');
    for (let i = 0; i < 50; i++) await writeFileDeep(join(dir, `f${i}`), 'x');
    const listing = await readArchive(await tarGzFolder(dir, join(dir, '..', 'many.tar.gz')), {
      wanted: wantedText,
      limits: { maxEntries: 10 },
    });
    expect(listing).toMatchObject({ truncated: true, cap: "listed up to flink-doctor's cap of 10 entries" });
    expect(listing.entries).toHaveLength(10);
  });

  it('counts the bytes gunzip puts out: a gzip bomb of zeros stops at the cap', async () => {
    const bomb = await writeTar(join(await tempDir('bomb-'), 'env.tar.gz'), [{ name: 'env/zeros', size: 64 * 1024 * 1024 }]);
    const listing = await readArchive(bomb, { limits: { maxStreamBytes: 4 * 1024 * 1024 } });
    expect(listing).toMatchObject({ truncated: true, cap: "read up to flink-doctor's cap of 4 MiB uncompressed" });
    // Zeros after the end of an archive are two end blocks and then more zeros: never read past the cap either.
    const tail = await writeTar(join(await tempDir('bomb-'), 'tail.tar.gz'), [{ name: 'env/a', data: 'x' }]);
    expect((await readArchive(tail)).entries.map((e) => e.name)).toEqual(['env/a']);
  });

  it('a zip goes through the bounded zip reader: a lying offset is a one-line error, entries are capped', async () => {
    const dir = await tempDir('zips-');
    const lying = await writeZip(join(dir, 'env.zip'), [{ name: 'env/pyvenv.cfg', data: 'version = 3.11.7\n', zip64Offset: 2n ** 62n }]);
    await expect(readArchive(lying)).rejects.toThrow(/^is corrupt \(central directory entry 'env\/pyvenv\.cfg' points at offset/);
    const many = await writeZip(
      join(dir, 'many.zip'),
      Array.from({ length: 30 }, (_, i) => ({ name: `env/f${i}`, data: 'x' })),
    );
    expect(await readArchive(many, { limits: { maxEntries: 10 } })).toMatchObject({
      truncated: true,
      cap: "listed up to flink-doctor's cap of 10 entries",
    });
  });

  it('stops once the checks have what they need: the interpreter, pyvenv.cfg, apache-flink and a link out', async () => {
    const entries: TarEntry[] = [
      { name: 'venv/pyvenv.cfg', data: 'home = /usr/bin\nversion = 3.11.7\n' },
      { name: 'venv/bin/python', type: 'SymbolicLink', linkpath: '/usr/bin/python3.11' },
      { name: 'venv/lib/python3.11/site-packages/apache_flink-1.20.1.dist-info/METADATA', data: 'Name: apache-flink\n' },
      { name: 'venv/lib/python3.11/site-packages/data', type: 'SymbolicLink', linkpath: '/srv/data' },
      ...Array.from({ length: 1_000 }, (_, i) => ({ name: `venv/lib/python3.11/site-packages/pkg/m${i}.py`, data: 'x = 1\n' })),
    ];
    const path = await writeTar(join(await tempDir('early-'), 'venv.tar.gz'), entries);
    const listing = await readArchive(path, environmentReadOptions('venv/bin/python'));
    expect(listing).toMatchObject({ truncated: true, enough: true });
    expect(listing.entries).toHaveLength(4);
    expect(environmentFacts(listing, 'venv/bin/python')).toMatchObject({
      interpreter: {
        resolution: { kind: 'outside', link: 'venv/bin/python', target: '/usr/bin/python3.11' },
        pythonMinor: '3.11',
        flinkVersion: '1.20.1',
      },
      outwardLinks: [{ name: 'venv/bin/python' }, { name: 'venv/lib/python3.11/site-packages/data' }],
    });
    // Without the link out, nothing fixes python.archives' verdict before the end: the whole listing is read.
    const healthy = await writeTar(
      join(await tempDir('early-'), 'ok.tar.gz'),
      entries.filter((e) => !e.name.endsWith('/data')),
    );
    expect(await readArchive(healthy, environmentReadOptions('venv/bin/python'))).toMatchObject({
      truncated: false,
      entries: { length: 1_003 },
    });
  });
});
