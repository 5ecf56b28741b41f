// The plugin contract's pure parts: how a spec is read, what a plugin export must look like (every refusal
// is one line naming the part that is wrong), and what a plugin check may return. No file, no process.
import { describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION } from '../../src/api/plugin.js';
import { checkedOutcome } from '../../src/plugins/adapt.js';
import { isLocalSpec, isPluginPattern, nameFromSpec, specProblem } from '../../src/plugins/spec.js';
import { validatePlugin } from '../../src/plugins/validate.js';
import { BUILT_IN_FACT_KEYS } from '../../src/probes/registry.js';
import { allChecks } from '../../checks/index.js';

const ctx = { builtInCheckIds: allChecks.map((c) => c.id), builtInFactKeys: BUILT_IN_FACT_KEYS, doctorVersion: '0.1.0' };
const check = (overrides: Record<string, unknown> = {}) => ({
  id: 'plugin.acme.rule',
  title: 'Rule',
  group: 'JARs',
  description: 'Decides a rule.',
  reads: ['jars'],
  needs: ['jars'],
  run: () => ({ status: 'ok', summary: 'fine' }),
  ...overrides,
});
const plugin = (overrides: Record<string, unknown> = {}) => ({ apiVersion: 1, name: 'acme', checks: [check()], ...overrides });
const refusal = (exported: unknown): string => {
  try {
    validatePlugin(exported, ctx);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the plugin was accepted');
};

describe('plugin specs', () => {
  it.each([
    ['./plugins/policy.mjs', true],
    ['../shared/plugin.js', true],
    ['/opt/plugins/p.mjs', true],
    ['flink-doctor-plugin-acme', false],
    ['@acme/flink-doctor-plugin', false],
    ['@acme/flink-doctor-plugin/strict', false],
  ])('%s is local: %s, and a valid spec', (spec, local) => {
    expect(isLocalSpec(spec)).toBe(local);
    expect(specProblem(spec)).toBeUndefined();
  });

  it.each([
    ['', 'is empty'],
    [' ./p.mjs', 'has leading or trailing spaces'],
    ['Plugins/P.mjs', 'is neither a path starting with ./, ../ or / nor an npm package name'],
    ['https://example.com/p.mjs', 'is neither a path starting with ./, ../ or / nor an npm package name'],
  ])('%j %s', (spec, problem) => {
    expect(specProblem(spec)).toBe(problem);
  });

  it.each([
    ['./plugins/mirror-policy.mjs', 'mirror-policy'],
    ['./plugins/acme/index.js', 'acme'],
    ['@acme/flink-doctor-plugin/strict', 'acme-flink-doctor-plugin'],
    ['flink-doctor-plugin-acme/sub', 'flink-doctor-plugin-acme'],
    ['./2fast.mjs', 'fast'],
    ['./___.mjs', 'unnamed'],
  ])('a plugin that never told its name is called by its spec: %s → %s', (spec, name) => {
    expect(nameFromSpec(spec)).toBe(name);
  });

  it('the "plugin." namespace is apart from every built-in check id', () => {
    for (const pattern of ['plugin', 'plugin.acme', 'plugin.acme.rule', 'plugin.*']) expect(isPluginPattern(pattern)).toBe(true);
    for (const check of allChecks) expect(isPluginPattern(check.id)).toBe(false);
    expect(isPluginPattern('plugins.acme')).toBe(false);
  });
});

describe('validatePlugin', () => {
  it('accepts a well-formed plugin and keeps its name, version, checks and facts', () => {
    const gather = { needs: ['target'], timeoutMs: 500, gather: () => 1 };
    const valid = validatePlugin(
      plugin({ version: '1.2.3', facts: { platform: gather }, checks: [check({ needs: ['jars', 'platform'] })] }),
      ctx,
    );
    expect(valid).toMatchObject({ name: 'acme', version: '1.2.3', facts: { platform: gather } });
    expect(valid.checks.map((c) => c.id)).toEqual(['plugin.acme.rule']);
    expect(PLUGIN_API_VERSION).toBe(1);
  });

  it('a fact of its own may take the key of a flink-doctor fact: its checks read its own (a later built-in fact breaks nothing)', () => {
    const valid = validatePlugin(plugin({ facts: { jars: { gather: () => 'own' } } }), ctx);
    expect(Object.keys(valid.facts)).toEqual(['jars']);
  });

  it.each([
    [undefined, 'its default export is not an object (undefined); expected export default definePlugin({ apiVersion: 1, name, checks })'],
    [() => undefined, 'its default export is not an object (a function)'],
    [[check()], 'its default export is not an object (an array)'],
    [{ name: 'acme', checks: [check()] }, 'it declares no apiVersion (add apiVersion: 1)'],
    [plugin({ apiVersion: '1' }), 'apiVersion must be a whole number such as 1, not "1"'],
    [plugin({ apiVersion: 2 }), 'it was written for plugin API 2; flink-doctor 0.1.0 speaks plugin API 1'],
    [plugin({ name: 'Acme Corp' }), 'name must be lower-case letters, digits and dashes (such as "acme-policy"), not "Acme Corp"'],
    [plugin({ version: 3 }), 'version must be a non-empty string, not 3'],
    [plugin({ checks: [] }), 'checks must be a non-empty array of checks'],
    [plugin({ checks: [null] }), 'checks[0] is not an object (null)'],
    [
      plugin({ checks: [check({ id: 'java.runtime' })] }),
      'check "java.runtime" takes a built-in check id; a plugin\'s check ids are plugin.acme.<id>',
    ],
    [plugin({ checks: [check({ id: 'plugin.other.rule' })] }), 'check id "plugin.other.rule" is not plugin.acme.<id>'],
    [plugin({ checks: [check({ id: 'plugin.acme.Rule' })] }), 'check id "plugin.acme.Rule" is not plugin.acme.<id>'],
    [plugin({ checks: [check(), check()] }), 'check id "plugin.acme.rule" is used twice'],
    [plugin({ checks: [check({ title: '' })] }), 'check "plugin.acme.rule" needs a non-empty title'],
    [plugin({ checks: [check({ reads: 'jars' })] }), 'check "plugin.acme.rule" reads must be an array of strings'],
    [
      plugin({ checks: [check({ needs: ['jar'] })] }),
      'check "plugin.acme.rule" needs "jar", which neither flink-doctor nor the plugin gathers',
    ],
    [plugin({ checks: [check({ run: 'ok' })] }), 'check "plugin.acme.rule" has no run function'],
    [plugin({ facts: [] }), 'facts is not an object (an array)'],
    [plugin({ facts: { 'my-fact': { gather: () => 1 } } }), 'fact key "my-fact" must be camelCase letters and digits'],
    [plugin({ facts: { platform: {} } }), 'fact "platform" has no gather function'],
    [
      plugin({ facts: { platform: { needs: ['platform'], gather: () => 1 } } }),
      'fact "platform" needs "platform", which flink-doctor does not gather',
    ],
    [
      plugin({ facts: { platform: { timeoutMs: 0, gather: () => 1 } } }),
      'fact "platform" timeoutMs must be a number of milliseconds above 0 and at most 120000',
    ],
    [
      plugin({ facts: { platform: { timeoutMs: 600_000, gather: () => 1 } } }),
      'fact "platform" timeoutMs must be a number of milliseconds above 0 and at most 120000',
    ],
  ])('refuses %j: %s', (exported, message) => {
    const reason = refusal(exported);
    expect(reason.startsWith(message), reason).toBe(true);
    expect(reason).not.toContain('\n');
  });
});

describe('checkedOutcome: what a plugin check returns', () => {
  it('keeps a valid outcome, field by field, and drops anything else', () => {
    const valid = {
      status: 'warning',
      summary: 's',
      details: ['d'],
      fix: null,
      facts: { n: 1, b: true, s: 'x', z: null },
      locations: [{ path: '/a.jar', line: 3 }],
      sources: ['u'],
    };
    expect(checkedOutcome({ ...valid, extra: 1 })).toEqual(valid);
  });

  it.each([
    [
      Promise.resolve({ status: 'ok', summary: 's' }),
      'run returned a Promise: checks are synchronous (do asynchronous work in a fact gatherer)',
    ],
    [undefined, 'run returned undefined, not an outcome { status, summary }'],
    ['ok', 'run returned "ok", not an outcome { status, summary }'],
    [{ status: 'fine', summary: 's' }, 'run returned an outcome whose status is "fine", not ok, warning, error, skipped'],
    [{ status: 'ok', summary: '' }, 'run returned an outcome whose summary is "", not a non-empty string'],
    [{ status: 'ok', summary: 's', details: 'd' }, 'run returned an outcome whose details is "d", not an array of strings'],
    [{ status: 'ok', summary: 's', fix: 3 }, 'run returned an outcome whose fix is 3, not a string or null'],
    [{ status: 'ok', summary: 's', facts: { nested: {} } }, 'run returned an outcome whose facts is an object, not an object of strings'],
    [
      { status: 'ok', summary: 's', locations: [{ path: '/a', line: 0 }] },
      'run returned an outcome whose locations is an array, not an array of { path, line? }',
    ],
  ])('refuses %j', (value, message) => {
    expect(() => checkedOutcome(value)).toThrow(message);
  });
});
