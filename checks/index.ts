// The registry: every check, in report order. Adding a check = one file in checks/ + one line here
// (then `npm run readme` regenerates the README's check table from its description).
import type { Check } from './define.js';
import clusterJars from './cluster-jars.js';
import clusterJava from './cluster-java.js';
import clusterPython from './cluster-python.js';
import clusterVersion from './cluster-version.js';
import configFile from './config-file.js';
import configPipelineJars from './config-pipeline-jars.js';
import deployJars from './deploy-jars.js';
import deployJava from './deploy-java.js';
import deployPython from './deploy-python.js';
import deployVersion from './deploy-version.js';
import jarsBytecode from './jars-bytecode.js';
import jarsConflicts from './jars-conflicts.js';
import jarsFlinkVersion from './jars-flink-version.js';
import jarsReadable from './jars-readable.js';
import jarsThin from './jars-thin.js';
import jobConnectors from './job-connectors.js';
import flinkHome from './flink-home.js';
import jarsIntegrity from './jars-integrity.js';
import jarsUpdates from './jars-updates.js';
import javaOptions from './java-options.js';
import javaRuntime from './java-runtime.js';
import pyflinkDependencies from './pyflink-dependencies.js';
import pyflinkInstall from './pyflink-install.js';
import pythonClient from './python-client.js';
import pythonArchives from './python-archives.js';
import pythonFiles from './python-files.js';
import pythonRequirements from './python-requirements.js';
import pythonThreadMode from './python-thread-mode.js';
import pythonWorker from './python-worker.js';

export const allChecks: Check[] = [
  javaRuntime,
  javaOptions,
  pythonClient,
  pythonWorker,
  pythonArchives,
  pythonRequirements,
  pythonFiles,
  pythonThreadMode,
  pyflinkInstall,
  pyflinkDependencies,
  flinkHome,
  jarsReadable,
  jarsFlinkVersion,
  jarsConflicts,
  jarsThin,
  jarsBytecode,
  jobConnectors,
  configPipelineJars,
  configFile,
  clusterVersion,
  clusterJava,
  clusterJars,
  clusterPython,
  deployVersion,
  deployJava,
  deployPython,
  deployJars,
  jarsUpdates,
  jarsIntegrity,
];

/** The README's check table: id and description of each check, in registry order. */
export function checksMarkdownTable(checks: readonly Check[] = allChecks): string {
  const rows = checks.map((check) => `| \`${check.id}\` | ${check.description.replace(/\|/g, '\\|')} |`);
  return ['| id | what it decides |', '|---|---|', ...rows].join('\n');
}
