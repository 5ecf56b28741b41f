// Line numbers of offsets in a text: counted from one place to the next where a few are asked in order (a job's
// selected statements), or from the text's line starts, found once, where many may be (a SQL script, a whole file).

/** The line breaks in text[from, to): indexOf finds each natively, and nothing is allocated. */
export function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** Offset → 1-based line of `text`; its line starts are found on the first call. */
export function lineMapper(text: string): (offset: number) => number {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    return lastAtOrBefore(starts, offset) + 1;
  };
}

/** The index of the last of ascending `values` that is at most `offset` (0 when none is; -1 when there are none). */
export function lastAtOrBefore(values: readonly number[], offset: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return values.length > 0 ? lo : -1;
}
