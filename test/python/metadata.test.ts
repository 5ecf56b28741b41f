// Core metadata (METADATA / PKG-INFO) and setuptools requires.txt parsing.
import { describe, expect, it } from 'vitest';
import { parseMetadata, parseRequiresTxt } from '../../src/python/metadata.js';
import { parseRequirement } from '../../src/python/pep508.js';
import { metadataText } from '../helpers/python-env.js';

describe('parseMetadata', () => {
  it('reads Name, Version and every Requires-Dist in both forms, not the description', () => {
    const text = metadataText({
      name: 'apache-flink',
      version: '1.20.1',
      requires: ['py4j (==0.10.9.7)', 'numpy>=1.22.4', 'pemja==0.4.1; platform_system != "Windows"'],
    });
    const parsed = parseMetadata(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.metadata.name).toBe('apache-flink');
    expect(parsed.metadata.version).toBe('1.20.1');
    // The description repeats "Requires-Dist:" after the blank line; it must not count.
    expect(parsed.metadata.requiresDist).toEqual(['py4j (==0.10.9.7)', 'numpy>=1.22.4', 'pemja==0.4.1; platform_system != "Windows"']);
    expect(parsed.metadata.headers['requires-python']).toEqual(['>=3.8']);
  });

  it('joins continuation lines and handles CRLF, a BOM and case-insensitive field names', () => {
    const text =
      '\uFEFFMetadata-Version: 2.1\r\nname: Foo.Bar\r\nVERSION: 2.0\r\nDescription: first\r\n        |second line\r\nRequires-Dist: baz\r\n  (>=1.0)\r\n\r\nbody';
    const parsed = parseMetadata(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.metadata.name).toBe('Foo.Bar');
    expect(parsed.metadata.version).toBe('2.0');
    expect(parsed.metadata.headers.description).toEqual(['first\n|second line']);
    expect(parsed.metadata.requiresDist).toEqual(['baz (>=1.0)']);
    const requirement = parseRequirement(parsed.metadata.requiresDist[0] ?? '');
    expect(requirement.ok && requirement.value.specifier).toBe('>=1.0');
  });

  it("stops at a stray non-header line like Python's email parser, keeping what came before", () => {
    const parsed = parseMetadata('Name: x\nVersion: 1\nthis is not a header\nRequires-Dist: y\n');
    expect(parsed.ok && parsed.metadata.requiresDist).toEqual([]);
  });

  it.each([
    ['', 'no Name header'],
    ['Version: 1.0\n', 'no Name header'],
    ['Name: x\n', 'no Version header'],
    ['Name: x\nVersion:   \n', 'no Version header'],
    ['{"name": "x", "version": "1"}', 'no Name header (headers end at'],
    ['   indented first line\nName: x', 'continuation line before any header'],
    ['Name: x\u0000\u0001\u0002Version: 1', 'binary content'],
  ])('returns an error value for garbage %j', (text, message) => {
    const parsed = parseMetadata(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('parseRequiresTxt', () => {
  it('turns [extra], [:marker] and [extra:marker] sections into markers', () => {
    const text = [
      'six>=1.5',
      '# a comment',
      'requests  # trailing comment',
      '',
      '[:python_version < "3.8"]',
      'importlib-metadata',
      '',
      '[docs]',
      'sphinx>=7',
      '',
      '[test:sys_platform == "win32"]',
      'pywin32',
      'colorama; python_version >= "3.7"',
    ].join('\n');
    expect(parseRequiresTxt(text)).toEqual([
      'six>=1.5',
      'requests',
      'importlib-metadata; python_version < "3.8"',
      'sphinx>=7; extra == "docs"',
      'pywin32; (sys_platform == "win32") and extra == "test"',
      'colorama; (python_version >= "3.7") and ((sys_platform == "win32") and extra == "test")',
    ]);
    for (const line of parseRequiresTxt(text)) expect(parseRequirement(line).ok).toBe(true);
  });

  it('returns nothing for an empty file', () => {
    expect(parseRequiresTxt('\n\n# nothing\n')).toEqual([]);
  });
});
