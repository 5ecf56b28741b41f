// The connectors section must be sourced and self-consistent: every fact names a source that resolves,
// every factory maps to one of its family's identifiers, and no factory class belongs to two families.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectorsSection } from '../../src/knowledge/connectors.js';
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
