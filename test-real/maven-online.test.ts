// jars.integrity and jars.updates once online against Maven Central itself, on real JARs. The expected
// newest build is read from the same live maven-metadata.xml during the test, so a release published
// tomorrow changes both sides alike; the doctor's own cache starts empty, so every answer is fetched.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, open, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAVEN_CENTRAL, PINS, mavenJar, parseCoordinate } from '../scripts/real/artifacts.js';
import { check, checkText, cleanEnv, runDoctor } from '../scripts/real/doctor.js';
import { fetchText } from '../scripts/real/download.js';

const run = promisify(execFile);

async function onlineEnv() {
  const home = await mkdtemp(join(tmpdir(), 'real-home-'));
  return cleanEnv({ HOME: home, FLINK_DOCTOR_CACHE_DIR: join(home, 'doctor-cache') });
}

async function liveVersions(groupId: string, artifactId: string): Promise<string[]> {
  const xml = await fetchText(`${MAVEN_CENTRAL}/${groupId.replaceAll('.', '/')}/${artifactId}/maven-metadata.xml`, 'Maven Central');
  return [...xml.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1] as string);
}

/** The newest "<release>-<line>" in Central's live metadata for an artifact (numeric release order). */
async function newestFor(groupId: string, artifactId: string, line: string): Promise<string | undefined> {
  const versions = (await liveVersions(groupId, artifactId)).filter((v) => v.endsWith(`-${line}`) && /^\d+\.\d+\.\d+-/.test(v));
  const release = (v: string) => (v.split('-')[0] as string).split('.').map(Number);
  return versions.sort((a, b) => release(a).reduce((d, n, i) => d || n - (release(b)[i] ?? 0), 0)).pop();
}

describe('jars.integrity against Maven Central', () => {
  it('accepts real JARs whose SHA-1 is the published one', async () => {
    const keys = ['org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19', 'org.apache.flink:flink-connector-jdbc:3.2.0-1.19'];
    const jars = await Promise.all(keys.map(mavenJar));
    const report = await runDoctor(
      ['--flink-version', '1.19', ...jars.flatMap((j) => ['--jars', j]), '--only', 'jars.integrity'],
      await onlineEnv(),
    );
    const integrity = check(report, 'jars.integrity');
    expect(integrity.status, checkText(integrity)).toBe('ok');
    expect(integrity.facts?.offline).toBe(false);
  });

  it('rejects a real JAR with one byte changed, naming it and the published checksum', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'real-tampered-'));
    const tampered = join(dir, 'flink-sql-connector-kafka-3.2.0-1.19.jar');
    await copyFile(await mavenJar('org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19'), tampered);
    // A byte in the middle of the entry data: the zip still opens (its central directory is at the end).
    const file = await open(tampered, 'r+');
    const middle = Math.floor((await stat(tampered)).size / 2);
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, middle);
    await file.write(Buffer.from([(byte[0] as number) ^ 0xff]), 0, 1, middle);
    await file.close();
    const report = await runDoctor(['--flink-version', '1.19', '--jars', tampered, '--only', 'jars.integrity'], await onlineEnv());
    const integrity = check(report, 'jars.integrity');
    expect(integrity.status, checkText(integrity)).toBe('error');
    expect(checkText(integrity)).toContain(`${tampered}: SHA-1 `);
    expect(checkText(integrity)).toContain(`published ${PINS.maven['org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19']?.sha1}`);
  });
});

describe('jars.updates against Maven Central', () => {
  // The thin Kafka JAR is looked up with kafka-clients next to it: alone it lacks classes, and jars.thin judges it.
  it.each([
    ['org.apache.flink:flink-connector-kafka:3.2.0-1.19', '1.19', ['org.apache.kafka:kafka-clients:3.4.0']],
    ['org.apache.flink:flink-sql-connector-kafka:3.2.0-1.19', '1.19', []],
    ['org.apache.flink:flink-connector-jdbc:3.2.0-1.19', '1.19', []],
    ['org.apache.flink:flink-sql-connector-kafka:5.0.0-2.2', '2.2', []],
  ])('%s on Flink %s: a newer build for the line ⇔ warning naming it', async (key, line, next) => {
    const { groupId, artifactId, version } = parseCoordinate(key);
    const newest = await newestFor(groupId, artifactId, line);
    const jars = await Promise.all([key, ...next].map(mavenJar));
    const args = ['--flink-version', line, ...jars.flatMap((j) => ['--jars', j]), '--only', 'jars.updates'];
    const report = await runDoctor(args, await onlineEnv());
    const updates = check(report, 'jars.updates');
    expect(updates.facts?.offline).toBe(false);
    expect(checkText(updates), 'the answer came from the shipped snapshot, not from Central').not.toMatch(/snapshot shipped/);
    if (newest && newest !== version) {
      expect(updates.status, checkText(updates)).toBe('warning');
      expect(updates.summary).toContain(`${version} → ${newest}`);
    } else {
      expect(updates.status, checkText(updates)).toBe('ok');
    }
  });
});

describe('jars.updates leaves a thin JAR without its dependencies to jars.thin', () => {
  it('flink-connector-kafka 3.3.0-1.20 alone on Flink 1.20: no newer thin build; jars.thin names the fat JAR', async () => {
    const jar = await mavenJar('org.apache.flink:flink-connector-kafka:3.3.0-1.20');
    const report = await runDoctor(['--flink-version', '1.20', '--jars', jar, '--only', 'jars.updates,jars.thin'], await onlineEnv());
    const updates = check(report, 'jars.updates');
    expect(updates.status, checkText(updates)).toBe('skipped');
    expect(updates.summary).toBe('flink-connector-kafka 3.3.0-1.20: no JAR provides kafka-clients; judged by jars.thin');
    expect(check(report, 'jars.thin').fix).toContain('with org.apache.flink:flink-sql-connector-kafka:');
  });
});

describe('one fat build for a thin JAR of another line, whichever check names it', () => {
  // jars.thin once read the matrix and jars.flink-version the live version list: a release newer than the matrix
  // made them name two builds for one JAR. Both now name the newest build for the line Central lists today. On
  // 2026-12-01 Central and the matrix agree (5.0.0-2.2), so this guards the day a newer 2.2 build is published; the
  // decision table (test/checks/fat-build-agreement.test.ts) is what fails on the old rule.
  it('flink-connector-kafka 3.3.0-1.20 on Flink 2.2: jars.thin and jars.flink-version name the same newest 2.2 build', async () => {
    const newest = await newestFor('org.apache.flink', 'flink-sql-connector-kafka', '2.2');
    const jar = await mavenJar('org.apache.flink:flink-connector-kafka:3.3.0-1.20');
    const args = ['--flink-version', '2.2', '--jars', jar, '--only', 'jars.thin,jars.flink-version'];
    const report = await runDoctor(args, await onlineEnv());
    const named = (id: string) =>
      [...(check(report, id).fix ?? '').matchAll(/org\.apache\.flink:flink-sql-connector-kafka:(\S+?)[,: )]/g)].map((m) => m[1]);
    expect(newest, 'Central lists a flink-sql-connector-kafka build for 2.2').toBeDefined();
    expect(named('jars.thin'), checkText(check(report, 'jars.thin'))).toEqual([newest]);
    expect(named('jars.flink-version'), checkText(check(report, 'jars.flink-version'))).toEqual([newest]);
  });
});

describe('scripts/update-maven-snapshot.mjs against Maven Central', () => {
  it('writes a snapshot dated today whose version lists are the live maven-metadata.xml', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'real-snapshot-')), 'snapshot.json');
    const artifacts = ['org.apache.flink:flink-connector-kafka', 'org.apache.flink:flink-sql-avro'];
    const script = join(import.meta.dirname, '..', 'scripts', 'update-maven-snapshot.mjs');
    await run(process.execPath, [script, '--only', artifacts.join(','), '--out', out], { env: await onlineEnv() });
    type Snapshot = { asOf: string; source: string; artifacts: Record<string, { versions: string[] }> };
    const snapshot = JSON.parse(await readFile(out, 'utf8')) as Snapshot;
    expect(snapshot.asOf).toBe(new Date().toISOString().slice(0, 10));
    expect(snapshot.source).toMatch(/^fetched from https:\/\/repo1\.maven\.org\/maven2 /);
    for (const key of artifacts) {
      const [groupId, artifactId] = key.split(':') as [string, string];
      expect(snapshot.artifacts[key]?.versions).toEqual(await liveVersions(groupId, artifactId));
    }
  });
});
