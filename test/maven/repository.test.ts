// Repository selection: flag, env, settings.xml mirrors (mirrorOf rules) with <server> credentials, and
// redaction of every secret that could leak through a URL or message.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/maven/cache.js';
import { MavenClient } from '../../src/maven/client.js';
import { redactText, redactUrl } from '../../src/maven/redact.js';
import { MAVEN_CENTRAL, fromUrl, resolveRepository } from '../../src/maven/repository.js';
import { mirrorOfMatchesCentral } from '../../src/maven/settings.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const SECRET = 's3cr3t-Pa55';
let server: MavenServer;
beforeAll(async () => {
  server = await startMavenServer();
});
afterAll(() => server.close());

function settingsXml(
  mirrors: { id: string; url: string; mirrorOf: string }[],
  servers: { id: string; username: string; password: string }[] = [],
): string {
  return `<?xml version="1.0"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
  <servers>${servers.map((s) => `<server><id>${s.id}</id><username>${s.username}</username><password>${s.password}</password></server>`).join('')}</servers>
  <mirrors>${mirrors.map((m) => `<mirror><id>${m.id}</id><url>${m.url}</url><mirrorOf>${m.mirrorOf}</mirrorOf></mirror>`).join('')}</mirrors>
</settings>`;
}

async function homeWith(xml: string): Promise<string> {
  const home = await tempDir('fd-home-');
  await writeFileDeep(join(home, '.m2', 'settings.xml'), xml);
  return home;
}

describe('mirrorOf', () => {
  it.each([
    ['central', true],
    ['*', true],
    ['external:*', true],
    ['repo1,central,repo2', true],
    [' internal , central ', true],
    ['*,!central', false],
    ['myrepo,!central', false],
    ['external:http:*', false],
    ['internal', false],
  ])('%s → %s', (value, expected) => expect(mirrorOfMatchesCentral(value)).toBe(expected));
});

describe('resolveRepository', () => {
  it('defaults to Maven Central', async () => {
    expect((await resolveRepository(undefined, { HOME: await tempDir() })).url).toBe(MAVEN_CENTRAL);
  });

  it('the flag beats the env var, which beats settings.xml', async () => {
    const HOME = await homeWith(settingsXml([{ id: 'corp', url: 'https://nexus.example/repository/central', mirrorOf: '*' }]));
    expect((await resolveRepository('https://flag.example/m2/', { HOME, FLINK_DOCTOR_MAVEN_REPO: 'https://env.example/m2' })).url).toBe(
      'https://flag.example/m2',
    );
    expect((await resolveRepository(undefined, { HOME, FLINK_DOCTOR_MAVEN_REPO: 'https://env.example/m2' })).source).toBe(
      'FLINK_DOCTOR_MAVEN_REPO',
    );
    expect(await resolveRepository(undefined, { HOME })).toMatchObject({
      url: 'https://nexus.example/repository/central',
      source: "settings.xml mirror 'corp'",
    });
  });

  it('prefers the mirror of exactly "central" over an earlier wildcard, and skips !central', async () => {
    const HOME = await homeWith(
      settingsXml([
        { id: 'not-central', url: 'https://a.example', mirrorOf: '*,!central' },
        { id: 'wild', url: 'https://b.example', mirrorOf: '*' },
        { id: 'exact', url: 'https://c.example', mirrorOf: 'central' },
      ]),
    );
    expect((await resolveRepository(undefined, { HOME })).source).toBe("settings.xml mirror 'exact'");
  });

  it('takes credentials from the matching <server> (with ${env.X}) and never shows them', async () => {
    const HOME = await homeWith(
      settingsXml(
        [{ id: 'corp', url: 'https://nexus.example/m2', mirrorOf: 'central' }],
        [{ id: 'corp', username: 'deploy', password: '${env.NEXUS_PW}' }],
      ),
    );
    const repo = await resolveRepository(undefined, { HOME, NEXUS_PW: SECRET });
    expect(repo.auth).toEqual({ username: 'deploy', password: SECRET });
    expect(JSON.stringify({ ...repo, auth: undefined, secrets: undefined })).not.toContain(SECRET);
  });

  it('moves userinfo of a URL into basic auth and masks it for display', () => {
    const repo = fromUrl(`https://bob:${SECRET}@repo.example/m2/`, '--maven-repo');
    expect(repo).toMatchObject({ url: 'https://repo.example/m2', auth: { username: 'bob', password: SECRET } });
    expect(repo.display).not.toContain(SECRET);
  });

  it('a broken settings.xml is a problem, never an exception, and its text is not echoed', async () => {
    const HOME = await homeWith(`<settings><servers><server><password>${SECRET}</password></server>`);
    const repo = await resolveRepository(undefined, { HOME });
    expect(repo.url).toBe(MAVEN_CENTRAL);
    expect(repo.problems.join()).toMatch(/not valid XML/);
    expect(repo.problems.join()).not.toContain(SECRET);
  });
});

describe('a mirror with basic auth, end to end', () => {
  it('sends credentials to the mirror only, and never across a redirect to another origin', async () => {
    server.requireAuth = { username: 'deploy', password: SECRET };
    publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.3.0-1.20']);
    const HOME = await homeWith(
      settingsXml([{ id: 'corp', url: `${server.url}/`, mirrorOf: 'external:*' }], [{ id: 'corp', username: 'deploy', password: SECRET }]),
    );
    const repository = await resolveRepository(undefined, { HOME });
    const client = new MavenClient({ repository, offline: false, cache: new DiskCache(await tempDir()), env: {} });
    expect((await client.versions({ groupId: 'org.apache.flink', artifactId: 'flink-sql-connector-kafka' })).source).toBe('network');
    await client.close();
    server.requireAuth = undefined;
  });

  it('a 401 names the cause without the password', async () => {
    server.requireAuth = { username: 'deploy', password: 'right' };
    const client = new MavenClient({
      repository: fromUrl(`http://deploy:${SECRET}@127.0.0.1:${new URL(server.url).port}`, 't'),
      offline: false,
      cache: new DiskCache(await tempDir()),
      env: {},
    });
    const result = await client.versions({ groupId: 'org.example', artifactId: 'x' });
    expect(result.note).toMatch(/HTTP 401 \(check the repository credentials\)/);
    expect(result.note).not.toContain(SECRET);
    server.requireAuth = undefined;
  });
});

describe('redaction', () => {
  it('masks userinfo, listed secrets and Authorization values', () => {
    expect(redactUrl(`https://u:${SECRET}@h/x`)).toBe('https://***@h/x');
    expect(redactText(`failed https://u:${SECRET}@h/x and ${SECRET} Authorization: Basic dTpw`, [SECRET])).toBe(
      'failed https://***@h/x and *** Authorization: Basic ***',
    );
  });
});
