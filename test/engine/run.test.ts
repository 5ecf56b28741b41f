// The engine's isolation: whatever one check or probe does (throw, reject, throw synchronously, never
// answer), that check becomes an `error` result and every other check still completes. Pure: a fact store
// of tiny in-memory probes, no real probe at all.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/engine/check.js';
import { FactStore, type ProbeMap } from '../../src/engine/facts.js';
import { runChecks } from '../../src/engine/run.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';

interface TestFacts {
  good: number;
  rejects: number;
  throwsSync: number;
  hangs: number;
}

const probes: ProbeMap<TestFacts> = {
  good: async () => 42,
  rejects: async () => {
    throw new Error('disk on fire\nstack-ish second line');
  },
  throwsSync: () => {
    throw new TypeError('cannot read properties of undefined');
  },
  hangs: () => new Promise<number>(() => undefined),
};

function check(
  id: string,
  needs: (keyof TestFacts)[],
  run: Check<TestFacts>['run'] = () => ({ status: 'ok', summary: 'fine' }),
): Check<TestFacts> {
  return { id, title: id, group: 'Test', description: `test check ${id}`, reads: [], needs, run };
}

const fine = check('test.fine', ['good'], ({ good }) => ({ status: 'ok', summary: `got ${good}` }));
const matrix = loadMatrix();

async function run(checks: Check<TestFacts>[], factTimeoutMs = 5_000) {
  const results = await runChecks(checks, [], new FactStore(probes), { matrix, strict: false, factTimeoutMs });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('runChecks isolation', () => {
  it('a check that throws is an error of its own; the others complete', async () => {
    const throwing = check('test.throws', ['good'], () => {
      throw new RangeError('index 3 out of range');
    });
    const results = await run([throwing, fine]);
    expect(results['test.throws']).toMatchObject({ status: 'error', summary: 'check failed: index 3 out of range' });
    expect(results['test.fine']).toMatchObject({ status: 'ok', summary: 'got 42' });
  });

  it('a probe that rejects fails only the checks that need it, with a one-line reason', async () => {
    const results = await run([check('test.rejects', ['good', 'rejects']), fine]);
    expect(results['test.rejects']).toMatchObject({ status: 'error', summary: 'could not gather rejects: disk on fire' });
    expect(results['test.fine']?.status).toBe('ok');
  });

  it('a probe that throws synchronously is treated like one that rejects', async () => {
    const results = await run([check('test.sync', ['throwsSync']), fine]);
    expect(results['test.sync']).toMatchObject({
      status: 'error',
      summary: 'could not gather throwsSync: cannot read properties of undefined',
    });
    expect(results['test.fine']?.status).toBe('ok');
  });

  it('a probe that never answers fails its check after the time limit; the run still ends', async () => {
    const started = performance.now();
    const results = await run([check('test.hangs', ['good', 'hangs']), fine], 100);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(results['test.hangs']).toMatchObject({ status: 'error', summary: 'could not gather hangs: no answer within 100 ms' });
    expect(results['test.fine']?.status).toBe('ok');
  });

  it('all four at once: four errors, and the healthy check is still ok', async () => {
    const throwing = check('test.throws', ['good'], () => {
      throw new Error('boom');
    });
    const all = [throwing, check('test.rejects', ['rejects']), check('test.sync', ['throwsSync']), check('test.hangs', ['hangs']), fine];
    const results = await run(all, 100);
    expect(Object.values(results).map((r) => `${r.id}=${r.status}`)).toEqual([
      'test.throws=error',
      'test.rejects=error',
      'test.sync=error',
      'test.hangs=error',
      'test.fine=ok',
    ]);
  });
});
