// Properties of the configuration parsers: Flink's config.yaml (through the YAML library, with flink-doctor's depth
// and alias guard in front) and flink-conf.yaml, pipeline.jars values, and flink-doctor.config.json. For any text:
// a result or a described problem, never a throw; for generated well-formed input: the values come back.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { allChecks } from '../../checks/index.js';
import { parseConfig } from '../../src/config/file.js';
import { UsageError } from '../../src/engine/errors.js';
import { LIMITS } from '../../src/engine/limits.js';
import { parseLegacyConfig, parseYamlConfig } from '../../src/flink/config-file.js';
import { analysePipelineValue } from '../../src/flink/pipeline-jars.js';
import { anyText, check, checkAsync, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const YAML_PIECES = [
  '[',
  ']',
  '{',
  '}',
  ':',
  ': ',
  '- ',
  '? ',
  ',',
  '&a ',
  '*a',
  '!tag ',
  '|',
  '>',
  '#',
  '"',
  "'",
  '\n',
  '\n  ',
  '---',
  '...',
  '%YAML 1.2',
  'key',
  'env.java.home',
  '\t',
  '\\',
  '\u0000',
];

/** Nested settings as a user writes them: dotted keys, scalars and lists, a few levels deep. */
const settings = fc.letrec((tie) => ({
  tree: fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    fc.oneof(
      { depthSize: 'small', maxDepth: 4 },
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      tie('tree'),
    ),
    { maxKeys: 5 },
  ),
})).tree as fc.Arbitrary<Record<string, unknown>>;

function flattened(node: Record<string, unknown>, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(node)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // An empty mapping flattens to no key at all, in Flink and in the doctor.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flattened(value as Record<string, unknown>, path, into);
    else into[path] = value;
  }
  return into;
}

describe('config.yaml and flink-conf.yaml', () => {
  it(
    'parseYamlConfig resolves for any text: values or problems naming the file, never a throw',
    async () => {
      await checkAsync(fc.oneof(anyText, textOf(YAML_PIECES, 200)), async (text) => {
        const parsed = await parseYamlConfig(text, 'config.yaml');
        for (const problem of parsed.problems) expect(problem.message).toMatch(/^config\.yaml(:\d+)?: /);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'nesting past the limit is a problem with a line, however it is written',
    async () => {
      const deep = fc
        .tuple(fc.integer({ min: LIMITS.yamlDepth + 1, max: 400 }), fc.constantFrom('[', '{a: ', '- ', '? '))
        .map(([n, open]) => `k: ${open.repeat(n)}x`);
      await checkAsync(deep, async (text) => {
        const parsed = await parseYamlConfig(text, 'config.yaml');
        expect(parsed.problems[0]?.message ?? '').toMatch(/^config\.yaml:1: (nested more than 64 levels deep|not valid YAML)/);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'well-formed settings come back flattened into dotted keys',
    async () => {
      await checkAsync(settings, async (tree) => {
        const parsed = await parseYamlConfig(stringify(tree), 'config.yaml');
        expect(parsed.problems).toEqual([]);
        expect(parsed.values).toEqual(flattened(tree));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'parseLegacyConfig never throws and reads "key: value" lines back',
    () => {
      check(anyText, (text) => void parseLegacyConfig(text));
      check(
        fc.dictionary(fc.stringMatching(/^[a-z][a-z.]{0,12}$/), fc.stringMatching(/^[^#\s][^#\n\r]{0,20}[^#\s]$/), { maxKeys: 8 }),
        (values) => {
          const parsed = parseLegacyConfig(
            Object.entries(values)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n'),
          );
          expect(parsed.values).toEqual(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim()])));
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('pipeline.jars values', () => {
  const value = fc.oneof(
    anyText,
    textOf(['file:', '///', 'local:', 'hdfs://', ';', ',', ' ', '[', ']', '"', '.jar', 'C:\\', '\\', '%20', '\u0000'], 40),
    fc.array(anyText, { maxLength: 5 }),
    fc.dictionary(fc.string(), anyText),
    fc.integer(),
    fc.constant(null),
  );

  it(
    'analysePipelineValue never throws, whatever the value',
    () => {
      check(value, (v) => {
        const analysis = analysePipelineValue('pipeline.jars', v, '/base');
        expect(analysis.entries.length).toBeLessThanOrEqual(LIMITS.pipelineEntries);
        expect(analysis.issues.length).toBeLessThanOrEqual(25);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    ';-separated file: URLs of absolute paths are read back as those paths, with no issue',
    () => {
      const segment = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((s) => s !== '.' && s !== '..');
      const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}.jar`);
      check(fc.array(path, { minLength: 1, maxLength: 10 }), (paths) => {
        const analysis = analysePipelineValue('pipeline.jars', paths.map((p) => `file://${p}`).join(';'), '/base');
        expect(analysis.issues).toEqual([]);
        expect(analysis.entries.map((e) => e.path)).toEqual(paths);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('flink-doctor.config.json', () => {
  const ids = allChecks.map((c) => c.id);
  const json = fc.oneof(
    anyText,
    fc.json(),
    fc.jsonValue().map((v) => JSON.stringify({ severity: v, ignore: v, jars: v, only: v, python: v })),
  );

  it(
    'parseConfig gives a config or a UsageError naming the file, for any text',
    () => {
      check(json, (text) => {
        try {
          parseConfig(text, '/repo/flink-doctor.config.json', ids);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
          expect((error as Error).message).toMatch(/^\/repo\/flink-doctor\.config\.json: /);
        }
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a well-formed config is accepted and its paths are resolved against its folder',
    () => {
      const config = fc.record({
        python: fc.stringMatching(/^[a-z][a-z0-9/._-]{0,20}$/),
        strict: fc.boolean(),
        jars: fc.array(fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}$/), { minLength: 1, maxLength: 4 }),
        only: fc.subarray(ids),
      });
      check(config, (c) => {
        const parsed = parseConfig(JSON.stringify(c), '/repo/flink-doctor.config.json', ids);
        expect(parsed.strict).toBe(c.strict);
        expect(parsed.jars).toEqual(c.jars.map((j) => `/repo/${j}`));
        expect(parsed.only).toEqual(c.only);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
