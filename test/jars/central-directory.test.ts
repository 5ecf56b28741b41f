// The central-directory walk against two other zip writers: Python's zipfile (zip64 end records past 65,535
// entries, a directory far larger than the walk's 256 KiB window) and the JDK's `jar` tool. Every class name,
// package and count must come out as the writer put it in; a directory cut short is a described error.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJar } from '../../src/jars/zip-reader.js';
import { cachedFixture } from '../helpers/fixture-cache.js';
import { jdk17 } from '../helpers/java.js';
import { pyenvPython } from '../helpers/python-env.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('central-directory-');
});

/** What zipfile itself lists: class entries outside META-INF (not module-info), and their packages. */
function listedByPython(path: string): { classes: string[]; packages: string[]; entries: number } {
  const script = [
    'import json, sys, zipfile',
    'names = zipfile.ZipFile(sys.argv[1]).namelist()',
    "classes = [n for n in names if n.endswith('.class') and not n.startswith('META-INF/') and not n.endswith('module-info.class')]",
    "packages = sorted({n[:n.rindex('/')] for n in classes if n.rfind('/') > 0})",
    "print(json.dumps({'classes': classes, 'packages': packages, 'entries': len(names)}))",
  ].join('\n');
  // pyenv's interpreter itself: its python3 shim starts a dozen programs.
  const python = pyenvPython('3.11.7');
  return JSON.parse(execFileSync(python, ['-c', script, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

describe('the central directory walk', () => {
  it('reads a zip64 archive written by Python zipfile: 70,000 entries with long names, all of them as written', async () => {
    const script = [
      'import sys, zipfile',
      "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:",
      "    z.writestr('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\\r\\nImplementation-Version: 7.1\\r\\n\\r\\n')",
      "    z.writestr('module-info.class', b'\\xca\\xfe\\xba\\xbe\\x00\\x00\\x00\\x45')",
      "    z.writestr('META-INF/versions/21/org/example/Late.class', b'\\xca\\xfe\\xba\\xbe\\x00\\x00\\x00\\x41')",
      '    for i in range(70000):',
      "        z.writestr('org/example/p%d/%s/Class%d.class' % (i // 700, 'deep/' * 30, i), b'\\xca\\xfe\\xba\\xbe\\x00\\x00\\x00\\x37')",
    ].join('\n');
    // Written and listed by Python once per machine (test/helpers/fixture-cache.ts): 2 s of CPU in every run before.
    const fixture = await cachedFixture('zip64-by-python', [script, listedByPython.toString()], async (into) => {
      execFileSync(pyenvPython('3.11.7'), ['-c', script, join(into, 'zip64.jar')]);
      await writeFile(join(into, 'listing.json'), JSON.stringify(listedByPython(join(into, 'zip64.jar'))));
    });
    const contents = await readJar(join(fixture, 'zip64.jar'));
    const expected = JSON.parse(await readFile(join(fixture, 'listing.json'), 'utf8')) as ReturnType<typeof listedByPython>;
    expect(contents.entryCount).toBe(expected.entries);
    expect(contents.classes).toEqual(expected.classes);
    expect(contents.classCount).toBe(70_000);
    expect(contents.packages).toEqual(expected.packages);
    expect(contents.texts['META-INF/MANIFEST.MF']).toMatch(/Implementation-Version: 7.1/);
    expect(contents.classMajor).toBe(55);
  });

  it('reads a JAR built by the JDK jar tool (deflated, with directory entries and a generated MANIFEST)', async () => {
    const names = ['a/b/One', 'a/b/Two', 'a/c/Three', 'Top', 'META-INF/versions/11/a/b/One'];
    // Built by JDK 17's jar tool and listed by Python once per machine and JDK release (test/helpers/fixture-cache.ts):
    // a JVM and a Python started in every run before.
    const jdkRelease = readFileSync(join(jdk17(), 'release'), 'utf8');
    const fixture = await cachedFixture('jar-by-jdk-tool', [names, jdkRelease, listedByPython.toString()], async (into) => {
      const tree = join(into, 'tree');
      for (const name of names) {
        await writeFileDeep(join(tree, `${name}.class`), Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52, ...Buffer.alloc(200, 1)]));
      }
      execFileSync(join(jdk17(), 'bin', 'jar'), ['--create', '--file', join(into, 'tool.jar'), '-C', tree, '.']);
      await writeFile(join(into, 'listing.json'), JSON.stringify(listedByPython(join(into, 'tool.jar'))));
    });
    const contents = await readJar(join(fixture, 'tool.jar'));
    const expected = JSON.parse(await readFile(join(fixture, 'listing.json'), 'utf8')) as ReturnType<typeof listedByPython>;
    expect(contents.classes).toEqual(expected.classes);
    expect(contents.classes).toContain('a/c/Three.class');
    expect(contents.packages).toEqual(['a/b', 'a/c']);
    expect(contents.entryCount).toBe(expected.entries);
    expect(contents.texts['META-INF/MANIFEST.MF']).toMatch(/Manifest-Version/);
  });

  it('decodes no class name unless asked, and counts and packages stay the same', async () => {
    const path = await writeZip(join(dir, 'small.jar'), [
      { name: 'x/y/A.class', data: 'a' },
      { name: 'x/y/B.class', data: 'b' },
      { name: 'x/z/C.class', data: 'c' },
    ]);
    const all = await readJar(path);
    const lean = await readJar(path, undefined, { classNames: false });
    expect(all.classes).toEqual(['x/y/A.class', 'x/y/B.class', 'x/z/C.class']);
    expect(lean.classes).toEqual([]);
    expect(lean.classCount).toBe(3);
    expect(lean.packages).toEqual(all.packages);
  });

  it('a central directory cut short (its end record points too close to the end) is described as truncated', async () => {
    const bytes = await readFile(
      await writeZip(join(dir, 'whole.jar'), [
        { name: 'x/A.class', data: 'a' },
        { name: 'x/B.class', data: 'b' },
      ]),
    );
    // The end record (the last 22 bytes) now says the directory starts 10 bytes before it.
    bytes.writeUInt32LE(bytes.length - 22 - 10, bytes.length - 22 + 16);
    const path = join(dir, 'cut.jar');
    await writeFile(path, bytes);
    await expect(readJar(path)).rejects.toThrow(/^is truncated \(central directory entry 1 of 2 is cut off\)$/);
  });
});
