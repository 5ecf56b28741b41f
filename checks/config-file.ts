// config.file: which Flink config file applies on the target line: flink-conf.yaml only (≤1.18), a present
// flink-conf.yaml wins over config.yaml (1.19/1.20), flink-conf.yaml unsupported (2.x). Settings in the file
// that does not apply are silently ignored. Also: the file that applies can be read and parsed, and settings
// Flink takes as one value (env.java.home, python.client.executable) are not lists or mappings.
import { basename, join } from 'node:path';
import { defineCheck, type CheckContext } from './define.js';
import type { ConfigProblem, Facts, FlinkConfigFact } from '../src/facts/index.js';
import type { Location, Outcome } from '../src/engine/model.js';
import { LEGACY_CONFIG, YAML_CONFIG } from '../src/knowledge/flink-names.js';

const MIGRATE_SCRIPT = 'bin/migrate-config-file.sh';

export default defineCheck({
  id: 'config.file',
  title: 'Flink config file for the target version',
  group: 'Flink',
  description: '`flink-conf.yaml` vs `config.yaml` for the target version (ignored, wins, or unsupported).',
  reads: ['--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf or pyflink/conf: flink-conf.yaml and config.yaml'],
  needs: ['flinkConfig', 'target'],
  run(facts, ctx): Outcome {
    const judged = ctx.matrix.judgedLine(facts.target);
    return { ...judge(facts, ctx), sources: judged.skip ? [] : ctx.matrix.cite(ctx.matrix.line(judged.minor)?.configFile.sources) };
  },
});

function judge({ flinkConfig, target }: Pick<Facts, 'flinkConfig' | 'target'>, { matrix }: CheckContext): Outcome {
  const dir = flinkConfig.dir;
  if (!dir) return { status: 'skipped', summary: 'no Flink conf directory (--conf-dir, FLINK_CONF_DIR, FLINK_HOME or the apache-flink wheel)' };
  const { minor, note, skip } = matrix.judgedLine(target);
  if (skip) return { status: 'skipped', summary: skip, facts: { dir, present: flinkConfig.present.join(', ') || null } };
  const legacyBehaviour = matrix.line(minor)?.configFile.legacyBehaviour ?? 'wins';
  const judged = note ? [note] : [];
  const hasLegacy = flinkConfig.present.includes(LEGACY_CONFIG);
  const hasYaml = flinkConfig.present.includes(YAML_CONFIG);
  const facts = { dir, present: flinkConfig.present.join(', ') || null, applies: flinkConfig.file ?? null, flink: minor };
  const legacyPath = join(dir, LEGACY_CONFIG);
  const yamlPath = join(dir, YAML_CONFIG);
  const migrate = `Migrate with ${MIGRATE_SCRIPT} (Flink 1.19+) and keep only ${YAML_CONFIG}`;
  const fixOf = (problem: ConfigProblem) => fixFor(problem, flinkConfig, legacyBehaviour !== 'only');

  // The file that applies cannot be read or parsed: nothing else about it can be judged.
  const readProblems = flinkConfig.problems.filter((p) => p.kind !== 'value');
  const valueProblems = flinkConfig.problems.filter((p) => p.kind === 'value');
  if (readProblems.length > 0) {
    const [first, ...rest] = readProblems;
    return {
      status: 'error',
      summary: first?.message ?? 'the config file cannot be read',
      details: [...rest, ...valueProblems].map((p) => p.message).concat(judged),
      fix: unique(flinkConfig.problems.map(fixOf)),
      facts,
      locations: flinkConfig.problems.map(locationOf),
    };
  }

  let outcome: Outcome;
  if (!hasLegacy && !hasYaml) outcome = { status: 'ok', summary: `no config file in ${dir}: Flink defaults apply`, details: judged, facts };
  else {
    switch (legacyBehaviour) {
      case 'unsupported':
        if (hasLegacy && !hasYaml) outcome = { status: 'error', summary: `Flink ${minor} does not read ${LEGACY_CONFIG}; ${dir} has no ${YAML_CONFIG}`, details: ['every setting in it (env.java.home, pipeline.jars, python.*) is ignored', ...judged], fix: migrate, facts, locations: [{ path: legacyPath }] };
        else if (hasLegacy) outcome = { status: 'warning', summary: `${LEGACY_CONFIG} is ignored by Flink ${minor}; ${YAML_CONFIG} applies`, details: judged, fix: `Delete ${legacyPath} (after moving anything still needed into ${YAML_CONFIG})`, facts, locations: [{ path: legacyPath }] };
        else outcome = { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
        break;
      case 'only':
        if (hasYaml && !hasLegacy) outcome = { status: 'error', summary: `Flink ${minor} reads only ${LEGACY_CONFIG}; ${YAML_CONFIG} (1.19+) is ignored`, details: judged, fix: `Write the settings to ${legacyPath} ("key: value" lines) or target Flink 1.19+`, facts, locations: [{ path: yamlPath }] };
        else if (hasYaml) outcome = { status: 'warning', summary: `${YAML_CONFIG} is ignored by Flink ${minor}; ${LEGACY_CONFIG} applies`, details: judged, fix: `Delete ${yamlPath} or move its settings into ${LEGACY_CONFIG}`, facts, locations: [{ path: yamlPath }] };
        else outcome = { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor})`, details: judged, facts };
        break;
      default:
        if (hasLegacy && hasYaml) outcome = { status: 'warning', summary: `both files present: Flink ${minor} uses ${LEGACY_CONFIG} and ignores ${YAML_CONFIG}`, details: judged, fix: migrate, facts, locations: [{ path: yamlPath }] };
        else if (hasLegacy) outcome = { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor}; deprecated, unsupported from 2.0)`, details: judged, facts };
        else outcome = { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
    }
  }
  if (valueProblems.length === 0) return outcome;

  // Settings Flink cannot use are errors of the file that applies, whatever the verdict on which file that is.
  const [first, ...rest] = valueProblems;
  const ok = outcome.status === 'ok' || outcome.status === 'skipped';
  return {
    ...outcome,
    status: 'error',
    summary: ok ? (first?.message ?? outcome.summary) : outcome.summary,
    details: [...(ok ? rest : valueProblems).map((p) => p.message), ...(ok ? [outcome.summary] : []), ...(outcome.details ?? [])],
    fix: unique([...(outcome.fix ? [outcome.fix] : []), ...valueProblems.map(fixOf)]),
    locations: [...(outcome.locations ?? []), ...valueProblems.map(locationOf)],
  };
}

/** One fix line per problem; `migrates` is true on 1.19+, where bin/migrate-config-file.sh exists. */
function fixFor(problem: ConfigProblem, config: FlinkConfigFact, migrates: boolean): string {
  const at = `${problem.path}${problem.line ? `:${problem.line}` : ''}`;
  switch (problem.kind) {
    case 'unreadable':
      return problem.path === config.dir
        ? `Make ${problem.path} a readable directory, or point ${config.dirProvenance?.source ?? '--conf-dir'} at the Flink conf directory`
        : problem.message.includes('is not a regular file')
          ? `Replace ${problem.path} with a regular file (it is a pipe, device or directory)`
          : `Make ${problem.path} readable by this user (chmod a+r ${problem.path})`;
    case 'too-big':
      return `A Flink config file is a few KiB: check what wrote ${problem.path} and keep only real settings in it`;
    case 'yaml':
      return `Fix the YAML at ${at} (check the indentation, brackets and quotes there)`;
    case 'shape':
      return `Write ${problem.path} as a mapping of settings ("key: value" lines or nested keys)`;
    case 'legacy-line': {
      const line = `Fix ${at}: Flink's ${LEGACY_CONFIG} parser needs "key: value" (a space after the colon) on one line`;
      return migrates && basename(problem.path) === LEGACY_CONFIG ? `${line}, then migrate to ${YAML_CONFIG} with ${MIGRATE_SCRIPT}` : line;
    }
    case 'value':
      return `Set ${problem.key ?? 'the setting'} in ${problem.path} to one path, e.g. ${problem.key ?? 'key'}: "${problem.key === 'env.java.home' ? '/usr/lib/jvm/java-17' : '/path/to/venv/bin/python'}"`;
  }
}

function locationOf(problem: ConfigProblem): Location {
  return problem.line ? { path: problem.path, line: problem.line } : { path: problem.path };
}

function unique(lines: string[]): string {
  return [...new Set(lines)].join('\n');
}
