// The first few bytes of a raw DEFLATE stream (RFC 1951): the 8-byte class-file headers the scan samples (up to 24
// per JAR) and small entries read whole. zlib's inflateRawSync builds a stream object and native state per call;
// this decoder stops once it has the bytes asked for, builds the canonical Huffman codes of RFC 1951 3.2.2 into
// buffers reused from block to block, and a 9-bit lookup table only for codes that read many symbols. Compiled by
// the JIT it costs half of zlib's call on real class files; interpreted, more (zip-reader.ts decides when to use it).
// It never guesses: for a truncated or invalid stream, or a code that zlib's inflate_table would refuse
// (over-subscribed, or incomplete other than a lone 1-bit code), it returns undefined and the caller asks zlib, so
// any bytes returned are the bytes zlib produces from that input (test/jars/inflate-head.test.ts compares the two).
// It reads no further than it needs: data corrupt after the bytes asked for is not looked at, where zlib, given all
// of the input, would have failed.

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DISTANCE_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385,
  24577,
];
const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** The order in which a dynamic block lists the code lengths of its code-length code. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const END_OF_BLOCK = 256;
const MAX_BITS = 15;

/**
 * A canonical Huffman code: how many codes of each length and the symbols ordered by (length, value), and, for a code
 * that reads many symbols, a table of the codes up to TABLE_BITS long by their next TABLE_BITS bits
 * ((length << 16) | symbol; 0 = longer, or no code).
 */
interface Code {
  count: Uint16Array;
  symbol: Uint16Array;
  table: Int32Array;
  /** 0: no table (the code is read one bit at a time). */
  tableBits: number;
}

function newCode(symbols: number): Code {
  return { count: new Uint16Array(MAX_BITS + 1), symbol: new Uint16Array(symbols), table: new Int32Array(1 << TABLE_BITS), tableBits: 0 };
}

const TABLE_BITS = 9;
/**
 * Output below this is decoded without lookup tables for the block's codes: a class header needs 8 symbols, fewer
 * steps than filling a table of 512 (and a first run executes this code before the JIT has compiled it).
 */
const TABLES_FROM_BYTES = 64;

/** Thrown inside the decoder for anything it will not decode; the entry point turns it into undefined. */
class NotDecoded extends Error {}
const notDecoded = new NotDecoded();

/** Bits from the input, least significant first, through a small buffer (`hold`, `count` bits in it). */
class BitReader {
  private hold = 0;
  private count = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly end: number,
    private at: number,
  ) {}

  /** Up to `n` (≤ 16) bits in the buffer, fewer at the end of the input. */
  private fill(n: number): void {
    while (this.count < n && this.at < this.end) {
      this.hold |= (this.input[this.at++] as number) << this.count;
      this.count += 8;
    }
  }

  /** `n` bits, the first read as the least significant (how DEFLATE stores header fields and extra bits). */
  bits(n: number): number {
    if (n === 0) return 0;
    this.fill(n);
    if (this.count < n) throw notDecoded; // truncated: zlib decides
    const value = this.hold & ((1 << n) - 1);
    this.hold >>>= n;
    this.count -= n;
    return value;
  }

  /** The next symbol of `code`: by its table when the code is short, else one bit at a time. */
  decode(code: Code): number {
    if (code.tableBits === 0) return decodeSlowly(this, code);
    this.fill(code.tableBits);
    const entry = code.table[this.hold & ((1 << code.tableBits) - 1)] as number;
    if (entry === 0) return decodeSlowly(this, code);
    const length = entry >>> 16;
    if (length > this.count) throw notDecoded; // the code runs past the end of the input
    this.hold >>>= length;
    this.count -= length;
    return entry & 0xffff;
  }

  /** A stored block starts at the next byte: the byte index it starts at (whole bytes held go back). */
  alignToByte(): number {
    this.at -= this.count >>> 3;
    this.hold = 0;
    this.count = 0;
    return this.at;
  }

  skipBytes(n: number): void {
    this.at += n;
  }
}

/** Where each length's symbols go while a code is built (scratch: codes are built one at a time). */
const offsets = new Uint16Array(MAX_BITS + 2);

/**
 * Builds into `code` the code for the code lengths lengths[start, end) (0 = symbol unused; symbols count from
 * `start`), refused where zlib's inflate_table refuses it.
 */
function buildCode(code: Code, lengths: Uint8Array, start: number, end: number, withTable: boolean, codeLengthCode = false): Code {
  const { count, symbol } = code;
  count.fill(0);
  for (let s = start; s < end; s += 1) {
    const length = lengths[s] as number;
    count[length] = (count[length] as number) + 1;
  }
  let left = 1;
  let longest = 0;
  for (let length = 1; length <= MAX_BITS; length += 1) {
    left = left * 2 - (count[length] as number);
    if (left < 0) throw notDecoded; // over-subscribed
    if ((count[length] as number) > 0) longest = length;
  }
  // zlib accepts an incomplete code only when its longest code is one bit (a lone distance code), never for code lengths.
  if (longest > 0 && left > 0 && (codeLengthCode || longest !== 1)) throw notDecoded;
  offsets[1] = 0;
  for (let length = 1; length <= MAX_BITS; length += 1) offsets[length + 1] = (offsets[length] as number) + (count[length] as number);
  for (let s = start; s < end; s += 1) {
    const length = lengths[s] as number;
    if (length === 0) continue;
    const at = offsets[length] as number;
    symbol[at] = s - start;
    offsets[length] = at + 1;
  }
  count[0] = 0;
  code.tableBits = withTable ? Math.max(1, Math.min(TABLE_BITS, longest)) : 0;
  if (withTable) fillTable(code);
  return code;
}

/** Each code of at most tableBits bits, at every index whose low bits are the code as read (reversed: codes go MSB first). */
function fillTable({ count, symbol, table, tableBits: bits }: Code): void {
  const size = 1 << bits;
  table.fill(0, 0, size);
  let code = 0;
  let index = 0;
  for (let length = 1; length <= bits; length += 1) {
    for (let n = 0; n < (count[length] as number); n += 1, code += 1, index += 1) {
      let reversed = 0;
      for (let b = 0; b < length; b += 1) reversed |= ((code >>> b) & 1) << (length - 1 - b);
      for (let at = reversed; at < size; at += 1 << length) table[at] = (length << 16) | (symbol[index] as number);
    }
    code *= 2;
  }
}

/** A code longer than the table: read one bit at a time, most significant bit first (RFC 1951 3.1.1). */
function decodeSlowly(reader: BitReader, { count, symbol }: Code): number {
  let code = 0;
  let first = 0;
  let index = 0;
  for (let length = 1; length <= MAX_BITS; length += 1) {
    code |= reader.bits(1);
    const n = count[length] as number;
    if (code - first < n) return symbol[index + code - first] as number;
    index += n;
    first = (first + n) * 2;
    code *= 2;
  }
  throw notDecoded; // a code no symbol has (an incomplete code)
}

let fixedCodes: { literals: Code; distances: Code } | undefined;

function fixed(): { literals: Code; distances: Code } {
  if (fixedCodes) return fixedCodes;
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  fixedCodes = {
    literals: buildCode(newCode(288), lengths, 0, 288, true),
    distances: buildCode(newCode(32), new Uint8Array(32).fill(5), 0, 32, true),
  };
  return fixedCodes;
}

/** A dynamic block's codes and code lengths, reused from block to block (a block is decoded synchronously). */
const dynamicCodes = { codeLengths: newCode(19), literals: newCode(288), distances: newCode(32) };
const codeLengthLengths = new Uint8Array(19);
const codeLengths = new Uint8Array(286 + 30);

/** A dynamic block's two codes, from the code lengths in its header (RFC 1951 3.2.7). */
function dynamic(reader: BitReader, want: number): { literals: Code; distances: Code } {
  const literalCount = reader.bits(5) + 257;
  const distanceCount = reader.bits(5) + 1;
  const codeLengthCount = reader.bits(4) + 4;
  if (literalCount > 286 || distanceCount > 30) throw notDecoded;
  codeLengthLengths.fill(0);
  for (let i = 0; i < codeLengthCount; i += 1) codeLengthLengths[CODE_LENGTH_ORDER[i] as number] = reader.bits(3);
  const codeLengthCode = buildCode(dynamicCodes.codeLengths, codeLengthLengths, 0, 19, true, true);
  const lengths = codeLengths;
  const total = literalCount + distanceCount;
  let i = 0;
  while (i < total) {
    const symbol = reader.decode(codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    // 16: the previous length 3-6 times; 17: zero 3-10 times; 18: zero 11-138 times.
    if (symbol === 16 && i === 0) throw notDecoded;
    const value = symbol === 16 ? (lengths[i - 1] as number) : 0;
    const repeat = symbol === 16 ? 3 + reader.bits(2) : symbol === 17 ? 3 + reader.bits(3) : 11 + reader.bits(7);
    if (i + repeat > total) throw notDecoded;
    for (const stop = i + repeat; i < stop; i += 1) lengths[i] = value;
  }
  if (lengths[END_OF_BLOCK] === 0) throw notDecoded; // no end-of-block code
  const tables = want >= TABLES_FROM_BYTES;
  return {
    literals: buildCode(dynamicCodes.literals, lengths, 0, literalCount, tables),
    distances: buildCode(dynamicCodes.distances, lengths, literalCount, total, tables),
  };
}

/**
 * The first `want` bytes that input[start, end) inflates to (fewer when the stream ends first), or undefined when
 * this decoder cannot tell: then zlib must be asked. With `dynamicBlocks` false, a block with its own codes is
 * left to zlib too (building them costs more than zlib's call until the JIT has compiled this code).
 */
export function inflateHead(input: Uint8Array, start: number, end: number, want: number, dynamicBlocks = true): Uint8Array | undefined {
  const out = new Uint8Array(want);
  const limit = Math.min(end, input.length);
  try {
    const reader = new BitReader(input, limit, start);
    let produced = 0;
    let last = 0;
    while (produced < want && !last) {
      last = reader.bits(1);
      const type = reader.bits(2);
      if (type === 0) produced = storedBlock(reader, input, limit, out, produced);
      else if (type === 2 && !dynamicBlocks) throw notDecoded;
      else if (type === 1 || type === 2)
        produced = codedBlock(reader, type === 1 ? fixed() : dynamic(reader, want - produced), out, produced);
      else throw notDecoded; // reserved block type
    }
    return out.subarray(0, produced);
  } catch (error) {
    if (error === notDecoded) return undefined;
    throw error;
  }
}

/** A stored block's bytes (as many as are wanted); the new output length. */
function storedBlock(reader: BitReader, input: Uint8Array, end: number, out: Uint8Array, produced: number): number {
  const at = reader.alignToByte();
  if (at + 4 > end) throw notDecoded;
  const length = (input[at] as number) | ((input[at + 1] as number) << 8);
  const check = (input[at + 2] as number) | ((input[at + 3] as number) << 8);
  if ((length ^ 0xffff) !== check) throw notDecoded;
  const copied = Math.min(length, out.length - produced);
  if (at + 4 + copied > end) throw notDecoded;
  out.set(input.subarray(at + 4, at + 4 + copied), produced);
  reader.skipBytes(4 + length);
  return produced + copied;
}

/** A Huffman-coded block's symbols until the block ends or `out` is full; the new output length. */
function codedBlock(
  reader: BitReader,
  { literals, distances }: { literals: Code; distances: Code },
  out: Uint8Array,
  produced: number,
): number {
  while (produced < out.length) {
    const symbol = reader.decode(literals);
    if (symbol < 256) {
      out[produced++] = symbol;
      continue;
    }
    if (symbol === END_OF_BLOCK) return produced;
    const lengthCode = symbol - 257;
    if (lengthCode >= LENGTH_BASE.length) throw notDecoded; // 286, 287
    const length = (LENGTH_BASE[lengthCode] as number) + reader.bits(LENGTH_EXTRA[lengthCode] as number);
    const distanceCode = reader.decode(distances);
    if (distanceCode >= DISTANCE_BASE.length) throw notDecoded; // 30, 31
    const distance = (DISTANCE_BASE[distanceCode] as number) + reader.bits(DISTANCE_EXTRA[distanceCode] as number);
    if (distance > produced) throw notDecoded; // before the start of the stream
    for (let i = 0; i < length && produced < out.length; i += 1, produced += 1) out[produced] = out[produced - distance] as number;
  }
  return produced;
}
