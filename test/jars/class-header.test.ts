// The class header sample inflates only a prefix of each class's compressed data (zip-reader.ts classHeader): 160
// bytes, then 512 when those gave fewer than the 8 header bytes. A deflate stream may open with empty stored blocks
// (5 bytes each: what a writer that sync-flushes before the first byte leaves, and what java.util.zip reads as
// nothing); 40 of them put the header past the first 160 bytes.
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJar } from '../../src/jars/zip-reader.js';
import { compiledClass, jarDir } from '../helpers/jars.js';
import { writeZip } from '../helpers/zip.js';

const EMPTY_STORED_BLOCK = [0, 0, 0, 0xff, 0xff]; // BFINAL 0, BTYPE 00, LEN 0, NLEN 0xFFFF

describe('class header sample', () => {
  it('reads a header that starts past the first 160 compressed bytes, and none past 512', async () => {
    const dir = await jarDir('class-header-');
    const [java11, java17] = await Promise.all([compiledClass(11), compiledClass(17)]);
    const late = (blocks: number, data: Buffer) =>
      Buffer.concat([Buffer.from(Array(blocks).fill(EMPTY_STORED_BLOCK).flat()), deflateRawSync(data)]);
    const path = join(dir, 'udfs-1.0.jar');
    await writeZip(path, [
      { name: 'com/example/A.class', data: java11 },
      { name: 'com/example/B.class', data: java17, deflated: late(40, java17) },
      { name: 'com/example/C.class', data: java11, deflated: late(110, java11) },
    ]);
    const contents = await readJar(path);
    expect(contents.classMajor).toBe(61);
    expect(contents.notes).toEqual(['1 of 3 sampled class files have no valid class header']);
  });
});
