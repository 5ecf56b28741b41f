// Issue 14, problem 8, through main() in-process: one bad input switched off unrelated checks, or surfaced as an
// engine message instead of a finding:
// - a YAML alias error in config.yaml failed java.runtime, python.worker and the JAR checks ("could not gather");
// - one JAR whose pom.properties says `version=3.3.0 1.20`, or one unusable settings.xml mirror, switched off the
//   Maven data for every JAR;
// - a corrupt cache entry was an error ("body.trim is not a function") instead of a miss;
// - 20,000 marker clauses in one Requires-Dist overflowed the stack inside pyflink.dependencies;
// - a NUL in a path surfaced as ERR_INVALID_ARG_VALUE.
// Each must stay a finding about that one input, in words, with the other checks unaffected.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, Report } from '../../src/engine/model.js';
import { runInProcess, type CliRun } from '../helpers/cli.js';
import { fakeFlinkHome } from '../helpers/flink-home.js';
import { jdk17 } from '../helpers/java.js';
import { compiledClass, fatKafkaJar, jarDir, manifest } from '../helpers/jars.js';
import { addDistribution, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';
import { writeZip } from '../helpers/zip.js';

const ENGINE = /Maximum call stack|is not a function|ERR_[A-Z_]+|could not gather|URI malformed|internal error/;

function checks(run: CliRun): Record<string, CheckResult> {
  expect(run.stderr).toBe('');
  return Object.fromEntries((JSON.parse(run.stdout) as Report).checks.map((c) => [c.id, c]));
}

let kafka: string;
beforeAll(async () => {
  kafka = await fatKafkaJar(join(await jarDir('isolation-'), 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
});

describe('one bad input, one finding', () => {
  it('a YAML alias error in config.yaml: config.file names file:line; java.runtime, python.worker and the JAR checks run', async () => {
    const home = await fakeFlinkHome({
      version: '1.20.1',
      conf: { 'config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\npython:\n  executable: *interpreter\n' },
    });
    const run = await runInProcess(
      ['--flink-version', '1.20', '--offline', '--json', '--java-home', jdk17(), '--jars', kafka],
      isolatedEnv({ FLINK_HOME: home }),
    );
    const all = checks(run);
    expect(all['config.file']?.summary).toMatch(new RegExp(`^${join(home, 'conf', 'config.yaml')}:4: `));
    expect(all['config.file']?.locations).toContainEqual({ path: join(home, 'conf', 'config.yaml'), line: 4 });
    for (const id of ['java.runtime', 'python.worker', 'jars.readable', 'jars.flink-version'])
      expect(all[id]?.summary, id).not.toMatch(ENGINE);
    expect(all['java.runtime']?.status).not.toBe('error');
    expect(all['jars.readable']?.status).toBe('ok');
  });

  it("one JAR with 'version=3.3.0 1.20' in pom.properties: the other JAR still gets its Maven data", async () => {
    const dir = await jarDir('isolation-pom-');
    const bytes = await compiledClass(11);
    const odd = await writeZip(join(dir, 'mysql-cdc.jar'), [
      { name: 'META-INF/MANIFEST.MF', data: manifest({ 'Created-By': 'Apache Maven 3.9.6' }) },
      {
        name: 'META-INF/maven/org.apache.flink/flink-sql-connector-mysql-cdc/pom.properties',
        data: 'groupId=org.apache.flink\nartifactId=flink-sql-connector-mysql-cdc\nversion=3.3.0 1.20\n',
      },
      {
        name: 'META-INF/services/org.apache.flink.table.factories.Factory',
        data: 'org.apache.flink.cdc.connectors.mysql.table.MySqlTableSourceFactory\n',
      },
      { name: 'org/apache/flink/cdc/connectors/mysql/table/MySqlTableSourceFactory.class', data: bytes },
    ]);
    const run = await runInProcess(
      ['--jars', kafka, '--jars', odd, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars'],
      isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: await tempDir('isolation-cache-') }),
    );
    const all = checks(run);
    expect(all['jars.updates']?.status).toBe('warning');
    expect(all['jars.updates']?.summary).toMatch(/flink-sql-connector-kafka 3\.3\.0-1\.20 → \d/);
    expect(all['jars.updates']?.details).toContain(
      `${odd}: not looked up: invalid Maven version '3.3.0 1.20' (from the JAR's own metadata)`,
    );
    expect(JSON.stringify(all)).not.toMatch(ENGINE);
  });

  it('an unusable settings.xml mirror: Maven Central is asked instead, and the Maven checks say why', async () => {
    const home = await tempDir('isolation-home-');
    await writeFileDeep(
      join(home, '.m2', 'settings.xml'),
      '<settings><mirrors><mirror><id>corp</id><mirrorOf>*</mirrorOf><url>file:///srv/m2</url></mirror></mirrors></settings>\n',
    );
    const run = await runInProcess(
      ['--jars', kafka, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.updates,jars.thin'],
      isolatedEnv({ HOME: home, FLINK_DOCTOR_CACHE_DIR: await tempDir('isolation-cache-') }),
    );
    const all = checks(run);
    expect(all['jars.updates']?.summary).toMatch(/flink-sql-connector-kafka 3\.3\.0-1\.20 → \d/);
    expect(all['jars.updates']?.details[0]).toBe(
      `settings.xml mirror 'corp': only http(s) repositories are supported, not file: (${join(home, '.m2', 'settings.xml')}); flink-doctor asks Maven Central instead: fix the mirror's <url>`,
    );
  });

  it('a corrupt cache entry is a cache miss, not an error', async () => {
    const cache = await tempDir('isolation-cache-');
    const url =
      'https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar.sha1';
    const file = join(cache, 'maven', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
    await writeFileDeep(file, JSON.stringify({ url, checkedAt: Date.now(), status: 'ok', body: 42 }));
    const run = await runInProcess(
      ['--jars', kafka, '--flink-version', '1.20', '--offline', '--json', '--only', 'jars.integrity'],
      isolatedEnv({ FLINK_DOCTOR_CACHE_DIR: cache }),
    );
    const integrity = checks(run)['jars.integrity'];
    expect(integrity?.status).toBe('skipped');
    expect(integrity?.summary).toBe(`could not verify: ${kafka}: --offline and not in the cache`);
  });

  it('20,000 marker clauses in one Requires-Dist: that requirement is named as unreadable, the rest is checked', async () => {
    const site = await tempDir('isolation-site-');
    const clauses = Array.from({ length: 20_000 }, () => 'python_version >= "3.8"').join(' and ');
    await addDistribution(site, { name: 'apache-flink', version: '2.2.1', requires: ['py4j==0.10.9.7', `pyarrow>=5.0.0; ${clauses}`] });
    const run = await runInProcess(
      ['--python', pyenvPython('3.11.7'), '--flink-version', '2.2', '--json', '--only', 'pyflink.dependencies'],
      isolatedEnv({ PYTHONPATH: site }),
    );
    const check = checks(run)['pyflink.dependencies'];
    expect(check?.status).toBe('error');
    expect(check?.summary).toMatch(/apache-flink needs py4j ==0\.10\.9\.7, not installed/);
    expect(check?.details.join('\n')).toMatch(
      /declares a requirement that cannot be read, skipped: "pyarrow>=5\.0\.0; python_version >= .{60,}…" \(is \d+ characters long, more than the 8192 a requirement may have here/,
    );
    expect(JSON.stringify(check)).not.toMatch(ENGINE);
  });

  it('a NUL in a path from config.yaml: config.pipeline-jars says so in words', async () => {
    const conf = await tempDir('isolation-nul-');
    await writeFileDeep(join(conf, 'config.yaml'), 'pipeline.jars: "file:///opt/jars/a\\0b.jar"\nenv.java.home: "/opt/jdk\\0"\n');
    const run = await runInProcess(
      ['--conf-dir', conf, '--flink-version', '2.2', '--offline', '--json', '--only', 'config,jars.readable'],
      isolatedEnv(),
    );
    const all = checks(run);
    expect(all['config.pipeline-jars']?.summary).toBe(
      `pipeline.jars in ${join(conf, 'config.yaml')}: "file:///opt/jars/a\\0b.jar" contains a NUL character, which no file name can: remove it`,
    );
    expect(JSON.stringify(all)).not.toMatch(ENGINE);
  });

  it('a NUL in a path in flink-doctor.config.json: exit 2, one line naming the key', async () => {
    const dir = await tempDir('isolation-nul-config-');
    await writeFileDeep(join(dir, 'flink-doctor.config.json'), JSON.stringify({ jars: ['lib/a\u0000b.jar'] }));
    const run = await runInProcess(['--offline', '--only', 'config.file'], isolatedEnv(), dir);
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(2);
    expect(run.stderr).toBe(
      `flink-doctor: ${join(dir, 'flink-doctor.config.json')}: "jars[0]" contains a NUL character (\\u0000), which no file name can\n`,
    );
  });
});
