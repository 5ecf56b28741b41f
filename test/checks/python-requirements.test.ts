// python.requirements: its decision table on built facts (the client runs apache-flink 2.2.1 on Python 3.11). The
// shipping probe that reads the file and the cache folder is tested on real files in test/python/shipping.test.ts.
import { describe, expect, it } from 'vitest';
import pythonRequirements from '../../checks/python-requirements.js';
import type { RequirementsRead } from '../../src/facts/index.js';
import { buildFacts, decide, targetOf, type FactsOverrides } from '../helpers/facts.js';

const FILE = '/work/r.txt';
function judge(lines: string[], extra: Partial<RequirementsRead> = {}, overrides: FactsOverrides = {}) {
  const requirements = {
    entry: 'r.txt',
    file: FILE,
    requirements: lines.map((text, i) => ({ line: i + 1, text })),
    cacheFiles: [],
    ...extra,
  };
  return decide(
    pythonRequirements,
    buildFacts({
      shipping: { archives: [], files: { entries: [], localImports: [] }, requirements, file: '/work/conf/config.yaml' },
      ...overrides,
    }),
  );
}
const cached = (cacheFiles: string[]) => ({ cacheDir: '/work/cache', cacheFiles });

describe('python.requirements decisions (built facts)', () => {
  it('skipped when python.requirements is not set', () => {
    expect(decide(pythonRequirements, buildFacts()).summary).toBe('python.requirements is not set');
  });

  it("ok: pins within apache-flink 2.2.1's ranges, and unpinned names", () => {
    const outcome = judge(['pyarrow==20.0.0', 'requests', 'six==1.17.0']);
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('3 requirements in r.txt fit apache-flink 2.2.1');
    expect(outcome.details).toEqual(['judged against apache-flink 2.2.1']);
  });

  it('error: apache-flink of another release than the target', () => {
    const outcome = judge(['apache-flink==1.20.1']);
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      "r.txt line 1: apache-flink==1.20.1 does not allow 2.2.1, the client's release: the workers get another Flink",
    );
    expect(judge(['apache-flink>=2.2,<2.3']).status).toBe('ok');
  });

  it("error: a pin outside apache-flink's Requires-Dist, pointing at its line", () => {
    const outcome = judge(['six', 'pyarrow==21.0.0']);
    expect(outcome.summary).toBe(
      'r.txt line 2: pyarrow==21.0.0, but apache-flink 2.2.1 requires pyarrow>=5.0.0,<21.0.0: pip cannot install both',
    );
    expect(outcome.fix).toBe(`Change ${FILE} to versions apache-flink 2.2.1 accepts`);
    expect(outcome.locations).toEqual([{ path: FILE, line: 2 }]);
  });

  it("warning: a pin the matrix knows breaks the target's patch (pyarrow 21 on 1.20.0, capped from 1.20.3)", () => {
    const outcome = judge(['pyarrow==21.0.0'], {}, { target: targetOf('1.20.0') });
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/^r\.txt line 1: pyarrow==21\.0\.0: /);
    expect(judge(['pyarrow==21.0.0'], {}, { target: targetOf('1.20.5') }).status).toBe('error');
  });

  it('error: a line pip cannot read', () => {
    expect(judge(['pyarrow=>20']).summary).toMatch(/^r\.txt line 1: "pyarrow=>20" is not a requirement pip reads \(/);
  });

  it('error: the file named by python.requirements is missing', () => {
    const outcome = judge([], { problem: 'no such file' });
    expect(outcome.summary).toBe('python.requirements r.txt: no such file');
    expect(outcome.fix).toBe(`Create ${FILE} or fix python.requirements in /work/conf/config.yaml`);
  });

  it("cache folder: Linux x86_64 and abi3 wheels of the client's minor install; the fix fills the cache with pip download", () => {
    const cache = [
      'pyarrow-20.0.0-cp311-cp311-manylinux_2_28_x86_64.whl',
      'cryptography-44.0.0-cp39-abi3-manylinux_2_34_x86_64.whl',
      'six-1.17.0-py2.py3-none-any.whl',
    ];
    const outcome = judge(['pyarrow==20.0.0', 'cryptography==44.0.0', 'six==1.17.0'], cached(cache));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('3 requirements in r.txt fit apache-flink 2.2.1, each with a file in the cache folder');
    const missing = judge(['pyarrow==20.0.0', 'requests'], cached(cache));
    expect(missing.status).toBe('error');
    expect(missing.summary).toBe('r.txt line 2: no file for requests in the cache folder: pip install --no-index fails on the workers');
    expect(missing.fix).toBe(
      `Change ${FILE} to versions apache-flink 2.2.1 accepts, and fill the cache: pip download -d /work/cache -r ${FILE} --only-binary=:all: --platform manylinux2014_x86_64 --python-version 311`,
    );
  });

  it('cache folder: a wheel for another minor or platform does not install; a source archive must be built', () => {
    const otherMinor = judge(
      ['pyarrow==20.0.0'],
      cached(['pyarrow-20.0.0-cp312-cp312-manylinux_2_28_x86_64.whl', 'pyarrow-20.0.0-cp311-cp311-macosx_12_0_arm64.whl']),
    );
    expect(otherMinor.status).toBe('error');
    expect(otherMinor.summary).toBe(
      "r.txt line 1: the cache's pyarrow wheels (pyarrow-20.0.0-cp312-cp312-manylinux_2_28_x86_64.whl, pyarrow-20.0.0-cp311-cp311-macosx_12_0_arm64.whl) do not install on Linux x86_64 workers with Python 3.11",
    );
    // An abi3 wheel installs on its minor and every later one, never an earlier one.
    expect(judge(['cryptography==44.0.0'], cached(['cryptography-44.0.0-cp312-abi3-manylinux_2_34_x86_64.whl'])).status).toBe('error');
    const sdist = judge(['pandas==2.2.3'], cached(['pandas-2.2.3.tar.gz']));
    expect(sdist.status).toBe('warning');
    expect(sdist.summary).toBe(
      'r.txt line 1: the cache holds only a source archive of pandas: the workers must build it (compiler, headers)',
    );
  });

  it('cache folder that cannot be read', () => {
    expect(judge(['six'], { ...cached([]), cacheProblem: '/work/cache does not exist' }).summary).toBe(
      'r.txt cache folder: /work/cache does not exist',
    );
  });
});
