// The connectors section must be sourced and self-consistent: every fact names a source that resolves,
// every factory maps to one of its family's identifiers, and no factory class belongs to two families.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectorKnowledge, type ConnectorsSection } from '../../src/knowledge/connectors.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import type { SourceRef } from '../../src/knowledge/matrix.js';

const root = join(import.meta.dirname, '..', '..');
const raw = JSON.parse(readFileSync(join(root, 'compat-matrix.json'), 'utf8')) as {
  sources: Record<string, { url?: string }>;
  connectors: ConnectorsSection;
};
const section = raw.connectors;
const families = Object.entries(section.families);

function expectResolves(where: string, sources: readonly SourceRef[]) {
  expect(sources.length, `${where}: a fact without a source`).toBeGreaterThan(0);
  for (const source of sources) {
    const table = section.sources?.[source.ref] ?? raw.sources[source.ref];
    expect(table, `${where}: unknown source ref ${source.ref}`).toBeDefined();
    expect(source.url ?? source.path ?? table?.url, `${where}: ${source.ref} has no url or path`).toBeTruthy();
  }
}

describe('compat-matrix.json connectors', () => {
  it.each(families)('%s: every fact names a source that resolves', (key, family) => {
    expectResolves(key, family.sources);
    for (const release of family.releases) expectResolves(`${key} ${release.version}`, release.sources);
    for (const change of family.factoriesSince ?? []) expectResolves(`${key} factoriesSince ${change.since}`, change.sources);
  });

  it.each(families)("%s: factories register only the family's identifiers", (key, family) => {
    const registered = [...Object.values(family.factories), ...(family.factoriesSince ?? []).flatMap((c) => Object.values(c.factories))];
    // A family without Table factories (DataStream-only: rabbitmq, cassandra, …) claims no SQL identifier either.
    if (registered.length === 0) expect(family.identifiers, key).toEqual([]);
    for (const identifier of registered) expect(family.identifiers, `${key}: ${identifier}`).toContain(identifier);
  });

  it('maps each factory class and each artifact to one family only', () => {
    const seen = new Map<string, string>();
    for (const [key, family] of families) {
      for (const name of [...Object.keys(family.factories), ...family.fat, ...family.thin]) {
        expect(seen.get(name), `${name} in ${seen.get(name)} and ${key}`).toBeUndefined();
        seen.set(name, key);
      }
    }
  });

  it('names the identifier a factory registers in a given release (legacy Kinesis renamed in AWS 5.0.0)', () => {
    const knowledge = loadMatrix().connectors();
    const legacy = knowledge.family('kinesis-legacy');
    const factory = 'org.apache.flink.streaming.connectors.kinesis.table.KinesisDynamicTableFactory';
    expect(legacy && knowledge.identifierOf(legacy, factory, '4.3.0')).toBe('kinesis');
    expect(legacy && knowledge.identifierOf(legacy, factory, '5.0.0')).toBe('kinesis-legacy');
    expect(legacy && knowledge.identifierOf(legacy, factory)).toBe('kinesis');
    expect(knowledge.providersOf('kinesis').map((p) => p.key)).toEqual(['kinesis', 'kinesis-legacy']);
    expect(knowledge.familyOfFactory('org.apache.flink.connector.jdbc.core.table.JdbcDynamicTableFactory')).toMatchObject({
      key: 'jdbc',
      identifier: 'jdbc',
    });
  });
});

describe('ConnectorKnowledge.familyOfArtifact', () => {
  // Two of the matrix's families renamed so that one name fits both: the first in the matrix's order (family, fat
  // before thin) wins, whether it holds {flink} or not, as when every name was walked in turn.
  type Family = ConnectorsSection['families'][string];
  const named = (family: Family, fat: string[], thin: string[] = []): Family => ({
    ...family,
    fat,
    thin,
    artifactsByFlink: [],
    releases: family.releases.map(({ fat: _fat, thin: _thin, ...release }) => release),
  });
  const [[, first], [, second]] = families as [[string, Family], [string, Family]];
  const knowledge = (order: [string, Family][]) => new ConnectorKnowledge({ ...section, families: Object.fromEntries(order) });

  it('gives the first match in the matrix order', () => {
    const pattern = named(first, ['x-runtime-{flink}']);
    const plain = named(second, [], ['x-runtime-1.20']);
    expect(
      knowledge([
        ['p', pattern],
        ['q', plain],
      ]).familyOfArtifact('x-runtime-1.20'),
    ).toMatchObject({ key: 'p', role: 'fat', builtFor: '1.20' });
    const found = knowledge([
      ['q', plain],
      ['p', pattern],
    ]).familyOfArtifact('x-runtime-1.20_2.12');
    expect(found).toMatchObject({ key: 'q', role: 'thin' });
    expect(found?.builtFor).toBeUndefined();
    expect(
      knowledge([
        ['q', plain],
        ['p', named(first, ['x-runtime-1.20'])],
      ]).familyOfArtifact('x-runtime-1.20')?.key,
    ).toBe('q');
    expect(knowledge([['p', pattern]]).familyOfArtifact('x-runtime-1.x')).toBeUndefined();
  });
});
