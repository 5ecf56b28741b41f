// The README's table of connector and format families × the Flink lines the matrix knows, generated from
// compat-matrix.json (scripts/update-readme.mjs writes it, test/readme.test.ts keeps it true): what the doctor
// recommends for each line, so a user sees at once whether their connector is covered.
import type { ConnectorFamily } from './connectors.js';
import type { Matrix } from './matrix.js';

/** One cell: the connector release recommended for the line, "in Flink" for in-tree builds, "–" for none. */
function cell(matrix: Matrix, family: ConnectorFamily, minor: string): string {
  const knowledge = matrix.connectors();
  const patch = matrix.resolvePatch(minor);
  const recommended = knowledge.recommend(family, minor, patch);
  if (!recommended) return '–';
  if (recommended.version === patch) return 'in Flink';
  const release = knowledge.releasesFor(family, minor)[0];
  return release?.version ?? recommended.version;
}

function describeFamily(family: ConnectorFamily): string {
  const notes = [family.maintainer ? `by ${family.maintainer}` : '', family.datastreamOnly ? 'DataStream only' : ''].filter(Boolean);
  return notes.length > 0 ? `${family.title} (${notes.join(', ')})` : family.title;
}

function artifactOf(family: ConnectorFamily): string {
  const names = [family.fat[0] ?? family.thin[0] ?? ''];
  const later = family.releases.flatMap((r) => r.fat ?? r.thin ?? []).filter((n) => !names.includes(n));
  return [...names, ...new Set(later)].map((n) => `\`${n}\``).join(', ');
}

export function familiesMarkdownTable(matrix: Matrix): string {
  const minors = matrix.minors();
  const families = Object.values(matrix.connectors().section.families);
  const header = `| Family | Artifact | SQL identifiers | ${minors.join(' | ')} |`;
  const rule = `|---|---|---|${minors.map(() => '---').join('|')}|`;
  const rows = families.map((family) => {
    const identifiers = family.identifiers.length > 0 ? family.identifiers.map((i) => `\`${i}\``).join(', ') : '–';
    return `| ${describeFamily(family)} | ${artifactOf(family)} | ${identifiers} | ${minors.map((m) => cell(matrix, family, m)).join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
