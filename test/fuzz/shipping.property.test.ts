// Properties of two small readers of what a job ships and runs with: requirements files (src/probes/shipping.ts
// requirementLines, then python.requirements judging each line through the PEP 508 parser) and the JVM options
// (src/flink/jvm-options.ts, then java.options). For any text: lines and options within their caps and a verdict in
// words, never a throw; for generated files: every requirement comes back on its own line number.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import javaOptions from '../../checks/java-options.js';
import pythonRequirements from '../../checks/python-requirements.js';
import { LIMITS } from '../../src/engine/limits.js';
import { effectiveJvmOptions } from '../../src/flink/jvm-options.js';
import { requirementLines } from '../../src/probes/shipping.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { anyText, check, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const ENGINE_WORDS = /is not a function|Maximum call stack|Cannot read properties|undefined|\[object Object\]/;

const REQUIREMENT_PIECES = [
  'apache-flink',
  'pyarrow',
  'numpy',
  '==',
  '>=',
  '<',
  '~=',
  '!=',
  '===',
  '1.20.1',
  '2.2',
  '.*',
  ',',
  ';',
  ' python_version',
  ' < "3.12"',
  ' and ',
  ' or ',
  '[',
  ']',
  '(',
  ')',
  '@ https://x/y.whl',
  '-r other.txt',
  '--index-url https://x',
  '-e .',
  '\\\n',
  '\n',
  '\r\n',
  ' #',
  '#',
  ' ',
  '\t',
  '"',
  "'",
  '\u0000',
];

const OPTION_PIECES = [
  '-Xmx1g',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--add-exports',
  ' ',
  '  ',
  '"',
  "'",
  '\t',
  '\n',
  '-D',
  'a=b',
  '${X}',
  '\\',
];

describe('requirements files', () => {
  it(
    'any text: lines within the line cap, and python.requirements judges them in words',
    () => {
      check(fc.oneof(anyText, textOf(REQUIREMENT_PIECES, 120)), (text) => {
        const lines = requirementLines(text);
        expect(lines.length).toBeLessThanOrEqual(LIMITS.requirementsFileLines);
        for (const { line, text: code } of lines) {
          expect(line).toBeGreaterThanOrEqual(1);
          expect(code).not.toMatch(/^-|^\s|\s$/);
        }
        const shipping = {
          archives: [],
          files: { entries: [], localImports: [] },
          requirements: { entry: 'r.txt', file: '/work/r.txt', requirements: lines, cacheFiles: [] },
        };
        const outcome = decide(pythonRequirements, buildFacts({ shipping }));
        for (const text of [outcome.summary, ...(outcome.details ?? []), outcome.fix ?? '']) expect(text).not.toMatch(ENGINE_WORDS);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'generated files: each requirement comes back with its own line number, comments and options dropped',
    () => {
      const requirement = fc
        .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), fc.constantFrom('', '==1.0', '>=2,<3', '~=1.4'))
        .map(([name, spec]) => `${name}${spec}`);
      const line = fc.oneof(
        requirement.map((r) => ({ r })),
        fc.constantFrom({ r: undefined, text: '# a comment' }, { r: undefined, text: '-r base.txt' }, { r: undefined, text: '' }),
      );
      check(fc.array(line, { maxLength: 30 }), (lines) => {
        const text = lines.map((l) => ('r' in l && l.r !== undefined ? `${l.r}  # why` : (l as { text: string }).text)).join('\n');
        const expected = lines.flatMap((l, i) => (l.r !== undefined ? [{ line: i + 1, text: l.r }] : []));
        expect(requirementLines(text)).toEqual(expected);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('JVM options', () => {
  it(
    'any values and environment: options within the cap, none empty, and java.options judges them in words',
    () => {
      const value = fc.oneof(
        anyText,
        textOf(OPTION_PIECES, 80),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      );
      const keys = fc.record(
        { 'env.java.opts.all': value, 'env.java.default-opts.all': value, 'env.java.opts': value },
        { requiredKeys: [] },
      );
      const env = fc.record(
        { JVM_ARGS: fc.oneof(anyText, textOf(OPTION_PIECES, 40)), FLINK_ENV_JAVA_OPTS: fc.oneof(anyText, textOf(OPTION_PIECES, 40)) },
        { requiredKeys: [] },
      );
      check(fc.tuple(keys, env), ([values, environment]) => {
        const view = effectiveJvmOptions(values, environment);
        expect(view.options.length).toBeLessThanOrEqual(view.from.length * LIMITS.jvmOptions);
        for (const option of view.options) expect(option).toMatch(/^\S+$/);
        const outcome = decide(javaOptions, buildFacts({ jvmOptions: view }));
        for (const text of [outcome.summary, ...(outcome.details ?? []), outcome.fix ?? '']) expect(text).not.toMatch(ENGINE_WORDS);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a value of more options than the cap keeps the first LIMITS.jvmOptions, in order',
    () => {
      const around = fc.constantFrom(LIMITS.jvmOptions - 1, LIMITS.jvmOptions, LIMITS.jvmOptions + 1, 3 * LIMITS.jvmOptions);
      check(fc.oneof({ arbitrary: fc.integer({ min: 1, max: 60 }), weight: 20 }, { arbitrary: around, weight: 1 }), (n) => {
        const options = Array.from({ length: n }, (_, i) => `-Dk${i}=v`);
        expect(effectiveJvmOptions({ 'env.java.opts.all': options.join(' ') }, {}).options).toEqual(options.slice(0, LIMITS.jvmOptions));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
