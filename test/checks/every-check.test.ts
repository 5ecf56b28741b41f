// The rule that keeps this folder whole: every check in the registry has its decision table here, in a file named
// after the check's module (checks/jars-thin.ts → test/checks/jars-thin.test.ts) that runs it on built facts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';

const root = join(import.meta.dirname, '..', '..');
const source = (name: string) => readFileSync(join(root, 'checks', name), 'utf8');
// A check module default-exports defineCheck(…); the others (define, index, *-shared, job-providers) are helpers.
const checkModules = readdirSync(join(root, 'checks')).filter(
  (name) => name.endsWith('.ts') && source(name).includes('export default defineCheck('),
);

describe('every check has a decision table in test/checks/', () => {
  it('the modules in checks/ are the registry, one check each', () => {
    const ids = checkModules.map((name) => /^\s*id: '([^']+)',$/m.exec(source(name))?.[1]);
    expect(ids.sort()).toEqual(allChecks.map((c) => c.id).sort());
  });

  it.each(checkModules)('%s: test/checks/ has its table, which imports it and decides on built facts', (name) => {
    const base = name.replace(/\.ts$/, '');
    const table = join(import.meta.dirname, `${base}.test.ts`);
    const text = readFileSync(table, 'utf8');
    expect(text).toContain(`from '../../checks/${base}.js'`);
    expect(text).toMatch(/\bdecide\(/);
  });
});
