// inflateHead (the class-header sample's DEFLATE decoder) against zlib, the reference: every byte it returns must be
// what zlib inflates from the same input, and it must decode the streams real compressors write (else the scan
// silently falls back to zlib and gains nothing). Inputs: class-file-like bytes (a header, then a constant pool
// of names, as javac writes them) and random bytes, compressed by zlib at every level and strategy, cut to the
// 512 bytes the scan reads; then the same streams with flipped bits, where zlib is asked about each prefix.
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflateHead } from '../../src/jars/inflate-head.js';

/** A deterministic pseudo-random generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function classLike(random: () => number): Buffer {
  const words = ['org/apache/flink/', 'Ljava/lang/String;', 'Code', 'LineNumberTable', '<init>', 'SourceFile', 'getValue', '()V'];
  const parts = [Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 52 + Math.floor(random() * 17)])];
  for (let i = 0; i < 200; i += 1) {
    const word = words[Math.floor(random() * words.length)] as string;
    parts.push(Buffer.from([1, 0, word.length]), Buffer.from(word), Buffer.from([Math.floor(random() * 256)]));
  }
  return Buffer.concat(parts);
}

const zlibHead = (input: Buffer): Buffer => inflateRawSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 });

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FILTERED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FIXED];

function streams(): Buffer[] {
  const random = generator(13);
  const all: Buffer[] = [];
  for (let i = 0; i < 12; i += 1) {
    const data = i % 3 === 2 ? randomBytes(2000) : classLike(random);
    for (let level = 0; level <= 9; level += 1) {
      for (const strategy of STRATEGIES) all.push(deflateRawSync(data, { level, strategy }).subarray(0, 512));
    }
  }
  return all;
}

describe('inflateHead', () => {
  it('gives the first bytes zlib gives, for every level and strategy zlib writes', () => {
    for (const stream of streams()) {
      for (const want of [1, 8, 300]) {
        const head = inflateHead(stream, 0, stream.length, want);
        expect(head, 'a stream zlib wrote must be decoded here').toBeDefined();
        expect(Buffer.from(head as Uint8Array)).toEqual(zlibHead(stream).subarray(0, want));
      }
    }
  });

  it('reads the stream where it starts in a larger buffer, and no further than its end', () => {
    const stream = deflateRawSync(Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 65]));
    const framed = Buffer.concat([Buffer.alloc(30, 0xff), stream, Buffer.alloc(40, 0xff)]);
    expect(Buffer.from(inflateHead(framed, 30, 30 + stream.length, 8) as Uint8Array)).toEqual(zlibHead(stream));
    expect(inflateHead(framed, 30, 31, 8)).toBeUndefined();
  });

  it('returns fewer bytes only when the stream ends, and leaves a cut stream to zlib', () => {
    const short = deflateRawSync(Buffer.from('abc'));
    expect(Buffer.from(inflateHead(short, 0, short.length, 8) as Uint8Array).toString()).toBe('abc');
    const long = deflateRawSync(classLike(generator(7)));
    for (let cut = 0; cut < 6; cut += 1) expect(inflateHead(long, 0, cut, 8)).toBeUndefined();
    expect(inflateHead(Buffer.from([0x07]), 0, 1, 8)).toBeUndefined(); // reserved block type 3
    expect(inflateHead(Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00]), 0, 5, 8)).toBeUndefined(); // stored, LEN != ~NLEN
  });

  it('never returns bytes zlib would not give: corrupt streams, each checked against zlib on its prefixes', () => {
    const random = generator(14);
    let decoded = 0;
    let refused = 0;
    for (const [n, stream] of streams().entries()) {
      if (n % 4 !== 0) continue;
      for (let flip = 0; flip < 6; flip += 1) {
        const corrupt = Buffer.from(stream);
        const bit = Math.floor(random() * Math.min(corrupt.length * 8, 400));
        corrupt[bit >>> 3] = (corrupt[bit >>> 3] as number) ^ (1 << (bit & 7));
        const head = inflateHead(corrupt, 0, corrupt.length, 8);
        if (!head) {
          refused += 1;
          continue;
        }
        decoded += 1;
        expect(Buffer.from(head)).toEqual(zlibPrefixOutput(corrupt, head.length));
      }
    }
    expect(decoded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

/** The first `length` bytes zlib inflates from the shortest prefix of `input` it can give that many from. */
function zlibPrefixOutput(input: Buffer, length: number): Buffer {
  for (let end = 1; end <= input.length; end += 1) {
    let out: Buffer;
    try {
      out = zlibHead(input.subarray(0, end));
    } catch {
      break; // zlib found the stream corrupt before giving `length` bytes
    }
    if (out.length >= length) return out.subarray(0, length);
  }
  // A finished stream gives all it has with the whole input.
  return zlibHead(input).subarray(0, length);
}
