// A file as the caches compare it between runs: size, mtime and ctime in ns, inode and device. Any write moves ctime,
// so an equal stamp means the same file, unless it changed twice within one timestamp tick: each cache therefore
// refuses a stamp whose last change is younger than its settle time (lastChangeMs against Date.now()).
import type { BigIntStats } from 'node:fs';

export function stampText(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}:${info.dev}`;
}

/** When the file's data or metadata last changed, in ms since the epoch (as Date.now() counts). */
export function lastChangeMs(info: BigIntStats): number {
  return Number(info.mtimeNs > info.ctimeNs ? info.mtimeNs : info.ctimeNs) / 1e6;
}
