// Environment archives built here from real venvs (python -m venv, with its bin/python symlink to the build
// machine's interpreter, and --copies, whose bin/python is a real file), zipped and tarred the way users do.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveReadError, readArchive } from '../../src/python/archive.js';
import { environmentsIn, inspectInterpreter, outwardLinks, wantedText } from '../../src/python/venv-archive.js';
import { tarGzFolder, zipFolder } from '../helpers/archives.js';
import { makeVenv } from '../helpers/python-env.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

async function venvArchive(kind: 'zip' | 'tar.gz', copies: boolean): Promise<string> {
  const venv = await makeVenv('3.11.7', { copies, name: 'venv' });
  await writeFileDeep(join(venv.sitePackages, 'apache_flink-1.20.1.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: apache-flink\nVersion: 1.20.1\n');
  const out = join(await tempDir('archive-'), kind === 'zip' ? 'venv.zip' : 'venv.tar.gz');
  return kind === 'zip' ? zipFolder(venv.dir, out) : tarGzFolder(venv.dir, out);
}

for (const kind of ['zip', 'tar.gz'] as const) {
  describe(`a ${kind} of a venv`, () => {
    it('made by python -m venv: bin/python leaves the archive', async () => {
      const listing = await readArchive(await venvArchive(kind, false), wantedText);
      const interpreter = inspectInterpreter(listing, 'venv/bin/python');
      expect(interpreter.resolution.kind).toBe('outside');
      expect(interpreter).toMatchObject({ root: 'venv', pythonMinor: '3.11', minorFrom: 'pyvenv.cfg', flinkVersion: '1.20.1' });
      expect(outwardLinks(listing).map((l) => l.name)).toContain('venv/bin/python');
    });

    it('made with --copies: bin/python is inside, nothing points out', async () => {
      const listing = await readArchive(await venvArchive(kind, true), wantedText);
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
    const listing = await readArchive(await tarGzFolder(dir, join(dir, '..', 'env.tgz')), wantedText);
    const interpreter = inspectInterpreter(listing, 'env/bin/python');
    expect(interpreter).toMatchObject({ resolution: { kind: 'file', path: 'env/bin/python3.10' }, pythonMinor: '3.10', minorFrom: 'lib/pythonX.Y' });
    expect(outwardLinks(listing)).toEqual([{ name: 'env/lib/escape', target: '../../../../etc/passwd' }]);
  });

  it('a file that is no archive is one clear line', async () => {
    const dir = await tempDir('bad-');
    const fake = await writeFileDeep(join(dir, 'venv.tar.gz'), 'not gzip at all');
    await expect(readArchive(fake, wantedText)).rejects.toThrow(ArchiveReadError);
    await expect(readArchive(join(dir, 'missing.zip'), wantedText)).rejects.toThrow('does not exist');
    await expect(readArchive(join(dir, 'x.rar'), wantedText)).rejects.toThrow('is not a .zip, .tar, .tar.gz or .tgz archive');
    await expect(readArchive(await writeFileDeep(join(dir, 'v.zip'), 'PK nonsense'), wantedText)).rejects.toThrow(/^is not a readable zip/);
  });

  it('caps entries of a tar stream', async () => {
    const dir = join(await tempDir('many-'), 'many');
    for (let i = 0; i < 50; i++) await writeFileDeep(join(dir, `f${i}`), 'x');
    const listing = await readArchive(await tarGzFolder(dir, join(dir, '..', 'many.tar.gz')), wantedText, { maxEntries: 10, maxStreamBytes: 1 << 30, maxTextBytes: 1024 });
    expect(listing.truncated).toBe(true);
    expect(listing.entries).toHaveLength(10);
  });
});
