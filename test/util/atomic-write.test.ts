// writeAtomically and writeAtomicallySync (src/util/atomic-write.ts): the caches' one way to write a file. A reader
// sees the old file or the new one, never half of one; a failed write leaves no temporary file behind.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomically, writeAtomicallySync } from '../../src/util/atomic-write.js';
import { tempDir } from '../helpers/tmp.js';

describe('writeAtomically', () => {
  it('writes a new file and replaces an old one, with the mode asked for', async () => {
    const dir = await tempDir('atomic-');
    const target = join(dir, 'entry.json');
    await writeAtomically(target, 'first', 0o600);
    await writeAtomically(target, 'second', 0o600);
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['entry.json']);
  });

  it('many writes at once leave one whole text and no temporary file', async () => {
    const dir = await tempDir('atomic-');
    const target = join(dir, 'entry.json');
    const texts = Array.from({ length: 30 }, (_, i) => `text ${i} `.repeat(2000));
    await Promise.all(texts.map((text) => writeAtomically(target, text)));
    expect(texts).toContain(readFileSync(target, 'utf8'));
    expect(readdirSync(dir)).toEqual(['entry.json']);
  });

  it('a write that cannot be made rejects and leaves nothing behind', async () => {
    const dir = await tempDir('atomic-');
    await expect(writeAtomically(join(dir, 'missing', 'entry.json'), 'x')).rejects.toThrow(/ENOENT/);
    await writeAtomically(join(dir, 'entry.json'), 'x');
    await expect(writeAtomically(join(dir, 'entry.json', 'below-a-file'), 'x')).rejects.toThrow(/ENOTDIR/);
    expect(readdirSync(dir)).toEqual(['entry.json']);
  });

  it('the synchronous twin writes, replaces and fails alike', async () => {
    const dir = await tempDir('atomic-');
    const target = join(dir, 'entry.bin');
    writeAtomicallySync(target, Buffer.from('first'), 0o600);
    writeAtomicallySync(target, Buffer.from('second'), 0o600);
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(() => writeAtomicallySync(join(dir, 'missing', 'entry.bin'), 'x')).toThrow(/ENOENT/);
    expect(() => writeAtomicallySync(join(dir, 'entry.bin', 'below-a-file'), 'x')).toThrow(/ENOTDIR/);
    expect(readdirSync(dir)).toEqual(['entry.bin']);
  });
});
