// readJar reads the same contents every time although the block buffers of a closed file are reused by the next
// (zip-reader.ts BlockCache): one JAR of real javac output and small texts, read in turn with another one.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJar, type JarContents } from '../../src/jars/zip-reader.js';
import { compiledClass, jarDir, manifest } from '../helpers/jars.js';
import { writeZip } from '../helpers/zip.js';

describe('readJar with block buffers reused from file to file', () => {
  it('gives the same contents on every read', async () => {
    const dir = await jarDir('inflate-switch-');
    const [java11, java17] = await Promise.all([compiledClass(11), compiledClass(17)]);
    const path = join(dir, 'udfs-1.0.jar');
    await writeZip(path, [
      { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Title': 'udfs', 'Implementation-Version': '1.0' }) },
      { name: 'META-INF/maven/com.example/udfs/pom.properties', data: 'groupId=com.example\nartifactId=udfs\nversion=1.0\n' },
      { name: 'META-INF/services/java.sql.Driver', data: '# the driver\ncom.example.Driver\n' },
      ...Array.from({ length: 30 }, (_, i) => ({ name: `com/example/udf/F${i}.class`, data: i === 29 ? java17 : java11 })),
    ]);
    const other = join(dir, 'other-2.0.jar');
    await writeZip(other, [
      { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Implementation-Title': 'other', 'Implementation-Version': '2.0' }) },
      ...Array.from({ length: 40 }, (_, i) => ({ name: `org/other/G${i}.class`, data: java17 })),
    ]);
    const reads: JarContents[] = [];
    for (let i = 0; i < 20; i += 1) {
      reads.push(await readJar(path));
      expect((await readJar(other)).classMajor).toBe(61);
    }
    const first = reads[0] as JarContents;
    expect(first.classMajor).toBe(61);
    expect(first.notes).toEqual([]);
    expect(first.texts['META-INF/services/java.sql.Driver']).toBe('# the driver\ncom.example.Driver\n');
    for (const read of reads) expect(read).toEqual(first);
  });
});
