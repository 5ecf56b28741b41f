// Issue 14: a probe or check that fails with the engine's own words ("Maximum call stack size exceeded",
// "x.trim is not a function", a Node error code) is flink-doctor's bug, and the finding says so instead of showing
// those words as if they described the user's setup; an error in words (a probe's own) is still shown as it is.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/engine/check.js';
import { FactStore, type ProbeMap } from '../../src/engine/facts.js';
import { runChecks } from '../../src/engine/run.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';

interface TestFacts {
  overflow: number;
  notAFunction: number;
  nodeCode: number;
  inWords: number;
}

const probes: ProbeMap<TestFacts> = {
  overflow: async () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
  notAFunction: async () => {
    throw new TypeError('body.trim is not a function');
  },
  nodeCode: async () => {
    throw Object.assign(new TypeError("The argument 'path' must be a string without null bytes"), { code: 'ERR_INVALID_ARG_VALUE' });
  },
  inWords: async () => {
    throw new Error('settings.xml is not valid XML');
  },
};

const check = (id: keyof TestFacts): Check<TestFacts> => ({
  id,
  title: id,
  group: 'Test',
  description: id,
  reads: [],
  needs: [id],
  run: () => ({ status: 'ok', summary: 'unreachable' }),
});

describe('engine messages never reach a finding', () => {
  it("is an internal error in words for engine failures, and the probe's own words otherwise", async () => {
    const ids: (keyof TestFacts)[] = ['overflow', 'notAFunction', 'nodeCode', 'inWords'];
    const results = await runChecks(ids.map(check), [], new FactStore(probes), { matrix: loadMatrix(), strict: false });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    for (const id of ['overflow', 'notAFunction', 'nodeCode']) {
      expect(byId[id]?.summary).toBe(
        `could not gather ${id}: flink-doctor failed on its input (an internal error, not a finding about your setup)`,
      );
      expect(JSON.stringify(byId[id])).not.toMatch(/Maximum call stack|is not a function|ERR_INVALID_ARG_VALUE|null bytes/);
    }
    expect(byId.inWords?.summary).toBe('could not gather inWords: settings.xml is not valid XML');
  });
});
