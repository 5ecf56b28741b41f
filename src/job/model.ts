// Helpers over the job facts (src/facts/job.ts) for the reader: an empty needs value and the HOLE marker.
import type { JobNeeds } from '../facts/index.js';

export function emptyNeeds(): JobNeeds {
  return { files: [], identifiers: [], apis: [], drivers: [], jars: [], settings: [], config: [], unresolved: [], problems: [] };
}

/** Shown in place of a part of a string that is only known at run time. */
export const HOLE = '\uFFFC';

export function showHoles(text: string): string {
  return text.split(HOLE).join('{…}');
}
