// Helpers shared by the Python checks: same-release comparison, pip commands, release suggestions.
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { matchesTarget, pipInstall, releaseOf, releaseToInstall, sameRelease, shellQuote } from '../../src/python/pip.js';
import type { PythonFact } from '../../src/facts/index.js';

describe('sameRelease', () => {
  it.each([
    ['1.20.1', '1.20.1', true],
    ['1.20.1', '1.20.1.post1', true],
    ['1.20', '1.20.0', true],
    ['1.20.1+local', '1.20.1', true],
    ['1.20.1', '1.20.0', false],
    ['1.20.0rc1', '1.20.0', false],
    ['1.20.0.dev3', '1.20.0', false],
    ['1.20.0.dev3', '1.20.0.dev4', false],
    ['1.20-SNAPSHOT', '1.20-SNAPSHOT', true],
  ])('%s ≡ %s: %s', (a, b, expected) => {
    expect(sameRelease(a, b)).toBe(expected);
  });
});

describe('pip commands and releases', () => {
  const python = {
    executable: '/opt/my envs/bin/python',
    requested: 'python3',
    provenance: { source: 'PATH' },
    runs: true,
    sysPath: [],
  } as PythonFact;

  it('quotes an interpreter path with spaces and double-quotes every spec', () => {
    expect(pipInstall(python, ['pyarrow>=5,<21'])).toBe(`'/opt/my envs/bin/python' -m pip install "pyarrow>=5,<21"`);
    expect(shellQuote('/usr/bin/python3')).toBe('/usr/bin/python3');
  });

  it('strips post and local parts from a release', () => {
    expect(releaseOf('1.20.0.post1')).toBe('1.20.0');
    expect(releaseOf('1.20.0+cpu')).toBe('1.20.0');
  });

  it('suggests the exact target, else the newest patch of its line, else the newest line', () => {
    const matrix = loadMatrix();
    const target = (flinkVersion: string | null) => ({ flinkVersion, patch: null, minor: null, source: 'flag' as const, known: true });
    expect(releaseToInstall(target('1.20.1'), matrix)).toBe('1.20.1');
    expect(releaseToInstall(target('1.20'), matrix)).toBe(matrix.line('1.20')?.newestPatch);
    expect(releaseToInstall(target(null), matrix)).toBe(matrix.line(matrix.newestMinor())?.newestPatch);
  });

  it('matches a minor target against any patch, a patch target exactly', () => {
    expect(matchesTarget('1.20.1', '1.20')).toBe(true);
    expect(matchesTarget('1.20.1', '1.20.1')).toBe(true);
    expect(matchesTarget('1.20.1.post1', '1.20.1')).toBe(true);
    expect(matchesTarget('1.20.1', '1.20.0')).toBe(false);
    expect(matchesTarget('1.20.1', '1.19')).toBe(false);
  });
});
