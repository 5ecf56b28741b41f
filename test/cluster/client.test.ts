// The REST client against loopback JobManagers whose answers validate against Flink's published REST spec of
// each supported line, and against hostile servers: each a clear one-line answer, never a hang or a leaked token.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readCluster, type ClusterFact } from '../../src/cluster/client.js';
import { parseJvmMajor } from '../../src/cluster/responses.js';
import { REST_LINES, restAnswers, serveCluster, specProblems } from '../helpers/flink-rest.js';
import { startMavenServer, type MavenServer } from '../helpers/maven-server.js';

let server: MavenServer;
let other: MavenServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startMavenServer(), startMavenServer()]);
});
afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});
beforeEach(() => {
  server.reset();
  other.reset();
});

const TOKEN = 'sekrit-token-4f1c9a';
const read = (env: Record<string, string> = {}, extra: { authEnv?: string; timeoutMs?: number; url?: string } = {}) =>
  readCluster(
    { url: extra.url ?? server.url, timeoutMs: extra.timeoutMs ?? 2_000, ...(extra.authEnv ? { authEnv: extra.authEnv } : {}) },
    env,
  );

/** Every string of the fact, to prove a secret is in none of them. */
const everyText = (fact: ClusterFact) => JSON.stringify(fact);

describe('answers of every supported line', () => {
  for (const line of REST_LINES) {
    it(`Flink ${line}: the answers validate against the ${line} spec and are read`, async () => {
      const version = `${line}.1`;
      const answers = restAnswers(line, { version, config: { 'python.executable': '/usr/bin/python3' }, taskManagers: 2 });
      for (const [path, body] of Object.entries(answers)) expect(specProblems(line, path, body), `${line} ${path}`).toEqual([]);
      serveCluster(server, line, { version, config: { 'python.executable': '/usr/bin/python3' }, taskManagers: 2 });
      const fact = await read();
      expect(fact).toMatchObject({
        status: 'read',
        flinkVersion: version,
        taskManagers: 2,
        config: { 'python.executable': '/usr/bin/python3' },
      });
      if (line === '1.15') {
        expect(fact.jvm).toBeUndefined();
        expect(fact.gaps).toEqual([
          { endpoint: '/jobmanager/environment', problem: '/jobmanager/environment is not served (HTTP 404; Flink added it in 1.16)' },
        ]);
      } else {
        expect(fact.jvm).toMatchObject({ major: 17, arch: 'amd64' });
        expect(fact.classpath).toContain(`/opt/flink/lib/flink-dist-${version}.jar`);
        expect(fact.gaps).toEqual([]);
      }
    });
  }

  it('the spec subset tells the lines apart (a field one line lacks fails there)', () => {
    const newer = restAnswers('2.3', { version: '2.3.0' });
    expect(specProblems('2.2', '/taskmanagers', newer['/taskmanagers']).join()).toContain('assignedTasks');
    expect(specProblems('1.15', '/jobmanager/environment', {})).toEqual(['/jobmanager/environment is not in the Flink 1.15 REST spec']);
  });
});

describe('the JVM string', () => {
  it('reads the feature release from the spec version', () => {
    expect(parseJvmMajor('OpenJDK 64-Bit Server VM - Debian - 17/17.0.15+6-Debian-1deb12u1')).toBe(17);
    expect(parseJvmMajor('OpenJDK 64-Bit Server VM - Temurin - 1.8/25.392-b08')).toBe(8);
    expect(parseJvmMajor('OpenJDK 64-Bit Server VM - Eclipse Adoptium - 21/21.0.5+11-LTS')).toBe(21);
    expect(parseJvmMajor('<unknown>')).toBeUndefined();
  });
});

describe('auth header from an environment variable', () => {
  it('sends the header only to the named origin and never keeps its value', async () => {
    serveCluster(server, '1.20', { version: '1.20.1' });
    server.requireHeader = { name: 'authorization', value: `Bearer ${TOKEN}` };
    const fact = await read({ FLINK_DOCTOR_CLUSTER_AUTH: `Bearer ${TOKEN}` });
    expect(fact.status).toBe('read');
    expect(fact.authFrom).toBe('FLINK_DOCTOR_CLUSTER_AUTH');
    expect(everyText(fact)).not.toContain(TOKEN);
  });

  it('accepts "Name: value" for a custom header, from the variable --cluster-auth-env names', async () => {
    serveCluster(server, '2.2', { version: '2.2.1' });
    server.requireHeader = { name: 'x-api-key', value: TOKEN };
    const fact = await read({ MY_FLINK_KEY: `X-Api-Key: ${TOKEN}` }, { authEnv: 'MY_FLINK_KEY' });
    expect(fact).toMatchObject({ status: 'read', authFrom: 'MY_FLINK_KEY' });
  });

  it('401 without a header names the variable to set', async () => {
    serveCluster(server, '2.2', { version: '2.2.1' });
    server.requireHeader = { name: 'authorization', value: `Bearer ${TOKEN}` };
    const fact = await read();
    expect(fact.status).toBe('unreachable');
    expect(fact.failure).toBe(
      '/config wants credentials (HTTP 401): put the header value in FLINK_DOCTOR_CLUSTER_AUTH (or the variable --cluster-auth-env names)',
    );
  });

  it('401 with a wrong header says which variable it came from, not what it holds', async () => {
    serveCluster(server, '2.2', { version: '2.2.1' });
    server.requireHeader = { name: 'authorization', value: 'Bearer right' };
    const fact = await read({ FLINK_DOCTOR_CLUSTER_AUTH: `Bearer ${TOKEN}` });
    expect(fact.failure).toBe('/config refused the auth header from FLINK_DOCTOR_CLUSTER_AUTH (HTTP 401)');
    expect(everyText(fact)).not.toContain(TOKEN);
  });

  it('a variable named but unset is a note, and a line break in the value is refused before sending', async () => {
    serveCluster(server, '2.2', { version: '2.2.1' });
    expect((await read({}, { authEnv: 'NOPE' })).notes).toEqual(['NOPE (named by --cluster-auth-env) is not set: no auth header was sent']);
    server.requests.length = 0;
    const broken = await read({ FLINK_DOCTOR_CLUSTER_AUTH: `Bearer ${TOKEN}\r\nX-Evil: 1` });
    expect(broken.failure).toBe('the value of FLINK_DOCTOR_CLUSTER_AUTH contains a line break: it cannot be sent as a header');
    expect(server.requests).toHaveLength(0);
  });
});

describe('hostile or wrong servers', () => {
  it('404: not a JobManager REST address', async () => {
    const fact = await read();
    expect(fact.failure).toBe("/config is not served (HTTP 404): is this the JobManager's REST address (rest.port, 8081 by default)?");
  });

  it('HTML instead of JSON (a login page)', async () => {
    server.files.set('/config', { body: '<!doctype html><html><body>Sign in</body></html>' });
    const fact = await read();
    expect(fact.failure).toBe('/config answered HTML instead of JSON (a login page or a proxy in front of the JobManager?)');
  });

  it('JSON that is not Flink, and text that is not JSON (scrubbed of the token)', async () => {
    server.files.set('/config', { body: '{"status":"ok"}' });
    expect((await read()).failure).toBe('not a Flink /config answer (no "flink-version")');
    server.files.set('/config', { body: `echo: Bearer ${TOKEN}` });
    const fact = await read({ FLINK_DOCTOR_CLUSTER_AUTH: `Bearer ${TOKEN}` });
    expect(fact.failure).toMatch(/^\/config answered something that is not JSON: "echo: \*\*\*/);
    expect(everyText(fact)).not.toContain(TOKEN);
  });

  it('a stall ends at the timeout with a clear line', async () => {
    server.faults.set('/config', { kind: 'stall' });
    const started = Date.now();
    const fact = await read({}, { timeoutMs: 400 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(fact.failure).toMatch(/^\/config: no response within \d+ ms$/);
  });

  it('a redirect to another host is not followed, and the token never reaches it', async () => {
    serveCluster(other, '2.2', { version: '2.2.1' });
    server.faults.set('/config', { kind: 'redirect', to: `${other.url}/config` });
    const fact = await read({ FLINK_DOCTOR_CLUSTER_AUTH: `Bearer ${TOKEN}` });
    expect(fact.failure).toBe(
      `/config redirects to another host (${other.url}/config): not followed, so the auth header stays with the address given; pass the final address to --cluster`,
    );
    expect(other.requests).toHaveLength(0);
  });

  it('a redirect on the same host is followed (a proxy adding a path)', async () => {
    serveCluster(server, '1.19', { version: '1.19.3' });
    server.faults.set('/flink/config', { kind: 'redirect', to: '/config' });
    const fact = await read({}, { url: `${server.url}/flink` });
    expect(fact.status).toBe('read');
  });

  it('an endpoint that fails after /config answered is a gap, not the end', async () => {
    serveCluster(server, '2.0', { version: '2.0.2' });
    server.faults.set('/jobmanager/config', { kind: 'status', status: 500 });
    const fact = await read();
    expect(fact.status).toBe('read');
    expect(fact.gaps).toEqual([{ endpoint: '/jobmanager/config', problem: '/jobmanager/config: HTTP 500 (after 2 attempts)' }]);
  });

  it('nothing listening: connection refused', async () => {
    const fact = await read({}, { url: 'http://127.0.0.1:9' });
    expect(fact.status).toBe('unreachable');
    expect(fact.failure).toMatch(/^\/config: connection failed: ECONNREFUSED/);
  });
});
