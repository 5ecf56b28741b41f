// HTTP_PROXY / NO_PROXY: requests go through the proxy (CONNECT tunnel or absolute-form), NO_PROXY bypasses it,
// and a proxy password never shows up in a failure message.
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/maven/cache.js';
import { MavenClient } from '../../src/maven/client.js';
import { fromUrl } from '../../src/maven/repository.js';
import { publish, startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { tempDir } from '../helpers/tmp.js';

let server: MavenServer;
let proxy: Server;
let proxyUrl: string;
let proxied = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = await startMavenServer();
  publish(server, 'org.apache.flink', 'flink-sql-connector-kafka', ['3.4.0-1.20']);
  proxy = createServer((req, res) => {
    // absolute-form forwarding
    proxied++;
    const target = new URL(req.url ?? '/');
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    proxied++;
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    sockets.add(client).add(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
});

async function versions(env: Record<string, string>, repo = server.url) {
  const client = new MavenClient({
    repository: fromUrl(repo, 't'),
    offline: false,
    cache: new DiskCache(await tempDir()),
    env,
    limits: { requestTimeoutMs: 2_000 },
  });
  try {
    return await client.versions({ groupId: 'org.apache.flink', artifactId: 'flink-sql-connector-kafka' });
  } finally {
    await client.close();
  }
}

describe('proxies', () => {
  it('HTTP_PROXY routes the request through the proxy', async () => {
    const before = proxied;
    expect((await versions({ HTTP_PROXY: proxyUrl })).versions).toEqual(['3.4.0-1.20']);
    expect(proxied).toBeGreaterThan(before);
  });

  it('NO_PROXY bypasses it', async () => {
    const before = proxied;
    expect((await versions({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' })).versions).toEqual(['3.4.0-1.20']);
    expect(proxied).toBe(before);
  });

  it('a dead proxy with credentials fails cleanly without showing the password', async () => {
    const result = await versions({ HTTP_PROXY: 'http://user:Pr0xyPa55@127.0.0.1:1' }, 'http://repo.invalid/m2');
    // "Cleanly": no exception, the shipped snapshot's list instead, and a note naming the failure.
    expect(result.source).toBe('snapshot');
    expect(result.versions).toContain('3.4.0-1.20');
    expect(result.note).toMatch(/connection failed|proxy/);
    expect(result.note).not.toContain('Pr0xyPa55');
  });
});
