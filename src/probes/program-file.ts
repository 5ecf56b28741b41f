// Is this file a program the kernel itself will start? When execve() refuses a file (ENOEXEC: a text file without
// '#!', an empty file, a truncated binary, a binary for another machine), the C library and libuv run it with
// /bin/sh instead, so a `java` or `python` planted in a pull request would become a shell script run by the
// doctor. Before anything is started, its header is read: only a regular executable file that is a sound ELF
// binary for this machine, or a '#!' script whose interpreter is one (at most four levels, as the kernel allows),
// is run. Anything else is a one-line reason, reported as a finding of the check that wanted to run it.
import { accessSync, closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { isAbsolute } from 'node:path';

/** The kernel reads this much of a '#!' line (BINPRM_BUF_SIZE). */
const SHEBANG_BYTES = 256;
/** Nested '#!' interpreters the kernel follows (BINPRM_MAX_RECURSION). */
const MAX_INTERPRETERS = 4;
const ELF_MAGIC = 0x7f454c46;

/** e_machine and ELF class of the binaries this machine runs natively (elf.h), by Node's process.arch. */
const NATIVE: Partial<Record<NodeJS.Architecture, { machine: number; elfClass: 1 | 2; name: string }>> = {
  x64: { machine: 62, elfClass: 2, name: 'x86-64' },
  arm64: { machine: 183, elfClass: 2, name: 'AArch64' },
  ia32: { machine: 3, elfClass: 1, name: 'x86' },
  arm: { machine: 40, elfClass: 1, name: 'ARM' },
  ppc64: { machine: 21, elfClass: 2, name: 'PowerPC 64' },
  s390x: { machine: 22, elfClass: 2, name: 's390x' },
  riscv64: { machine: 243, elfClass: 2, name: 'RISC-V' },
  loong64: { machine: 258, elfClass: 2, name: 'LoongArch' },
};

const NOT_RUN = "flink-doctor runs only ELF executables and '#!' scripts, never through a shell";

/** undefined when `path` may be started; else why not, as a phrase ("not a program: an empty file (…)"). */
export function unrunnableReason(path: string, depth = 0): string | undefined {
  if (process.platform === 'win32') return undefined; // no shell fallback there: CreateProcess refuses such files
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'not found';
    return code === 'EACCES' ? 'not readable (permission denied)' : `cannot be read (${code ?? 'error'})`;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return 'not a regular file';
    try {
      accessSync(path, constants.X_OK);
    } catch {
      return 'not executable (permission denied)';
    }
    const head = Buffer.alloc(Math.min(SHEBANG_BYTES, info.size));
    const length = readSync(fd, head, 0, head.length, 0);
    if (length === 0) return `not a program: an empty file (${NOT_RUN})`;
    if (head[0] === 0x23 && head[1] === 0x21) return interpreterReason(head.subarray(0, length), depth);
    if (length >= 4 && head.readUInt32BE(0) === ELF_MAGIC) return elfReason(fd, info.size);
    return `not a program: a file without an ELF header or a '#!' line, which only a shell would run (${NOT_RUN})`;
  } finally {
    closeSync(fd);
  }
}

/** A '#!' script runs when its interpreter does: an absolute path to a program, itself checked. */
function interpreterReason(head: Buffer, depth: number): string | undefined {
  const text = head.toString('latin1');
  const newline = text.indexOf('\n');
  if (newline < 0 && head.length >= SHEBANG_BYTES)
    return `not a program: its '#!' line is longer than the ${SHEBANG_BYTES} bytes the kernel reads (${NOT_RUN})`;
  const line = (newline < 0 ? text : text.slice(0, newline)).slice(2).trim();
  const interpreter = line.split(/[ \t]/)[0] ?? '';
  if (!interpreter) return `not a program: its '#!' line names no interpreter (${NOT_RUN})`;
  if (!isAbsolute(interpreter))
    return `not a program: its '#!' interpreter ${JSON.stringify(interpreter)} is not an absolute path (${NOT_RUN})`;
  if (depth + 1 >= MAX_INTERPRETERS) return `not a program: more than ${MAX_INTERPRETERS} nested '#!' interpreters (${NOT_RUN})`;
  const inner = unrunnableReason(interpreter, depth + 1);
  return inner ? `not a program: its '#!' interpreter ${interpreter}: ${inner}` : undefined;
}

/** An ELF header the kernel accepts: this machine's class, byte order and architecture, program headers inside the file. */
function elfReason(fd: number, size: number): string | undefined {
  const header = Buffer.alloc(64);
  const length = readSync(fd, header, 0, 64, 0);
  const damaged = (why: string) => `not a program: a truncated or damaged ELF binary (${why}; ${NOT_RUN})`;
  const elfClass = header[4];
  const data = header[5];
  if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return damaged('unknown ELF class or byte order');
  if (length < (elfClass === 2 ? 64 : 52)) return damaged(`its ${size}-byte file ends inside the ELF header`);
  const le = data === 1;
  const u16 = (at: number) => (le ? header.readUInt16LE(at) : header.readUInt16BE(at));
  const u32 = (at: number) => (le ? header.readUInt32LE(at) : header.readUInt32BE(at));
  const u64 = (at: number) => Number(le ? header.readBigUInt64LE(at) : header.readBigUInt64BE(at));
  const type = u16(16);
  const machine = u16(18);
  if (type !== 2 && type !== 3) return `not a program: an ELF file that is not an executable (type ${type}; ${NOT_RUN})`;
  const native = NATIVE[process.arch];
  if (native && (machine !== native.machine || elfClass !== native.elfClass || (data === 1) !== (endianness() === 'LE'))) {
    return `not a program: an ELF binary for another kind of machine (e_machine ${machine}), not this ${native.name} one (${NOT_RUN})`;
  }
  const [phoff, phentsize, phnum] = elfClass === 2 ? [u64(32), u16(54), u16(56)] : [u32(28), u16(42), u16(44)];
  if (phentsize !== (elfClass === 2 ? 56 : 32) || phnum < 1 || phentsize * phnum > 65536)
    return damaged('its program header table is malformed');
  if (phoff + phentsize * phnum > size) return damaged(`its program headers end past its ${size} bytes`);
  return segmentsReason(fd, size, { le, elfClass, phoff, phentsize, phnum });
}

/** Every loadable segment's bytes lie inside the file (a binary cut short by a failed copy does not). */
function segmentsReason(
  fd: number,
  size: number,
  elf: { le: boolean; elfClass: number; phoff: number; phentsize: number; phnum: number },
): string | undefined {
  const table = Buffer.alloc(elf.phentsize * elf.phnum);
  readSync(fd, table, 0, table.length, elf.phoff);
  for (let i = 0; i < elf.phnum; i += 1) {
    const at = i * elf.phentsize;
    const u32 = (offset: number) => (elf.le ? table.readUInt32LE(at + offset) : table.readUInt32BE(at + offset));
    const u64 = (offset: number) => Number(elf.le ? table.readBigUInt64LE(at + offset) : table.readBigUInt64BE(at + offset));
    if (u32(0) !== 1) continue; // PT_LOAD
    const [offset, fileSize] = elf.elfClass === 2 ? [u64(8), u64(32)] : [u32(4), u32(16)];
    if (offset + fileSize > size) {
      return `not a program: a truncated or damaged ELF binary (a segment ends at byte ${offset + fileSize} of a ${size}-byte file; ${NOT_RUN})`;
    }
  }
  return undefined;
}
