// config.file: which Flink config file applies on the target line: flink-conf.yaml only (≤1.18), a present
// flink-conf.yaml wins over config.yaml (1.19/1.20), flink-conf.yaml unsupported (2.x). Settings in the file
// that does not apply are silently ignored.
import { join } from 'node:path';
import { defineCheck } from '../src/engine/check.js';
import { LEGACY_CONFIG, YAML_CONFIG } from '../src/flink/config-file.js';

export default defineCheck({
  id: 'config.file',
  title: 'Flink config file for the target version',
  group: 'Flink',
  reads: ['--conf-dir, FLINK_CONF_DIR, $FLINK_HOME/conf or pyflink/conf: flink-conf.yaml and config.yaml'],
  needs: ['flinkConfig', 'target'],
  run({ flinkConfig, target }, { matrix }) {
    const dir = flinkConfig.dir;
    if (!dir) return { status: 'skipped', summary: 'no Flink conf directory (--conf-dir, FLINK_CONF_DIR, FLINK_HOME or the apache-flink wheel)' };
    const minor = target.known && target.minor ? target.minor : matrix.newestMinor();
    const rule = matrix.line(minor)?.configFile;
    const judged = target.known ? [] : [`no known target Flink version: judged against Flink ${minor}`];
    const hasLegacy = flinkConfig.present.includes(LEGACY_CONFIG);
    const hasYaml = flinkConfig.present.includes(YAML_CONFIG);
    const facts = { dir, present: flinkConfig.present.join(', ') || null, applies: flinkConfig.file ?? null, flink: minor };
    const legacyPath = join(dir, LEGACY_CONFIG);
    const yamlPath = join(dir, YAML_CONFIG);
    const migrate = `Migrate with bin/migrate-config-file.sh (Flink 1.19+) and keep only ${YAML_CONFIG}`;
    if (flinkConfig.problems.length > 0) {
      return { status: 'error', summary: flinkConfig.problems[0] ?? 'the config file cannot be read', details: [...flinkConfig.problems, ...judged], facts, locations: flinkConfig.file ? [{ path: flinkConfig.file }] : [] };
    }
    if (!hasLegacy && !hasYaml) return { status: 'ok', summary: `no config file in ${dir}: Flink defaults apply`, details: judged, facts };
    switch (rule?.legacyBehaviour ?? 'wins') {
      case 'unsupported':
        if (hasLegacy && !hasYaml) return { status: 'error', summary: `Flink ${minor} does not read ${LEGACY_CONFIG}; ${dir} has no ${YAML_CONFIG}`, details: ['every setting in it (env.java.home, pipeline.jars, python.*) is ignored', ...judged], fix: migrate, facts, locations: [{ path: legacyPath }] };
        if (hasLegacy) return { status: 'warning', summary: `${LEGACY_CONFIG} is ignored by Flink ${minor}; ${YAML_CONFIG} applies`, details: judged, fix: `Delete ${legacyPath} (after moving anything still needed into ${YAML_CONFIG})`, facts, locations: [{ path: legacyPath }] };
        return { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
      case 'only':
        if (hasYaml && !hasLegacy) return { status: 'error', summary: `Flink ${minor} reads only ${LEGACY_CONFIG}; ${YAML_CONFIG} (1.19+) is ignored`, details: judged, fix: `Write the settings to ${legacyPath} ("key: value" lines) or target Flink 1.19+`, facts, locations: [{ path: yamlPath }] };
        if (hasYaml) return { status: 'warning', summary: `${YAML_CONFIG} is ignored by Flink ${minor}; ${LEGACY_CONFIG} applies`, details: judged, fix: `Delete ${yamlPath} or move its settings into ${LEGACY_CONFIG}`, facts, locations: [{ path: yamlPath }] };
        return { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor})`, details: judged, facts };
      default:
        if (hasLegacy && hasYaml) return { status: 'warning', summary: `both files present: Flink ${minor} uses ${LEGACY_CONFIG} and ignores ${YAML_CONFIG}`, details: judged, fix: migrate, facts, locations: [{ path: yamlPath }] };
        if (hasLegacy) return { status: 'ok', summary: `${LEGACY_CONFIG} applies (Flink ${minor}; deprecated, unsupported from 2.0)`, details: judged, facts };
        return { status: 'ok', summary: `${YAML_CONFIG} applies (Flink ${minor})`, details: judged, facts };
    }
  },
});
