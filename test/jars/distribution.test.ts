// A healthy install is never a finding of the JAR checks: the JARs the distribution ships in lib/ and opt/
// (pyflink/lib and pyflink/opt of the wheel, $FLINK_HOME/lib and opt/) are left alone on every release's layout.
// The layouts come from flink-dist/src/main/assemblies/{bin,opt}.xml of release-1.15 … release-2.3 and from the
// apache_flink_libraries-2.2.0/2.2.1/2.3.0 wheels' pyflink/lib and pyflink/opt (compat-matrix.json
// connectors.distributionJars). Each JAR is identified by the real identification code from contents modelled on
// the real files (read from Maven Central 2026-12-01): a MANIFEST with Implementation-Version, a NOTICE that opens
// with the license banner, no pom.properties, and the Factory service file where the real JAR has one.
import { describe, expect, it } from 'vitest';
import jarsBytecode from '../../checks/jars-bytecode.js';
import jarsConflicts from '../../checks/jars-conflicts.js';
import jarsFlinkVersion from '../../checks/jars-flink-version.js';
import jarsThin from '../../checks/jars-thin.js';
import type { JarSource, ScannedJar } from '../../src/facts/index.js';
import { identifyJar } from '../../src/jars/identify.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { buildFacts, decide } from '../helpers/facts.js';

const matrix = loadMatrix();
const knowledge = matrix.connectors();

/** Factory classes of the distribution's JARs, as their service files list them (2.0 adds legacy-csv and python-arrow-source). */
function servicesOf(name: string, minor: string): string[] {
  const two = minor.startsWith('2.');
  const services: Record<string, string[]> = {
    'flink-json': [
      'org.apache.flink.formats.json.JsonFormatFactory',
      'org.apache.flink.formats.json.debezium.DebeziumJsonFormatFactory',
      'org.apache.flink.formats.json.canal.CanalJsonFormatFactory',
    ],
    'flink-csv': ['org.apache.flink.formats.csv.CsvFileFormatFactory', 'org.apache.flink.formats.csv.CsvFormatFactory'],
    'flink-connector-files': ['org.apache.flink.connector.file.table.FileSystemTableFactory'],
    'flink-table-runtime': ['org.apache.flink.formats.raw.RawFormatFactory'],
    'flink-table-planner-loader': [
      'org.apache.flink.table.planner.loader.DelegateExecutorFactory',
      'org.apache.flink.table.planner.loader.DelegatePlannerFactory',
    ],
    'flink-table-api-java-uber': [
      'org.apache.flink.table.module.CoreModuleFactory',
      'org.apache.flink.table.catalog.GenericInMemoryCatalogFactory',
      'org.apache.flink.connector.datagen.table.DataGenTableSourceFactory',
      'org.apache.flink.connector.print.table.PrintTableSinkFactory',
      ...(two ? ['org.apache.flink.table.sinks.LegacyCsvDynamicTableSinkFactory'] : []),
    ],
    'flink-python':
      minor === '1.15'
        ? []
        : [
            'org.apache.flink.table.utils.python.PythonDynamicTableFactory',
            ...(two ? ['org.apache.flink.table.runtime.arrow.sources.ArrowTableSourceFactory'] : []),
          ],
  };
  return services[name.replace(/_2\.12$/, '')] ?? [];
}

/** lib/ and opt/ of a Flink release, names from its assembly descriptors (log4j from its root pom). */
function layout(minor: string, patch: string): { lib: string[]; opt: string[] } {
  const log4j = ['1.15', '1.16', '1.17', '1.18', '1.19'].includes(minor) ? '2.17.1' : minor === '2.3' ? '2.25.3' : '2.24.3';
  const flink = [
    'flink-dist',
    'flink-scala_2.12',
    'flink-table-api-java-uber',
    'flink-table-runtime',
    'flink-table-planner-loader',
    'flink-cep',
    'flink-connector-files',
    'flink-csv',
    'flink-json',
  ];
  const logging = [
    'log4j-api',
    'log4j-core',
    'log4j-slf4j-impl',
    'log4j-1.2-api',
    ...(['2.2', '2.3'].includes(minor) ? ['log4j-layout-template-json'] : []),
  ];
  const lib = [
    ...flink.map((a) => `${a}-${patch}.jar`),
    ...logging.map((a) => `${a}-${log4j}.jar`),
    ...(minor === '1.15' ? ['flink-shaded-zookeeper-3-3.5.9-15.0.jar'] : []),
  ];
  const opt = [`${minor === '1.15' ? 'flink-python_2.12' : 'flink-python'}-${patch}.jar`, `flink-sql-client-${patch}.jar`];
  return { lib, opt };
}

/** One distribution JAR as the scanner would report it, identified from modelled contents. */
function distributionJar(dir: string, source: JarSource, file: string, minor: string): ScannedJar {
  const name = file.replace(/-[\d.]+(-[\d.]+)?\.jar$/, '');
  const version = /-([\d.]+(?:-[\d.]+)?)\.jar$/.exec(file)?.[1] ?? '';
  const log4j = name.startsWith('log4j');
  const services = servicesOf(name, minor);
  const texts: Record<string, string> = log4j
    ? {
        [`META-INF/maven/org.apache.logging.log4j/${name}/pom.properties`]: `groupId=org.apache.logging.log4j\nartifactId=${name}\nversion=${version}\n`,
      }
    : {
        'META-INF/MANIFEST.MF': `Manifest-Version: 1.0\r\nImplementation-Title: Flink : ${name}\r\nImplementation-Version: ${version}\r\nImplementation-Vendor-Id: org.apache.flink\r\n\r\n`,
        'META-INF/NOTICE': `// ------------------------------------------------------------------\n// NOTICE file corresponding to the section 4d of The Apache License,\n// Version 2.0, in this case for Flink : ${name}\n// ------------------------------------------------------------------\n\nCopyright 2014-2025 The Apache Software Foundation\n`,
      };
  if (services.length > 0) texts['META-INF/services/org.apache.flink.table.factories.Factory'] = `${services.join('\n')}\n`;
  const classes = [
    ...services.map((s) => `${s.replace(/\./g, '/')}.class`),
    log4j ? 'org/apache/logging/log4j/Logger.class' : `org/apache/flink/${name.replace(/[-_.]/g, '')}/Probe.class`,
  ];
  const path = `${dir}/${file}`;
  const packages = [...new Set(classes.map((c) => c.slice(0, c.lastIndexOf('/'))))].sort();
  const contents = {
    size: 1000,
    entryCount: classes.length + 3,
    truncated: false,
    texts,
    classes,
    classCount: classes.length,
    packages,
    defaultPackage: false,
    classMajor: minor.startsWith('2.') ? 55 : 52,
    notes: [],
  };
  return { ref: { path, source }, alsoFrom: [], notes: [], ...identifyJar(path, source, contents, knowledge), packages };
}

function installation(minor: string, where: 'pyflink' | '$FLINK_HOME'): ScannedJar[] {
  const patch = matrix.line(minor)?.newestPatch ?? '';
  const { lib, opt } = layout(minor, patch);
  const base = where === 'pyflink' ? '/venv/lib/python3.11/site-packages/pyflink' : '/opt/flink';
  return [
    ...lib.map((f) => distributionJar(`${base}/lib`, `${where}/lib` as JarSource, f, minor)),
    ...opt.map((f) => distributionJar(`${base}/opt`, `${where}/opt` as JarSource, f, minor)),
  ];
}

function factsFor(minor: string, jars: ScannedJar[]) {
  const patch = matrix.line(minor)?.newestPatch ?? null;
  const java = matrix.line(minor)?.java.recommended ?? 17;
  return buildFacts({
    jars: { jars, overlaps: [], durationMs: 0 },
    target: { flinkVersion: patch, patch, minor, source: 'wheel', known: true },
    java: { version: { major: java, version: `${java}.0.25`, readFrom: 'release file' } },
  });
}

describe("the distribution's own JARs are never findings", () => {
  const cases = matrix.minors().flatMap((minor) => (['pyflink', '$FLINK_HOME'] as const).map((where) => [minor, where] as const));
  it.each(cases)('Flink %s, %s/lib and opt/', (minor, where) => {
    const jars = installation(minor, where);
    // The identification really sees them as what they are: flink-json is the json family's thin artifact.
    expect(jars.find((j) => j.ref.path.includes('/flink-json-'))).toMatchObject({ family: 'json', role: 'thin' });
    const facts = factsFor(minor, jars);
    for (const check of [jarsThin, jarsFlinkVersion, jarsConflicts, jarsBytecode]) {
      const outcome = decide(check, facts);
      expect(['ok', 'skipped'], `${check.id}: ${outcome.summary}`).toContain(outcome.status);
    }
  });

  it("a user JAR next to them is still judged, and the distribution's copy is the one to keep", () => {
    const jars = [...installation('1.20', 'pyflink'), distributionJar('/home/dev/jars', '--jars', 'flink-json-1.19.3.jar', '1.19')];
    const facts = factsFor('1.20', jars);
    const version = decide(jarsFlinkVersion, facts);
    expect(version.status).toBe('warning');
    expect(version.summary).toContain('flink-json-1.19.3.jar');
    const conflicts = decide(jarsConflicts, facts);
    expect(conflicts.status).toBe('warning');
    expect(conflicts.fix).toMatch(/^Remove flink-json-1\.19\.3\.jar .*from --jars; keep flink-json-1\.20\.5\.jar .*from pyflink\/lib$/m);
    expect(decide(jarsThin, facts).summary).toContain('flink-json-1.19.3.jar');
  });
});
