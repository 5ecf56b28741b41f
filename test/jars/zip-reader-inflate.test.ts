// readJar reads what it read before whichever decoder inflates the entries: zlib for a process's first 2,000
// inflates, inflateHead after (zip-reader.ts: the JavaScript decoder pays only once the JIT has compiled it). One JAR
// of real javac output (and small texts, each a stream of its own) read 120 times crosses that line.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJar, type JarContents } from '../../src/jars/zip-reader.js';
import { compiledClass, jarDir, manifest } from '../helpers/jars.js';
import { writeZip } from '../helpers/zip.js';

describe('readJar across the switch from zlib to inflateHead', () => {
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
    const reads: JarContents[] = [];
    for (let i = 0; i < 120; i += 1) reads.push(await readJar(path)); // 120 x 27 inflates: past the first 2,000
    const first = reads[0] as JarContents;
    expect(first.classMajor).toBe(61);
    expect(first.notes).toEqual([]);
    expect(first.texts['META-INF/services/java.sql.Driver']).toBe('# the driver\ncom.example.Driver\n');
    for (const read of reads) expect(read).toEqual(first);
  });
});
