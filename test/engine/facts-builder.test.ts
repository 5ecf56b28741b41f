// The facts builder's default is a healthy machine: every check finds nothing wrong with it. If a check
// starts warning here, either the builder lost a fact or the check's rule changed: both worth a look.
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import { buildFacts, decide } from '../helpers/facts.js';

describe('buildFacts()', () => {
  it.each(allChecks.map((check) => [check.id, check] as const))('%s finds nothing wrong with the default facts', (_id, check) => {
    const outcome = decide(check, buildFacts());
    expect(['ok', 'skipped'], `${outcome.status}: ${outcome.summary}`).toContain(outcome.status);
  });

  it('overrides replace only the fields given, and each call starts from a fresh healthy set', () => {
    const changed = buildFacts({ java: { found: false } });
    expect(changed.java.found).toBe(false);
    expect(changed.java.version?.major).toBe(17);
    expect(buildFacts().java.found).toBe(true);
  });
});
