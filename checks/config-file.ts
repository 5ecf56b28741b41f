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
const MIGRATE_FIX = `Migrate with ${MIGRATE_SCRIPT} (Flink 1.19+) and keep only ${YAML_CONFIG}`;

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
  if (!dir)
    return { status: 'skipped', summary: 'no Flink conf directory (--conf-dir, FLINK_CONF_DIR, FLINK_HOME or the apache-flink wheel)' };
  const { minor, note, skip } = matrix.judgedLine(target);
  if (skip) return { status: 'skipped', summary: skip, facts: { dir, present: flinkConfig.present.join(', ') || null } };
  const legacyBehaviour = matrix.line(minor)?.configFile.legacyBehaviour ?? 'wins';
  const files: ConfDir = {
    dir,
    minor,
    judged: note ? [note] : [],
    hasLegacy: flinkConfig.present.includes(LEGACY_CONFIG),
    hasYaml: flinkConfig.present.includes(YAML_CONFIG),
    legacyPath: join(dir, LEGACY_CONFIG),
    yamlPath: join(dir, YAML_CONFIG),
    facts: { dir, present: flinkConfig.present.join(', ') || null, applies: flinkConfig.file ?? null, flink: minor },
  };
  const fixOf = (problem: ConfigProblem) => fixFor(problem, flinkConfig, legacyBehaviour !== 'only');

  // The file that applies cannot be read or parsed: nothing else about it can be judged.
  const readProblems = flinkConfig.problems.filter((p) => p.kind !== 'value');
  const valueProblems = flinkConfig.problems.filter((p) => p.kind === 'value');
  if (readProblems.length > 0) {
    const [first, ...rest] = readProblems;
    return {
      status: 'error',
      summary: first?.message ?? 'the config file cannot be read',
      details: [...rest, ...valueProblems].map((p) => p.message).concat(files.judged),
      fix: unique(flinkConfig.problems.map(fixOf)),
      facts: files.facts,
      locations: flinkConfig.problems.map(locationOf),
    };
  }
  return withValueProblems(whichFileApplies(files, legacyBehaviour), valueProblems, fixOf);
}

/** The conf directory as the verdicts below see it. */
interface ConfDir {
  dir: string;
  minor: string;
  /** The note on which line is judged, if any: the last detail of every outcome. */
  judged: string[];
  hasLegacy: boolean;
  hasYaml: boolean;
  legacyPath: string;
  yamlPath: string;
  facts: Outcome['facts'];
}

/** Which of the files the target line reads, by what the line does with flink-conf.yaml. */
function whichFileApplies(files: ConfDir, legacyBehaviour: string): Outcome {
  const { dir, judged, facts } = files;
  if (!files.hasLegacy && !files.hasYaml)
    return { status: 'ok', summary: `no config file in ${dir}: Flink defaults apply`, details: judged, facts };
  switch (legacyBehaviour) {
    case 'unsupported':
      return legacyUnsupported(files);
    case 'only':
      return legacyOnly(files);
    default:
      return legacyWins(files);
  }
}

/** 2.x: flink-conf.yaml is not read at all. */
function legacyUnsupported({ dir, minor, judged, facts, hasLegacy, hasYaml, legacyPath }: ConfDir): Outcome {
  if (hasLegacy && !hasYaml) {
    const details = ['every setting in it (env.java.home, pipeline.jars, python.*) is ignored', ...judged];
    return {
      status: 'error',
      summary: `Flink ${minor} does not read ${LEGACY_CONFIG}; ${dir} has no ${YAML_CONFIG}`,
      details,
      fix: MIGRATE_FIX,
      facts,
      locations: [{ path: legacyPath }],
    };
  }
  if (hasLegacy) {
    const fix = `Delete ${legacyPath} (after moving anything still needed into ${YAML_CONFIG})`;
    return {
      status: 'warning',
      summary: `${LEGACY_CONFIG} is ignored by Flink ${minor}; ${YAML_CONFIG} applies`,
      details: judged,
      fix,
      facts,
      locations: [{ path: legacyPath }],
    };
  }
  return { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
}

/** ≤1.18: only flink-conf.yaml is read; config.yaml is a 1.19 name. */
function legacyOnly({ minor, judged, facts, hasLegacy, hasYaml, legacyPath, yamlPath }: ConfDir): Outcome {
  if (hasYaml && !hasLegacy) {
    const fix = `Write the settings to ${legacyPath} ("key: value" lines) or target Flink 1.19+`;
    return {
      status: 'error',
      summary: `Flink ${minor} reads only ${LEGACY_CONFIG}; ${YAML_CONFIG} (1.19+) is ignored`,
      details: judged,
      fix,
      facts,
      locations: [{ path: yamlPath }],
    };
  }
  if (hasYaml) {
    const fix = `Delete ${yamlPath} or move its settings into ${LEGACY_CONFIG}`;
    return {
      status: 'warning',
      summary: `${YAML_CONFIG} is ignored by Flink ${minor}; ${LEGACY_CONFIG} applies`,
      details: judged,
      fix,
      facts,
      locations: [{ path: yamlPath }],
    };
  }
  return { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor})`, details: judged, facts };
}

/** 1.19/1.20: a present flink-conf.yaml wins over config.yaml. */
function legacyWins({ minor, judged, facts, hasLegacy, hasYaml, yamlPath }: ConfDir): Outcome {
  if (hasLegacy && hasYaml) {
    const summary = `both files present: Flink ${minor} uses ${LEGACY_CONFIG} and ignores ${YAML_CONFIG}`;
    return { status: 'warning', summary, details: judged, fix: MIGRATE_FIX, facts, locations: [{ path: yamlPath }] };
  }
  if (hasLegacy)
    return { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor}; deprecated, unsupported from 2.0)`, details: judged, facts };
  return { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
}

/** Settings Flink cannot use are errors of the file that applies, whatever the verdict on which file that is. */
function withValueProblems(outcome: Outcome, valueProblems: ConfigProblem[], fixOf: (problem: ConfigProblem) => string): Outcome {
  if (valueProblems.length === 0) return outcome;
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
