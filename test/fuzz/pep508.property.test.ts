// Properties of the PEP 508 parser and evaluator, and of the Python metadata parsers that feed it (METADATA,
// requires.txt): never a throw, for any text; what a well-formed requirement says survives parsing; the
// release-only fast path of version comparison answers exactly like @renovatebot/pep440.
import { satisfies } from '@renovatebot/pep440';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMetadata, parseRequiresTxt } from '../../src/python/metadata.js';
import {
  evaluateMarker,
  isSpecifier,
  leadingName,
  onlyForAnExtra,
  parseMarker,
  parseRequirement,
  requirementApplies,
  versionSatisfies,
} from '../../src/python/pep508.js';
import type { MarkerEnvironment } from '../../src/facts/index.js';
import { anyText, check, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const ENV: MarkerEnvironment = {
  implementation_name: 'cpython',
  implementation_version: '3.11.7',
  os_name: 'posix',
  platform_machine: 'x86_64',
  platform_python_implementation: 'CPython',
  platform_release: '6.1.0',
  platform_system: 'Linux',
  platform_version: '#1 SMP',
  python_full_version: '3.11.7',
  python_version: '3.11',
  sys_platform: 'linux',
};

const PIECES = [
  'apache-flink',
  'py4j',
  '[',
  ']',
  ',',
  '(',
  ')',
  ';',
  '@',
  ' ',
  '==',
  '>=',
  '<',
  '!=',
  '~=',
  '===',
  '1.2',
  '3.0.*',
  '.post1',
  'rc1',
  '+local',
  'python_version',
  'extra',
  'sys_platform',
  ' and ',
  ' or ',
  ' in ',
  ' not in ',
  '"3.8"',
  "'linux'",
  'https://x/y.whl',
  '\\',
  '\u0000',
  '\n',
];

const name = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,20}[A-Za-z0-9])?$/);
const release = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
const clause = fc.tuple(fc.constantFrom('==', '!=', '<', '<=', '>', '>='), release).map(([op, v]) => `${op}${v}`);
const marker = fc.tuple(
  fc.constantFrom('python_version', 'python_full_version', 'sys_platform', 'extra'),
  fc.constantFrom('==', '!=', '<', '>=', 'in', 'not in'),
  fc.oneof(release, fc.constantFrom('linux', 'win32', 'gcp')),
);
const requirement = fc.record({
  name,
  extras: fc.array(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { maxLength: 3 }),
  clauses: fc.array(clause, { maxLength: 4 }),
  markers: fc.array(marker, { maxLength: 4 }),
});

describe('PEP 508', () => {
  it(
    'parseRequirement and parseMarker never throw, on any text or on text made of their own tokens; leadingName is the key of what parses',
    () => {
      check(fc.oneof(anyText, textOf(PIECES)), (text) => {
        const parsed = parseRequirement(text);
        // What flinkPin (checks/deploy-shared.ts) reads before it parses: the key of every line that parses.
        if (parsed.ok) expect(leadingName(text), text).toBe(parsed.value.key);
        if (parsed.ok && parsed.value.marker) {
          evaluateMarker(parsed.value.marker, { ...ENV, extra: '' });
          requirementApplies(parsed.value, ENV, ['gcp', 'test']);
        }
        const markerResult = parseMarker(text);
        if (markerResult.ok) evaluateMarker(markerResult.value, { ...ENV, extra: 'gcp' });
        if (!parsed.ok) expect(parsed.error).not.toMatch(/Maximum call stack|is not a function|RangeError|TypeError/);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a well-formed requirement keeps its name, extras and specifier, and its marker evaluates',
    () => {
      check(requirement, ({ name: n, extras, clauses, markers }) => {
        const markerText = markers.map(([variable, op, value]) => `${variable} ${op} "${value}"`).join(' and ');
        const line = `${n}${extras.length ? `[${extras.join(',')}]` : ''}${clauses.join(',')}${markerText ? `; ${markerText}` : ''}`;
        const parsed = parseRequirement(line);
        expect(parsed.ok, line).toBe(true);
        if (!parsed.ok) return;
        const { name, extras: parsedExtras, specifier } = parsed.value;
        expect({ name, extras: parsedExtras, specifier }).toEqual({ name: n, extras, specifier: clauses.join(',') });
        expect(leadingName(line)).toBe(parsed.value.key);
        expect(typeof requirementApplies(parsed.value, ENV, extras)).toBe('boolean');
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a line onlyForAnExtra drops parses and does not apply with no extra asked for; every plain extra-only line is one',
    () => {
      const extraOnly = requirement.chain(({ name: n, extras, clauses }) =>
        fc.tuple(fc.constantFrom('"', "'"), name, fc.constantFrom('', ' ', '  ')).map(([quote, extra, space]) => {
          const spec = clauses.length > 0 && extras.length % 2 === 0 ? `(${clauses.join(',')})` : clauses.join(',');
          return `${n}${extras.length ? `[${extras.join(', ')}]` : ''}${space}${spec}${space};${space}extra${space}==${space}${quote}${extra}${quote}`;
        }),
      );
      check(fc.oneof(anyText, textOf([...PIECES, 'extra == "gcp"', 'extra', '"', "'"])), (line) => {
        if (!onlyForAnExtra(line)) return;
        const parsed = parseRequirement(line);
        expect(parsed.ok, line).toBe(true);
        if (parsed.ok) expect(requirementApplies(parsed.value, ENV, [])).toBe(false);
      });
      check(extraOnly, (line) => {
        expect(onlyForAnExtra(line), line).toBe(true);
        const parsed = parseRequirement(line);
        expect(parsed.ok && !requirementApplies(parsed.value, ENV, []), line).toBe(true);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'prefix ("==1.2.*", "!=4.0.*") and compatible-release ("~=2.2.1") clauses on release-only versions answer as @renovatebot/pep440 does',
    () => {
      const prefixClause = fc.tuple(fc.constantFrom('==', '!='), release).map(([op, v]) => `${op}${v}.*`);
      const compatible = fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 4 }).map((parts) => `~=${parts.join('.')}`);
      // Versions built from the clause's own release (longer, shorter, equal) as often as random ones.
      const near = fc.tuple(release, fc.oneof(prefixClause, compatible), fc.nat({ max: 3 })).map(([other, spec, how]) => {
        const own = spec.replace(/^[=!~]+/, '').replace(/\.\*$/, '');
        const shorter = own.split('.').slice(0, -1).join('.') || own;
        return [[other, `${own}.${other}`, shorter, own][how] as string, spec] as const;
      });
      // A version with fewer segments than the prefix is padded with zeros by pip (packaging), not by the library: those
      // cases are rows of test/python/pep508.test.ts, with pip's own answers.
      const segments = (text: string) =>
        text
          .replace(/^[=!~]+/, '')
          .replace(/\.\*$/, '')
          .split('.').length;
      check(fc.oneof(fc.tuple(release, fc.oneof(prefixClause, compatible)), near), ([version, spec]) => {
        fc.pre(segments(version) >= segments(spec));
        expect(versionSatisfies(version, spec)).toBe(satisfies(version, spec, { prereleases: true }));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'release-only comparisons answer exactly as @renovatebot/pep440 does',
    () => {
      check(fc.tuple(release, clause), ([version, spec]) => {
        expect(isSpecifier(spec)).toBe(true);
        expect(versionSatisfies(version, spec)).toBe(satisfies(version, spec, { prereleases: true }));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('Python metadata', () => {
  const header = fc
    .tuple(fc.constantFrom('Name', 'Version', 'Requires-Dist', 'Summary', 'X-Odd', ' ', '\t', ''), anyText)
    .map(([k, v]) => `${k}: ${v}`);

  it(
    'parseMetadata never throws; a header block with Name and Version gives them back',
    () => {
      check(
        fc.oneof(
          anyText,
          fc.array(header, { maxLength: 30 }).map((lines) => lines.join('\n')),
        ),
        (text) => {
          const parsed = parseMetadata(text);
          if (parsed.ok) expect(parsed.metadata.name.length).toBeGreaterThan(0);
        },
      );
      check(fc.tuple(name, release, fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 })), ([n, v, requires]) => {
        const clean = requires.map((r) => r.replace(/[\r\n]/g, ' ').trim()).filter(Boolean);
        const parsed = parseMetadata(
          `Metadata-Version: 2.1\nName: ${n}\nVersion: ${v}\n${clean.map((r) => `Requires-Dist: ${r}\n`).join('')}\nbody`,
        );
        expect(parsed.ok && [parsed.metadata.name, parsed.metadata.version, parsed.metadata.requiresDist]).toEqual([n, v, clean]);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'parseRequiresTxt never throws; every line of a section carries the section marker',
    () => {
      check(fc.oneof(anyText, textOf(['[', ']', ':', '#', '\n', 'extra', 'python_version < "3"', 'pkg>=1', ';'], 80)), (text) => {
        for (const line of parseRequiresTxt(text)) expect(typeof line).toBe('string');
      });
      check(fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.array(name, { minLength: 1, maxLength: 5 })), ([extra, names]) => {
        const lines = parseRequiresTxt(`base>=1\n\n[${extra}]\n${names.join('\n')}\n`);
        expect(lines).toEqual(['base>=1', ...names.map((n) => `${n}; extra == "${extra}"`)]);
        for (const line of lines) expect(parseRequirement(line).ok, line).toBe(true);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
