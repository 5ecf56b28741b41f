// PEP 508 requirement parsing, marker evaluation, PEP 503 names and PEP 440 specifier checks.
import { describe, expect, it } from 'vitest';
import {
  MARKER_ENVIRONMENT_KEYS,
  compareMarkerValues,
  evaluateMarker,
  normalizeName,
  onlyForAnExtra,
  parseMarker,
  parseRequirement,
  requirementApplies,
  versionSatisfies,
  type MarkerContext,
  type Requirement,
} from '../../src/python/pep508.js';
import { LINUX_PY311_MARKERS as LINUX_311 } from '../helpers/facts.js';

function req(line: string): Requirement {
  const parsed = parseRequirement(line);
  if (!parsed.ok) throw new Error(`expected "${line}" to parse: ${parsed.error}`);
  return parsed.value;
}

function marker(text: string, env: Partial<MarkerContext> = {}): boolean {
  const parsed = parseMarker(text);
  if (!parsed.ok) throw new Error(`expected marker "${text}" to parse: ${parsed.error}`);
  return evaluateMarker(parsed.value, { ...LINUX_311, ...env });
}

describe('MARKER_ENVIRONMENT_KEYS (the one list of environment markers; the python probe reads exactly these)', () => {
  it('is every field of MarkerEnvironment, and each one (and extra) is a variable a marker may name', () => {
    expect([...MARKER_ENVIRONMENT_KEYS].sort()).toEqual(Object.keys(LINUX_311).sort());
    for (const key of [...MARKER_ENVIRONMENT_KEYS, 'extra']) expect(parseMarker(`${key} == "x"`).ok, key).toBe(true);
    expect(parseMarker('python_implementation_name == "x"').ok).toBe(false);
  });
});

describe('normalizeName (PEP 503)', () => {
  it.each([
    ['ruamel.yaml', 'ruamel-yaml'],
    ['Apache_Flink', 'apache-flink'],
    ['zope..interface', 'zope-interface'],
    ['a-_.b', 'a-b'],
    ['PyYAML', 'pyyaml'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe('parseRequirement', () => {
  it('reads the old parenthesised form "x (>=1)"', () => {
    expect(req('pyarrow (<9.0.0,>=5.0.0)')).toMatchObject({ name: 'pyarrow', key: 'pyarrow', specifier: '<9.0.0,>=5.0.0', extras: [] });
  });

  it('reads the plain form "x>=1" with spaces around clauses', () => {
    expect(req('pyarrow >= 5.0.0 , < 9.0.0').specifier).toBe('>=5.0.0,<9.0.0');
  });

  it('reads a bare name', () => {
    expect(req('six')).toMatchObject({ name: 'six', specifier: '', extras: [] });
    expect(req('six').marker).toBeUndefined();
  });

  it('reads extras and normalises them', () => {
    expect(req('apache-beam[GCP, aws_extra]>=2.54').extras).toEqual(['gcp', 'aws-extra']);
    expect(req('x[]').extras).toEqual([]);
  });

  it('reads a marker after ";" and keeps its text', () => {
    const parsed = req('pemja==0.4.1; platform_system != "Windows"');
    expect(parsed.specifier).toBe('==0.4.1');
    expect(parsed.markerText).toBe('platform_system != "Windows"');
    expect(parsed.marker).toEqual({
      kind: 'compare',
      left: { kind: 'variable', name: 'platform_system' },
      op: '!=',
      right: { kind: 'string', value: 'Windows' },
    });
  });

  it('reads a marker after the parenthesised form with a space before ";"', () => {
    const parsed = req("google-cloud-core (<3,>=2.0.0) ; extra == 'gcp'");
    expect(parsed.specifier).toBe('<3,>=2.0.0');
    expect(parsed.markerText).toBe("extra == 'gcp'");
  });

  it('reads "name @ url ; marker"', () => {
    const parsed = req('pip @ https://example.invalid/pip-24.0-py3-none-any.whl ; python_version >= "3.8"');
    expect(parsed.url).toBe('https://example.invalid/pip-24.0-py3-none-any.whl');
    expect(parsed.specifier).toBe('');
    expect(parsed.markerText).toBe('python_version >= "3.8"');
  });

  it('reads wildcards, ~=, === and local versions', () => {
    expect(req('numpy==1.26.*').specifier).toBe('==1.26.*');
    expect(req('x~=1.4.2').specifier).toBe('~=1.4.2');
    expect(req('x===1.0-weird').specifier).toBe('===1.0-weird');
    expect(req('torch==2.3.0+cpu').specifier).toBe('==2.3.0+cpu');
  });

  it.each([
    ['', 'distribution name'],
    ['   ', 'distribution name'],
    ['-leading-dash', 'distribution name'],
    ['bad req!!', 'version operator'],
    ['x >= ', 'version after ">="'],
    ['x (>=1', '")"'],
    ['x[a,', 'extra name'],
    ['x[a b]', '"," or "]"'],
    ['x>=1.0.*', 'not a valid PEP 440'],
    ['x~=1', 'not a valid PEP 440'],
    ['x; foo == "1"', 'unknown marker variable "foo"'],
    ['x; python_version >= "3.8', 'closing "'],
    ['x; python_version', 'marker operator'],
    ['x; "a" == "b"', 'marker variable on one side'],
    ['x; (python_version > "3"', '")" in the marker'],
    ['x @ https://u;python_version>"3"', 'whitespace and ";"'],
    ['x>=1 junk', 'end of requirement'],
    ['\u0000\u0001garbage', 'distribution name'],
  ])('returns an error value for %j (%s), never throws', (line, message) => {
    const parsed = parseRequirement(line);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toContain(message);
      expect(parsed.input).toBe(line);
    }
  });
});

describe('evaluateMarker', () => {
  it('compares versions by PEP 440, not as text', () => {
    expect(marker('python_version >= "3.8"')).toBe(true);
    expect(marker('python_version < "3.9"')).toBe(false);
    expect(marker('python_version > "3.9"')).toBe(true); // "3.11" < "3.9" as text
    expect(marker('python_full_version >= "3.11.7"')).toBe(true);
    expect(marker('python_version == "3.11.*"')).toBe(true);
    expect(marker('python_version ~= "3.10"')).toBe(true);
    expect(marker('python_version != "3.11"')).toBe(false);
    expect(marker('python_full_version < "3.13.0rc1"', { python_full_version: '3.13.0b4' })).toBe(true);
  });

  it('puts the variable on either side', () => {
    expect(marker('"3.8" <= python_version')).toBe(true);
    expect(marker('"3.12" <= python_version')).toBe(false);
    expect(marker('"linux" == sys_platform')).toBe(true);
  });

  it('falls back to string comparison for non-versions', () => {
    expect(marker('platform_machine == "x86_64"')).toBe(true);
    expect(marker('platform_machine != "arm64"')).toBe(true);
    expect(marker('sys_platform == "win32"')).toBe(false);
    expect(marker('platform_release >= "5"')).toBe(true);
  });

  it('supports in / not in as substring tests (as packaging does)', () => {
    expect(marker('sys_platform in "linux darwin"')).toBe(true);
    expect(marker('sys_platform not in "win32 cygwin"')).toBe(true);
    expect(marker('"x86" in platform_machine')).toBe(true);
    expect(marker('platform_machine not in "x86_64 amd64"')).toBe(false);
  });

  it('supports === as case-insensitive string equality', () => {
    expect(marker('platform_python_implementation === "cpython"')).toBe(true);
    expect(marker('python_version === "3.11.0"')).toBe(false);
  });

  it('honours and/or precedence and parentheses', () => {
    expect(marker('sys_platform == "win32" or python_version >= "3.8" and os_name == "posix"')).toBe(true);
    expect(marker('(sys_platform == "win32" or python_version >= "3.8") and os_name == "nt"')).toBe(false);
    expect(marker('sys_platform == "win32" and python_version >= "3.8" or os_name == "posix"')).toBe(true);
    expect(marker('((python_version>"3.7"))and(os_name=="posix")')).toBe(true);
  });

  it('accepts the pre-PEP 508 dotted names old egg-info still carries', () => {
    expect(marker('os.name == "posix" and sys.platform == "linux"')).toBe(true);
    expect(marker('python_implementation == "CPython"')).toBe(true);
  });

  it('evaluates extra by normalised name, "" when not set', () => {
    expect(marker('extra == "gcp"')).toBe(false);
    expect(marker('extra == "gcp"', { extra: 'gcp' })).toBe(true);
    expect(marker("extra == 'Dev_Tools'", { extra: 'dev-tools' })).toBe(true);
  });

  it('treats undefined comparisons (~= between non-versions) as false instead of throwing', () => {
    expect(marker('platform_machine ~= "x86"')).toBe(false);
    expect(compareMarkerValues('abc', '~=', 'abd')).toBe(false);
  });
});

describe('requirementApplies', () => {
  it('applies unmarked requirements and those whose marker holds', () => {
    expect(requirementApplies(req('six'), LINUX_311)).toBe(true);
    expect(requirementApplies(req('pemja==0.4.1; platform_system != "Windows"'), LINUX_311)).toBe(true);
    expect(requirementApplies(req('pywin32>=300; platform_system == "Windows"'), LINUX_311)).toBe(false);
  });

  it('applies extra-only requirements only when that extra was asked for', () => {
    const gcp = req("google-cloud-core (<3,>=2.0.0) ; extra == 'gcp'");
    expect(requirementApplies(gcp, LINUX_311)).toBe(false);
    expect(requirementApplies(gcp, LINUX_311, ['aws'])).toBe(false);
    expect(requirementApplies(gcp, LINUX_311, ['aws', 'gcp'])).toBe(true);
  });
});

describe('versionSatisfies', () => {
  it.each([
    ['21.0.0', '>=5.0.0', true],
    ['21.0.0', '<21.0.0,>=5.0.0', false],
    ['1.20.0.post1', '==1.20.0', false],
    ['1.20.0.post1', '>=1.20.0,<1.20.1', true],
    ['2.0.0rc1', '>=1.0', true], // pre-releases count for an installed version, as in `pip check`
    ['1.26.4', '==1.26.*', true],
    ['0.10.9.7', '==0.10.9.7', true],
    ['1.0', '', true],
    ['not-a-version', '>=1', false],
    ['1.0', 'garbage', false],
    ['1.0-weird', '===1.0-weird', true],
  ])('%s satisfies %j: %s', (version, spec, expected) => {
    expect(versionSatisfies(version, spec)).toBe(expected);
  });
});

describe('prefix and compatible-release clauses on a shorter version: padded with zeros, as pip does', () => {
  // pip 23.2.1's vendored packaging, run on this machine: SpecifierSet(clause).contains(version, prereleases=True).
  // @renovatebot/pep440 does not pad ("0" fails "==0.0.*"); pip does, and pip decides what installs.
  it.each([
    ['0', '==0.0.*', true],
    ['1', '==1.0.*', true],
    ['1', '!=1.0.*', false],
    ['2.2', '~=2.2.0', true],
    ['2.2.1', '~=2.2.1', true],
    ['1.0', '==1.*', true],
    ['1.65.5', '!=1.59.*', true], // grpcio in the apache-flink 2.3 venv
    ['2.2.1', '~=2.3', false],
  ])('%s %s: %s', (version, clause, expected) => {
    expect(versionSatisfies(version, clause)).toBe(expected);
  });
});

describe('exclusive ordered comparisons (PEP 440 rules, where @renovatebot/pep440 is too strict)', () => {
  it.each([
    ['3.13.0b4', '<3.13.0rc1', true],
    ['3.13.0rc1', '<3.13.0', false], // a pre-release of V is not "< V"
    ['3.13.0a1', '<3.13', false],
    ['3.12.1', '<3.13.0rc1', true],
    ['1.0.post2', '>1.0.post1', true],
    ['1.0.post1', '>1.0', false], // a post-release of V is not "> V"
    ['1.0+local', '>1.0', false],
    ['1.1', '>1.0', true],
    ['1.0', '>1.0', false],
    ['1.0', '<1.0', false],
    ['0.9', '<1.0', true],
  ])('%s %s: %s', (version, clause, expected) => {
    expect(versionSatisfies(version, clause)).toBe(expected);
  });

  it('applies in markers too', () => {
    expect(marker('python_full_version < "3.13.0rc1"', { python_full_version: '3.13.0b4' })).toBe(true);
  });
});

describe('onlyForAnExtra (a walk that asked for no extra drops these lines unparsed)', () => {
  // Shapes of real Requires-Dist lines (apache-beam, requests, pandas, sphinx metadata), and their near misses.
  it.each([
    'pytest; extra == "test"',
    "grpcio-tools (>=1.3.5,<=1.14.2) ; extra == 'gcp'",
    'Sphinx[foo, bar]>=1.0 ; extra=="docs"',
    'numpy==1.26.*;extra == "x"',
    'x ~= 2.2.1 ; extra == "Dev_Tools"',
    '  PySocks!=1.5.7,>=1.5.6 ; extra == "socks"  ',
  ])('true for %j: it parses, and it does not apply with no extra asked for', (line) => {
    expect(onlyForAnExtra(line)).toBe(true);
    expect(requirementApplies(req(line), LINUX_311, [])).toBe(false);
  });

  it.each([
    ['x; extra == "test" and python_version < "3"', 'a second comparison'],
    ['x; python_version < "3.8"', 'no extra'],
    ['x; extra == " "', 'an extra that normalises to "" (it applies with none asked for)'],
    ['x; extra == ""', 'an empty extra'],
    ['x; "a" == extra', 'the variable on the right'],
    ['x>=1.0.*; extra == "a"', 'an invalid clause (it does not parse)'],
    ['x~=1; extra == "a"', 'an invalid clause (it does not parse)'],
    ['x[]; extra == "a"', 'no extra between the brackets'],
    ['x @ https://u/x.whl ; extra == "a"', 'a URL'],
    ['x==2.3.0+cpu; extra == "a"', 'a local version'],
    ['x; extra != "a"', 'another operator'],
    [`x${',>=1'.repeat(33).replace(',', '')}; extra == "a"`, 'more parts than the parser takes'],
  ])('false for %j (%s): parse to know', (line) => {
    expect(onlyForAnExtra(line)).toBe(false);
  });
});
