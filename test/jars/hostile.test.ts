// Corrupt, truncated, empty, non-zip, zip-bomb-like and unreadable files never crash the scan: each becomes
// a described finding. Tests run as root, so chmod 000 cannot make a file unreadable here; instead the
// unreadable cases are a directory named *.jar, a FIFO (which would block a naive open forever) and a
// symbolic link that points at itself (ELOOP).
import { execFileSync } from 'node:child_process';
import { readFile, symlink, truncate, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import jarsReadable from '../../checks/jars-readable.js';
import { scanJars } from '../../src/jars/scan.js';
import { readJar } from '../../src/jars/zip-reader.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { compiledClass, fatKafkaJar, jarDir, manifest } from '../helpers/jars.js';
import { runCheck } from '../helpers/run-check.js';
import { writeZip } from '../helpers/zip.js';

let dir: string;
const paths: Record<string, string> = {};
beforeAll(async () => {
  dir = await jarDir('hostile-');
  const good = await fatKafkaJar(join(dir, 'good.jar'));
  const bytes = await readFile(good);
  paths.empty = join(dir, 'empty.jar');
  await writeFile(paths.empty, '');
  paths.html = join(dir, 'html.jar');
  await writeFile(paths.html, '<html><body>404 Not Found</body></html>\n');
  paths.truncated = join(dir, 'truncated.jar');
  await writeFile(paths.truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  paths.corrupt = join(dir, 'corrupt.jar');
  const corrupt = Buffer.from(bytes);
  corrupt.fill(0x41, corrupt.length - 200, corrupt.length - 30); // smash the central directory, keep the end record
  await writeFile(paths.corrupt, corrupt);
  paths.directory = join(dir, 'directory.jar');
  await mkdir(paths.directory);
  paths.fifo = join(dir, 'fifo.jar');
  execFileSync('mkfifo', [paths.fifo]);
  paths.loop = join(dir, 'loop.jar');
  await symlink(paths.loop, paths.loop);
  paths.missing = join(dir, 'missing.jar');
  // Declares 4 GB for its NOTICE: never inflated.
  paths.hugeDeclared = await writeZip(join(dir, 'huge-declared.jar'), [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Version': '1.0' }) },
    { name: 'META-INF/NOTICE', data: Buffer.alloc(1 << 20), declaredSize: 0xfffffff0 },
    { name: 'a/B.class', data: await compiledClass(8) },
  ]);
  // Declares 20 bytes but inflates to 1 MB: yauzl's size check stops it, the JAR is still identified.
  paths.lyingSize = await writeZip(join(dir, 'lying-size.jar'), [
    { name: 'META-INF/MANIFEST.MF', data: Buffer.alloc(1 << 20, 0x41), declaredSize: 20 },
    { name: 'a/B.class', data: await compiledClass(8) },
  ]);
  // 5,000 entries: only the first `maxEntries` are looked at.
  paths.manyEntries = await writeZip(
    join(dir, 'many.jar'),
    Array.from({ length: 5000 }, (_, i) => ({ name: `x/E${i}.class`, data: 'not a class', store: true })),
  );
  // End record claims 65,535 entries; the central directory holds 2.
  const claims = Buffer.from(
    await readFile(
      await writeZip(join(dir, 'claims.tmp'), [
        { name: 'a.txt', data: 'a' },
        { name: 'b.txt', data: 'b' },
      ]),
    ),
  );
  claims.writeUInt16LE(0xffff, claims.length - 22 + 8);
  claims.writeUInt16LE(0xffff, claims.length - 22 + 10);
  paths.claimsMany = join(dir, 'claims-many.jar');
  await writeFile(paths.claimsMany, claims);
  // Central directory says 0xFFFFFFFF ("see the zip64 extra field") for a class entry, with no such field.
  paths.zip64Lie = await writeZip(join(dir, 'zip64-lie.jar'), [
    { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Version': '1.0' }) },
    { name: 'a/B.class', data: await compiledClass(8), declaredSize: 0xffffffff, declaredCompressedSize: 0xffffffff },
  ]);
  paths.zip64SizeLie = await writeZip(join(dir, 'zip64-size-lie.jar'), [{ name: 'META-INF/NOTICE', data: 'x', declaredSize: 0xffffffff }]);
});

describe('readJar on hostile files', () => {
  it.each([
    ['empty', /is empty \(0 bytes\)/],
    ['html', /not a zip\/JAR file/],
    ['truncated', /not a zip|truncated|corrupt/],
    ['corrupt', /corrupt|truncated|not a zip/],
    ['directory', /is a directory/],
    ['fifo', /not a regular file/],
    ['loop', /symbolic link loop/],
    ['missing', /does not exist/],
    ['claimsMany', /corrupt|truncated|not a zip/],
    [
      'zip64Lie',
      /^is corrupt \(central directory entry 'a\/B.class' has the zip64 marker 0xFFFFFFFF as its compressed size and size but no zip64 extra field\)$/,
    ],
    [
      'zip64SizeLie',
      /^is corrupt \(central directory entry 'META-INF\/NOTICE' has the zip64 marker 0xFFFFFFFF as its size but no zip64 extra field\)$/,
    ],
  ])('%s: a described error, no crash', async (name, message) => {
    await expect(readJar(paths[name] as string)).rejects.toThrow(message);
  });

  it('never inflates an entry that declares a huge size', async () => {
    const started = performance.now();
    const contents = await readJar(paths.hugeDeclared as string);
    expect(contents.texts['META-INF/NOTICE']).toBeUndefined();
    expect(contents.notes.join()).toMatch(/declares 4294967280 bytes; skipped/);
    expect(contents.classMajor).toBe(52);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('stops an entry that inflates past its declared size', async () => {
    const contents = await readJar(paths.lyingSize as string);
    expect(contents.texts['META-INF/MANIFEST.MF']).toBeUndefined();
    expect(contents.notes.join()).toMatch(/MANIFEST.MF/);
  });

  it('caps the entries it lists and reports that it did', async () => {
    const contents = await readJar(paths.manyEntries as string, {
      maxEntries: 1000,
      maxTextBytes: 1024,
      classSample: 8,
      maxPomProperties: 4,
      timeoutMs: 5000,
    });
    expect(contents.truncated).toBe(true);
    expect(contents.entryCount).toBe(5000);
    expect(contents.classMajor).toBeUndefined();
    expect(contents.notes.join()).toMatch(/no valid class header/);
  });
});

describe('jars.readable', () => {
  it('is an error naming every unusable file, and the scan goes on', async () => {
    const all = Object.values(paths);
    const result = await runCheck(jarsReadable, { jars: [...all, join(dir, 'good.jar')] });
    expect(result.status).toBe('error');
    // directory.jar given to --jars is a folder of JARs (here: none), so 14 files remain and 10 are unusable.
    expect(result.summary).toBe('10 of 14 JARs cannot be used');
    for (const name of [
      'empty.jar',
      'html.jar',
      'truncated.jar',
      'corrupt.jar',
      'fifo.jar',
      'loop.jar',
      'missing.jar',
      'claims-many.jar',
      'zip64-lie.jar',
      'zip64-size-lie.jar',
    ]) {
      expect(result.details.join('\n')).toContain(name);
    }
    expect(result.locations.map((l) => l.path)).toContain(paths.empty);
  });

  it('is a warning for JARs read with limits (oversized entries)', async () => {
    const result = await runCheck(jarsReadable, { jars: [paths.hugeDeclared as string, paths.lyingSize as string] });
    expect(result.status).toBe('warning');
    expect(result.details.join('\n')).toMatch(/huge-declared.jar: META-INF\/NOTICE declares/);
  });

  it('is ok for good JARs, and a folder given to --jars means its *.jar files', async () => {
    const folder = await jarDir('good-');
    await fatKafkaJar(join(folder, 'a.jar'));
    await fatKafkaJar(join(folder, 'b.jar'), '3.4.0-1.20');
    await writeFile(join(folder, 'README.txt'), 'not a jar');
    const result = await runCheck(jarsReadable, { jars: [folder] });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('2 JARs readable');
  });

  it('reports 0xFFFFFFFF sizes without a zip64 extra field as corrupt, not readable', async () => {
    const result = await runCheck(jarsReadable, { jars: [paths.zip64Lie as string] });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      "zip64-lie.jar is corrupt (central directory entry 'a/B.class' has the zip64 marker 0xFFFFFFFF as its compressed size and size but no zip64 extra field)",
    );
  });

  it('is skipped when there are no JARs', async () => {
    expect((await runCheck(jarsReadable)).status).toBe('skipped');
  });

  it('scans a truncated copy of a 0-length tail without hanging', async () => {
    const copy = join(dir, 'cut.jar');
    await writeFile(copy, await readFile(join(dir, 'good.jar')));
    await truncate(copy, 22);
    const fact = await scanJars([{ path: copy, source: '--jars' }], loadMatrix().connectors());
    expect(fact.jars[0]?.error).toMatch(/not a zip|truncated|corrupt/);
  });
});
