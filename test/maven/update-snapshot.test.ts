// scripts/update-maven-snapshot.mjs against the local server: writes every found artifact, leaves 404s out,
// and never replaces the snapshot when the repository fails.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gaPath, publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir } from '../helpers/tmp.js';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'update-maven-snapshot.mjs');
let server: MavenServer;
beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, '--base-url', server.url, '--delay-ms', '0', ...args],
      { timeout: 20_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('update-maven-snapshot', () => {
  it('writes the version lists with their date and source, leaving unknown artifacts out', async () => {
    publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20', '3.4.0-1.20']);
    publish(server, 'com.ververica', 'flink-sql-connector-mysql-cdc', ['3.0.1']);
    const out = join(await tempDir(), 'snapshot.json');
    const result = await run([
      '--out',
      out,
      '--only',
      'org.apache.flink:flink-sql-connector-kafka,com.ververica:flink-sql-connector-mysql-cdc,org.apache.flink:nope',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('org.apache.flink:nope: not in');
    const doc = JSON.parse(await readFile(out, 'utf8'));
    expect(doc.asOf).toBe(new Date().toISOString().slice(0, 10));
    expect(doc.source).toContain(server.url);
    expect(doc.artifacts).toEqual({
      'org.apache.flink:flink-sql-connector-kafka': { versions: ['3.3.0-1.20', '3.4.0-1.20'] },
      'com.ververica:flink-sql-connector-mysql-cdc': { versions: ['3.0.1'] },
    });
  });

  it('--keep-unlisted keeps versions a partial mirror does not list, and says so', async () => {
    publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20']);
    const out = join(await tempDir(), 'snapshot.json');
    await writeFile(
      out,
      JSON.stringify({ artifacts: { 'org.apache.flink:flink-sql-connector-kafka': { versions: ['3.3.0-1.20', '3.4.0-1.20'] } } }),
    );
    const kafka = ['--out', out, '--only', 'org.apache.flink:flink-sql-connector-kafka'];
    expect((await run([...kafka, '--keep-unlisted'])).code).toBe(0);
    const kept = JSON.parse(await readFile(out, 'utf8'));
    expect(kept.artifacts['org.apache.flink:flink-sql-connector-kafka']).toEqual({
      versions: ['3.3.0-1.20', '3.4.0-1.20'],
      unlisted: ['3.4.0-1.20'],
    });
    expect(kept.source).toContain('1 versions the repository does not list were kept');
    expect((await run(kafka)).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).artifacts['org.apache.flink:flink-sql-connector-kafka']).toEqual({
      versions: ['3.3.0-1.20'],
    });
  });

  it('a failing repository aborts without touching the existing snapshot, after one retry (Retry-After: 0 is at once)', async () => {
    const path = `${gaPath('org.apache.flink', 'broken')}/maven-metadata.xml`;
    server.faults.set(path, { kind: 'status', status: 503, headers: { 'retry-after': '0' } });
    const out = join(await tempDir(), 'snapshot.json');
    await writeFile(out, '{"kept":true}');
    const result = await run(['--out', out, '--only', 'org.apache.flink:broken']);
    expect(result.code).toBe(1);
    expect(await readFile(out, 'utf8')).toBe('{"kept":true}');
    const [first, retry] = server.requests.filter((r) => r.path === path);
    expect(retry).toBeDefined();
    // Without a Retry-After the script waits 2 s before its retry; 0 must not wait.
    expect((retry?.at ?? Infinity) - (first?.at ?? 0)).toBeLessThan(1_500);
  });
});
