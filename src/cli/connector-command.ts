// `flink-doctor connector NAME [--flink-version V]`: the artifact PyFlink needs for a connector or format
// (the fat SQL JAR where one exists), its newest build for the Flink line, the download URL and the
// pipeline.jars line. Exit 0 when a build for the line exists, 1 when only another line has one, 2 on bad input.
import { UsageError } from '../engine/errors.js';
import { EXIT } from '../engine/model.js';
import type { Options } from '../engine/options.js';
import { nameForLine } from '../knowledge/artifacts.js';
import type { ConnectorFamily } from '../knowledge/connectors.js';
import type { Matrix } from '../knowledge/matrix.js';
import { minorOf } from '../knowledge/versions.js';
import { buildForLine, chooseBuild, describeChoice, type BuildChoice, type VersionLists } from '../maven/advice.js';
import { DiskCache, cacheDir } from '../maven/cache.js';
import { gaKey } from '../maven/coordinates.js';
import { dataNote } from '../maven/describe.js';
import { resolveRepository, type RepositoryConfig } from '../maven/repository.js';
import { loadSnapshot } from '../maven/snapshot.js';
import { createFactStore } from '../probes/registry.js';
import { clip, visible } from '../util/text.js';

interface Candidate {
  groupId: string;
  artifactId: string;
  fat: boolean;
}

interface Io {
  stdout: { write(text: string): unknown };
}

// Only the fields this command needs from compat-matrix.json `connectors` (read loosely: it is an extension).
interface FamilyLike {
  title?: string;
  groupIds?: string[];
  fat?: string[];
  thin?: string[];
  identifiers?: string[];
}

export async function runConnectorCommand(args: readonly string[], options: Options, matrix: Matrix, io: Io): Promise<number> {
  const name = args[0]?.trim();
  if (!name || args.length > 1) throw new UsageError('usage: flink-doctor connector NAME [--flink-version V] (e.g. kafka, jdbc, avro)');
  // The name first: an unknown one must not cost a Python or Java start (the target probe) before exit 2.
  const { title, candidates, family } = await candidatesFor(name, matrix);
  if (candidates.length === 0)
    throw new UsageError(`unknown connector or format '${clip(name, 80)}' (known: ${(await knownNames(matrix)).join(', ')})`);
  const line = await targetLine(options, matrix);
  // Third-party runtimes put the Flink line into the artifactId (iceberg-flink-runtime-{flink}).
  const forLine = candidates.map((c) => ({ ...c, artifactId: nameForLine(c.artifactId, line) }));

  const repository = await resolveRepository(options.mavenRepo, options.env);
  const found = await bestBuild(forLine, line, repository, options);
  const { reasons } = found;
  // A family the matrix knows: the build the checks name for it (src/maven/advice.ts buildForLine), so the command and
  // jars.thin / jars.flink-version never give two answers (a partial mirror or an older snapshot may list no build of
  // the line that the matrix's sources confirm).
  const chosen = (family && agreedBuild(family, line, matrix, found, repository.url)) ?? found.chosen;
  if (!chosen) {
    const message = `no published build of ${title} found${reasons.length ? `: ${reasons.join('; ')}` : ''}`;
    io.stdout.write(
      options.json ? `${JSON.stringify({ connector: name, flinkLine: line, found: false, message }, null, 2)}\n` : `${visible(message)}\n`,
    );
    return EXIT.PROBLEMS;
  }
  io.stdout.write(options.json ? choiceJson(chosen, name, title, line, repository.url) : choiceText(chosen, title, line));
  return chosen.choice.exact ? EXIT.OK : EXIT.PROBLEMS;
}

/** The build a candidate published for the line, the data's age note, and which candidate it is. */
interface Chosen {
  choice: BuildChoice;
  candidate: Candidate;
  note?: string;
  /** The version is the matrix's: the repository's list (when there was one) has no build of the line. */
  fromMatrix?: boolean;
}

/** What the repository said for each candidate asked, by "g:a" (buildForLine's version lists, with the data's age note). */
type Lists = Record<string, VersionLists['versions'][string] & { note?: string }>;

/** buildForLine's answer for the family, as the command's choice; undefined when it has none with a download URL. */
function agreedBuild(family: ConnectorFamily, line: string, matrix: Matrix, found: Found, repositoryUrl: string): Chosen | undefined {
  const build = buildForLine({ line, patch: null, family }, { matrix, versions: { versions: found.lists }, repositoryUrl });
  if (!build?.url) return undefined;
  const { groupId, artifactId, version, exact, url } = build;
  const fat = (family.fat ?? []).includes(artifactId);
  const note = found.lists[gaKey(build)]?.note;
  return {
    choice: { groupId, artifactId, version, line: build.line, exact, url },
    candidate: { groupId, artifactId, fat },
    ...(note ? { note } : {}),
    ...(build.from === 'matrix' ? { fromMatrix: true } : {}),
  };
}

interface Found {
  chosen?: Chosen;
  reasons: string[];
  lists: Lists;
}

/** The build to recommend: the first candidate (in the order candidatesFor gives) with one for the line,
 * else the first with a build for another line; and why candidates without data were passed over. */
async function bestBuild(candidates: readonly Candidate[], line: string, repository: RepositoryConfig, options: Options): Promise<Found> {
  const { MavenClient } = await import('../maven/client.js');
  const client = new MavenClient({ repository, offline: options.offline, cache: new DiskCache(cacheDir(options.env)), env: options.env });
  let chosen: Chosen | undefined;
  const reasons: string[] = [];
  const lists: Lists = {};
  try {
    for (const candidate of candidates) {
      const result = await client.versions(candidate);
      const note = dataNote(result);
      lists[gaKey(candidate)] = { versions: result.versions, ...(result.notFound ? { notFound: true } : {}), ...(note ? { note } : {}) };
      if (!result.versions) {
        reasons.push(`${candidate.artifactId}: ${result.note ?? 'no data'}`);
        continue;
      }
      const choice = chooseBuild(repository.url, candidate.groupId, candidate.artifactId, result.versions, line);
      if (!choice) continue;
      if (choice.exact || !chosen) chosen = { choice, candidate, ...(note ? { note } : {}) };
      if (choice.exact) break;
    }
  } finally {
    await client.close();
  }
  return { chosen, reasons, lists };
}

function pipelineJarsOf(choice: BuildChoice): string {
  return `file:///path/to/${choice.artifactId}-${choice.version}.jar`;
}

/** --json: the chosen build as one document; `found` is true only for a build of the line itself. */
function choiceJson(
  { choice, candidate, note, fromMatrix }: Chosen,
  name: string,
  title: string,
  line: string,
  repositoryUrl: string,
): string {
  const doc = {
    connector: name,
    title,
    flinkLine: line,
    found: choice.exact,
    fat: candidate.fat,
    groupId: choice.groupId,
    artifactId: choice.artifactId,
    version: choice.version,
    builtFor: choice.line,
    url: choice.url,
    source: fromMatrix ? 'matrix' : 'repository',
    pipelineJars: `pipeline.jars: ${pipelineJarsOf(choice)}`,
    repository: repositoryUrl,
    ...(note ? { data: note } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** For a person: the artifact, where to download it, and the pipeline.jars line to paste. */
function choiceText({ choice, candidate, note, fromMatrix }: Chosen, title: string, line: string): string {
  const pipelineJars = pipelineJarsOf(choice);
  const which = fromMatrix
    ? `Use ${choice.groupId}:${choice.artifactId}:${choice.version}, the build for Flink ${line} (compat-matrix.json; the repository's version list shows none): ${choice.url}`
    : describeChoice(choice, line);
  return (
    [
      `${title} for Flink ${line}${candidate.fat ? ' (the fat SQL JAR, as PyFlink needs)' : ' (no fat SQL JAR exists; add its dependencies too)'}`,
      `  ${which}`,
      `  artifact:       ${choice.groupId}:${choice.artifactId}:${choice.version}`,
      `  download:       ${choice.url}`,
      `  pipeline.jars:  ${pipelineJars}`,
      `  in Python:      t_env.get_config().set("pipeline.jars", "${pipelineJars}")`,
      ...(note ? [`  note:           ${note}`] : []),
    ]
      .map(visible)
      .join('\n') + '\n'
  );
}

async function targetLine(options: Options, matrix: Matrix): Promise<string> {
  if (options.flinkVersion) return minorOf(options.flinkVersion) ?? options.flinkVersion;
  const target = await createFactStore(options, matrix)
    .get('target')
    .catch(() => null);
  if (target?.minor) return target.minor;
  throw new UsageError('no target Flink version: pass --flink-version (no apache-flink wheel found)');
}

/** Matrix families by key or SQL identifier, then artifacts of the shipped snapshot by name. */
async function candidatesFor(name: string, matrix: Matrix): Promise<{ title: string; candidates: Candidate[]; family?: ConnectorFamily }> {
  const families = familiesOf(matrix);
  const key = name.toLowerCase();
  const familyKey = Object.hasOwn(families, key) ? key : Object.keys(families).find((k) => families[k]?.identifiers?.includes(key));
  const family = familyKey === undefined ? undefined : families[familyKey];
  if (family && familyKey !== undefined) {
    // The newest groupId first (CDC moved from com.ververica to org.apache.flink).
    const groups = [...(family.groupIds ?? ['org.apache.flink'])].reverse();
    const candidates = [
      ...(family.fat ?? []).flatMap((a) => groups.map((g) => ({ groupId: g, artifactId: a, fat: true }))),
      ...(family.thin ?? []).flatMap((a) => groups.map((g) => ({ groupId: g, artifactId: a, fat: false }))),
    ];
    const known = matrix.connectors().family(familyKey);
    return { title: family.title ?? name, candidates, ...(known ? { family: known } : {}) };
  }
  const snapshot = await loadSnapshot();
  const known = Object.keys(snapshot?.artifacts ?? {});
  const wanted = [`flink-sql-connector-${key}`, `flink-sql-${key}`, `flink-connector-${key}`, key];
  const candidates = wanted.flatMap((artifactId) =>
    known
      .filter((ga) => ga.endsWith(`:${artifactId}`))
      .map((ga) => {
        const [groupId = '', a = ''] = ga.split(':');
        return { groupId, artifactId: a, fat: a.startsWith('flink-sql-') };
      }),
  );
  return { title: name, candidates: dedupe(candidates) };
}

/** The names `candidatesFor` accepts: matrix families, then artifacts of the shipped snapshot by short name. */
async function knownNames(matrix: Matrix): Promise<string[]> {
  const families = Object.keys(familiesOf(matrix));
  const snapshot = await loadSnapshot();
  const short = Object.keys(snapshot?.artifacts ?? {})
    .map((ga) => /:flink-(?:sql-connector|sql|connector)-([a-z0-9.-]+)$/.exec(ga)?.[1])
    .filter((n): n is string => Boolean(n) && !families.includes(n as string));
  return [...families, ...new Set(short)].sort();
}

function familiesOf(matrix: Matrix): Record<string, FamilyLike> {
  return (matrix.doc.connectors as { families?: Record<string, FamilyLike> } | undefined)?.families ?? {};
}

function dedupe(candidates: Candidate[]): Candidate[] {
  const seen = new Set<string>();
  return candidates.filter((c) => !seen.has(gaKey(c)) && Boolean(seen.add(gaKey(c))));
}
