// Terminal styling without a dependency: a handful of ANSI codes, all off when colour is off.
import type { Status } from '../engine/model.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  status(status: Status, text: string): string;
}

const CODES: Record<Status, [number, number]> = { ok: [32, 39], warning: [33, 39], error: [31, 39], skipped: [90, 39] };

export function createStyle(color: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return {
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    status: (status, text) => wrap(...CODES[status])(text),
  };
}

export const MARKS: Record<Status, string> = { ok: '✓', warning: '!', error: '✗', skipped: '-' };

/** Should this run use colour? Off when piped, in CI, with NO_COLOR, TERM=dumb or --no-color. */
export function wantsColor(env: Record<string, string | undefined>, isTTY: boolean, noColorFlag: boolean): boolean {
  if (noColorFlag || env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  if (env.CI) return false;
  return isTTY;
}
