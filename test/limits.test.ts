// The bounds are written down twice, for users (docs/bounds.md) and for the code (src/engine/limits.ts): the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, formatLimit, type LimitName } from '../src/engine/limits.js';

const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'bounds.md'), 'utf8');

describe('docs/bounds.md', () => {
  it('lists every limit of src/engine/limits.ts with its value, and nothing else', () => {
    const table = /<!-- limits:start -->\n([\s\S]*?)\n<!-- limits:end -->/.exec(doc)?.[1] ?? '';
    const rows = [...table.matchAll(/^\| `(\w+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2]?.trim()]);
    expect(rows).toEqual((Object.keys(LIMITS) as LimitName[]).map((name) => [name, formatLimit(name)]));
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8')).toContain('(docs/bounds.md)');
  });
});
