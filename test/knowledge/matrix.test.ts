// The knowledge must be complete and sourced: a missing Flink minor or an unsourced fact fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import type { MatrixDocument } from '../../src/knowledge/matrix.js';
import { compareVersions } from '../../src/knowledge/versions.js';

const root = join(import.meta.dirname, '..', '..');
const raw = JSON.parse(readFileSync(join(root, 'compat-matrix.json'), 'utf8')) as MatrixDocument;
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'compat-matrix.schema.json'), 'utf8'));
const REQUIRED_MINORS = ['1.15', '1.16', '1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'];

describe('compat-matrix.json', () => {
  it('matches its JSON Schema', () => {
    const validate = new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has every Flink minor from 1.15 to 2.3', () => {
    for (const minor of REQUIRED_MINORS) expect(raw.flink[minor], `Flink ${minor} missing`).toBeDefined();
  });

  it.each(REQUIRED_MINORS)('Flink %s: every fact names a source that exists', (minor) => {
    const line = raw.flink[minor]!;
    const groups = [line.java, line.python, line.configFile, ...line.requiresDist, ...(line.knownBadDependencies ?? [])];
    for (const group of groups) {
      expect(group.sources.length, `${minor}: a fact without a source`).toBeGreaterThan(0);
      for (const source of group.sources) {
        expect(raw.sources[source.ref], `${minor}: unknown source ref ${source.ref}`).toBeDefined();
        expect(source.url ?? source.path ?? raw.sources[source.ref]?.url, `${minor}: ${source.ref} has no url or path`).toBeTruthy();
      }
    }
  });

  it.each(REQUIRED_MINORS)('Flink %s: patches, newest patch and Requires-Dist agree', (minor) => {
    const line = raw.flink[minor]!;
    expect(line.patches.at(-1)).toBe(line.newestPatch);
    expect([...line.patches].sort(compareVersions)).toEqual(line.patches);
    expect(line.requiresDist[0]?.since).toBe(`${minor}.0`);
    const sinces = line.requiresDist.map((entry) => entry.since);
    expect([...sinces].sort(compareVersions)).toEqual(sinces);
    for (const entry of line.requiresDist) {
      expect(line.patches).toContain(entry.since);
      expect(entry.requires.some((r) => r.startsWith('apache-flink-libraries'))).toBe(true);
      expect(entry.requires.some((r) => r.startsWith('py4j'))).toBe(true);
    }
    expect(line.java.supported).toContain(line.java.recommended);
  });

  it('is validated on load: a broken document is rejected with the path of the problem', () => {
    const broken = structuredClone(raw);
    delete (broken.flink['2.2'] as { java?: unknown }).java;
    expect(() => loadMatrix(broken)).toThrow(/compat-matrix\.json is invalid: \/flink\/2\.2 must have required property 'java'/);
  });
});

describe('Matrix lookups', () => {
  const matrix = loadMatrix();

  it('rates Java per line as the compatibility pages say', () => {
    expect(matrix.rateJava('1.17.2', 8)).toBe('deprecated');
    expect(matrix.rateJava('1.17', 17)).toBe('unsupported');
    expect(matrix.rateJava('1.18.1', 17)).toBe('experimental');
    expect(matrix.rateJava('2.0.0', 8)).toBe('unsupported');
    expect(matrix.rateJava('2.2', 17)).toBe('supported');
    expect(matrix.rateJava('2.3.0', 21)).toBe('experimental');
  });

  it('picks the Requires-Dist of the patch in force', () => {
    expect(matrix.requiresDistFor('1.20.0')?.since).toBe('1.20.0');
    expect(matrix.requiresDistFor('1.20.4')?.requires.find((r) => r.startsWith('pyarrow'))).toMatch(/<21/);
    expect(matrix.requiresDistFor('1.20.1')?.requires.find((r) => r.startsWith('pyarrow'))).not.toMatch(/<21/);
    expect(matrix.requiresDistFor('9.9.9')).toBeUndefined();
  });
});
