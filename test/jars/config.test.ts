// config.pipeline-jars and config.file against real conf directories (config.yaml / flink-conf.yaml).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import configFile from '../../checks/config-file.js';
import configPipelineJars from '../../checks/config-pipeline-jars.js';
import jarsReadable from '../../checks/jars-readable.js';
import { analysePipelineValue } from '../../src/flink/pipeline-jars.js';
import { fatKafkaJar, jarDir } from '../helpers/jars.js';
import { runCheck, runCheckList } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

let dir: string;
let kafka: string;
beforeAll(async () => {
  dir = await jarDir('conf-jars-');
  kafka = await fatKafkaJar(join(dir, 'flink-sql-connector-kafka-3.3.0-1.20.jar'));
});

async function confDir(files: Record<string, string>): Promise<string> {
  const conf = await tempDir('conf-');
  for (const [name, text] of Object.entries(files)) await writeFileDeep(join(conf, name), text);
  return conf;
}

describe('analysePipelineValue', () => {
  it('accepts ;-separated file: URLs and corrects plain paths and wrong separators', () => {
    expect(analysePipelineValue('pipeline.jars', 'file:///a.jar;file:///b.jar', '/').issues).toEqual([]);
    const plain = analysePipelineValue('pipeline.jars', '/opt/jars/a.jar;/opt/jars/b.jar', '/');
    expect(plain.issues[0]).toMatch(/"\/opt\/jars\/a.jar" is a plain path, not a URL/);
    expect(plain.corrected).toBe('file:///opt/jars/a.jar;file:///opt/jars/b.jar');
    const comma = analysePipelineValue('pipeline.jars', 'file:///a.jar,file:///b.jar', '/');
    expect(comma.issues[0]).toMatch(/separates entries with ','/);
    expect(comma.corrected).toBe('file:///a.jar;file:///b.jar');
    expect(analysePipelineValue('pipeline.jars', 'file://C:\\jars\\a.jar', '/').issues[0]).toMatch(/drive letter/);
    expect(analysePipelineValue('pipeline.jars', 'hdfs:///jars/a.jar', '/').issues[0]).toMatch(/takes local file: URLs only/);
    expect(analysePipelineValue('pipeline.classpaths', 'hdfs:///jars/a.jar', '/').issues).toEqual([]);
  });
});

describe('config.pipeline-jars', () => {
  it('is ok for file: URLs to existing JARs in config.yaml, and discovery follows them', async () => {
    const conf = await confDir({ 'config.yaml': `pipeline:\n  jars: "${pathToFileURL(kafka).href}"\n` });
    const [pipeline, readable] = await runCheckList([configPipelineJars, jarsReadable], { confDir: conf, flinkVersion: '2.0.0' });
    expect(pipeline?.status).toBe('ok');
    expect(readable?.details.join()).toContain(`flink-sql-connector-kafka-3.3.0-1.20.jar from pipeline.jars in config.yaml`);
  });

  it('is an error for a plain path, with the corrected value', async () => {
    const conf = await confDir({ 'flink-conf.yaml': `pipeline.jars: ${kafka}\n` });
    const result = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '1.18' });
    expect(result.status).toBe('error');
    expect(result.fix).toBe(`Write:\npipeline.jars: "${pathToFileURL(kafka).href}"`);
    expect(result.locations).toEqual([{ path: join(conf, 'flink-conf.yaml') }]);
  });

  it('is an error for a wrong separator and for entries pointing at missing files', async () => {
    const conf = await confDir({ 'config.yaml': `pipeline.jars: "${pathToFileURL(kafka).href},file:///nowhere/x.jar"\n` });
    const result = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '1.20.1' });
    expect(result.status).toBe('error');
    const text = [result.summary, ...result.details].join('\n');
    expect(text).toMatch(/separates entries with ','/);
    expect(text).toMatch(/file:\/\/\/nowhere\/x.jar points at \/nowhere\/x.jar, which does not exist/);
  });

  it('is an error for a YAML list where the target PyFlink cannot read one, fine where it can', async () => {
    const conf = await confDir({ 'config.yaml': `pipeline:\n  jars:\n    - ${pathToFileURL(kafka).href}\n` });
    const old = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '2.0.0' });
    expect(old.status).toBe('error');
    expect(old.summary).toMatch(/a YAML list; PyFlink 2.0.0 passes it on as one string/);
    expect(old.fix).toBe(`Write:\npipeline.jars: "${pathToFileURL(kafka).href}"`);
    expect((await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '2.1.0' })).status).toBe('ok');
    expect((await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '1.20' })).status).toBe('warning');
  });

  it('is an error for list syntax in flink-conf.yaml (its flat parser reads one string)', async () => {
    const conf = await confDir({ 'flink-conf.yaml': `pipeline.jars: ['${pathToFileURL(kafka).href}']\n` });
    const result = await runCheck(configPipelineJars, { confDir: conf, flinkVersion: '1.18.1' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/written as a list .*MalformedURLException: no protocol/);
    expect(result.fix).toBe(`Write:\npipeline.jars: "${pathToFileURL(kafka).href}"`);
  });

  it('checks set("pipeline.jars") and add_jars in the job too', async () => {
    const job = await writeFileDeep(
      join(dir, 'job.py'),
      `env.add_jars("${kafka}")\nt_env.get_config().set("pipeline.jars", "file:///a.jar file:///b.jar")\n`,
    );
    const result = await runCheck(configPipelineJars, { job: [job], flinkVersion: '1.20' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/add_jars\(\) in .*job.py:1: ".*" is a plain path/);
    expect(result.details.join('\n')).toMatch(/set\("pipeline.jars"\) in .*job.py:2: pipeline.jars separates entries with spaces/);
    expect(result.locations).toEqual([
      { path: job, line: 1 },
      { path: job, line: 2 },
    ]);
  });

  it('is skipped when nothing sets pipeline.jars', async () => {
    expect(
      (await runCheck(configPipelineJars, { confDir: await confDir({ 'config.yaml': 'parallelism.default: 2\n' }), flinkVersion: '2.0' }))
        .status,
    ).toBe('skipped');
  });
});

describe('config.file', () => {
  const legacy = { 'flink-conf.yaml': 'taskmanager.numberOfTaskSlots: 2\n' };
  const yaml = { 'config.yaml': 'taskmanager:\n  numberOfTaskSlots: 2\n' };
  it.each([
    ['2.0', legacy, 'error', /Flink 2.0 does not read flink-conf.yaml/],
    ['2.0', { ...legacy, ...yaml }, 'warning', /flink-conf.yaml is ignored by Flink 2.0/],
    ['2.0', yaml, 'ok', /config.yaml applies/],
    ['1.20', { ...legacy, ...yaml }, 'warning', /Flink 1.20 uses flink-conf.yaml and ignores config.yaml/],
    ['1.20', yaml, 'ok', /config.yaml applies/],
    ['1.18', yaml, 'error', /Flink 1.18 reads only flink-conf.yaml/],
    ['1.18', legacy, 'ok', /flink-conf.yaml applies/],
  ])('Flink %s with %o: %s', async (version, files, status, summary) => {
    const result = await runCheck(configFile, { confDir: await confDir(files), flinkVersion: version });
    expect(result.status).toBe(status);
    expect(result.summary).toMatch(summary);
  });

  it('is an error for a config.yaml that is not YAML, and skipped without a conf dir', async () => {
    const result = await runCheck(configFile, { confDir: await confDir({ 'config.yaml': 'a: [1, 2\n' }), flinkVersion: '2.0' });
    expect(result.status).toBe('error');
    expect(result.summary).toMatch(/not valid YAML/);
    expect((await runCheck(configFile, { flinkVersion: '2.0' })).status).toBe('skipped');
  });
});
