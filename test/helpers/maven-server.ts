// A real HTTP server on 127.0.0.1 (port 0) serving files made in the test (a Maven repository layout, or the
// answers of a Flink JobManager), plus per-path fault modes. It records every request (path and headers).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; times?: number }
  | { kind: 'stall' }
  | { kind: 'truncate'; declared: number; sent: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'huge'; bytes: number; withLength: boolean }
  | { kind: 'auth'; username: string; password: string }
  | { kind: 'slow'; ms: number };

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** performance.now() when it arrived: the gap between two says how long a client waited. */
  at: number;
}

export interface MavenServer {
  /** Content type sent with every file (none when unset). */
  contentType?: string;
  url: string;
  files: Map<string, { body: string | Buffer; etag?: string; lastModified?: string }>;
  faults: Map<string, Fault>;
  requests: RecordedRequest[];
  /** Repository-wide basic auth (every path). */
  requireAuth?: { username: string; password: string };
  /** Server-wide header auth (every path): a token in any header, e.g. authorization: Bearer …. */
  requireHeader?: { name: string; value: string };
  /** Bytes actually written for 'huge' responses (proves the client stopped reading). */
  hugeBytesSent: number;
  /** Most requests in flight at once, and the client ports seen (keep-alive reuses them). */
  maxInFlight: number;
  clientPorts: Set<number>;
  /** Back to an empty repository with no faults and nothing recorded (for beforeEach). */
  reset(): void;
  close(): Promise<void>;
}

export function metadataXml(groupId: string, artifactId: string, versions: string[], latest = versions[0]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <groupId>${groupId}</groupId>
  <artifactId>${artifactId}</artifactId>
  <versioning>
    <latest>${latest}</latest>
    <release>${latest}</release>
    <versions>
${versions.map((v) => `      <version>${v}</version>`).join('\n')}
    </versions>
    <lastUpdated>20260501120000</lastUpdated>
  </versioning>
</metadata>
`;
}

export const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

export function gaPath(groupId: string, artifactId: string): string {
  return `/${groupId.replaceAll('.', '/')}/${artifactId}`;
}

/** Adds metadata for g:a and, per version, a JAR (given bytes) and its .sha1 ("digest  filename" form). */
export function publish(
  server: MavenServer,
  groupId: string,
  artifactId: string,
  versions: string[],
  jars: Record<string, Buffer> = {},
): void {
  const base = gaPath(groupId, artifactId);
  server.files.set(`${base}/maven-metadata.xml`, {
    body: metadataXml(groupId, artifactId, versions),
    etag: `W/"${sha1(versions.join())}"`,
    lastModified: 'Fri, 01 May 2026 12:00:00 GMT',
  });
  for (const [version, bytes] of Object.entries(jars)) {
    const file = `${base}/${version}/${artifactId}-${version}.jar`;
    server.files.set(file, { body: bytes });
    server.files.set(`${file}.sha1`, { body: `${sha1(bytes)}  ${artifactId}-${version}.jar\n` });
  }
}

export async function startMavenServer(): Promise<MavenServer> {
  const sockets = new Set<Socket>();
  const fired = new Map<string, number>();
  const state: MavenServer = {
    url: '',
    files: new Map(),
    faults: new Map(),
    requests: [],
    hugeBytesSent: 0,
    maxInFlight: 0,
    clientPorts: new Set(),
    reset: () => {
      state.files.clear();
      state.faults.clear();
      state.requests.length = 0;
      state.requireAuth = undefined;
      state.requireHeader = undefined;
      state.contentType = undefined;
      state.hugeBytesSent = 0;
      state.maxInFlight = 0;
      state.clientPorts.clear();
      fired.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    if (req.socket.remotePort) state.clientPorts.add(req.socket.remotePort);
    res.on('close', () => inFlight--);
    const slow = state.faults.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (slow?.kind === 'slow') setTimeout(() => handle(state, fired, req, res), slow.ms);
    else handle(state, fired, req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function handle(state: MavenServer, fired: Map<string, number>, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  state.requests.push({ path, headers: req.headers, at: performance.now() });
  const auth = state.faults.get(path)?.kind === 'auth' ? (state.faults.get(path) as Extract<Fault, { kind: 'auth' }>) : state.requireAuth;
  if (auth) {
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="maven"' }).end();
      return;
    }
  }
  if (state.requireHeader && req.headers[state.requireHeader.name.toLowerCase()] !== state.requireHeader.value) {
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":["Unauthorized"]}');
    return;
  }
  const fault = state.faults.get(path);
  if (fault && fault.kind !== 'auth' && fault.kind !== 'slow') {
    const count = (fired.get(path) ?? 0) + 1;
    fired.set(path, count);
    if (fault.kind === 'status' && (fault.times === undefined || count <= fault.times)) {
      res.writeHead(fault.status, fault.headers).end(`status ${fault.status}`);
      return;
    }
    if (fault.kind === 'stall') return; // never answer: the client's timeout must end it
    if (fault.kind === 'truncate') {
      res.writeHead(200, { 'content-length': String(fault.declared) });
      res.write(fault.sent);
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (fault.kind === 'redirect') {
      res.writeHead(302, { location: fault.to }).end();
      return;
    }
    if (fault.kind === 'huge') {
      streamHuge(state, res, fault.bytes, fault.withLength);
      return;
    }
  }
  const file = state.files.get(path);
  if (!file) {
    res.writeHead(404).end('not found');
    return;
  }
  if (file.etag && req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { etag: file.etag }).end();
    return;
  }
  const headers: Record<string, string> = state.contentType ? { 'content-type': state.contentType } : {};
  if (file.etag) headers.etag = file.etag;
  if (file.lastModified) headers['last-modified'] = file.lastModified;
  res.writeHead(200, headers).end(file.body);
}

/** Writes up to `bytes` of filler in 64 KiB chunks, honouring backpressure, never holding it all. */
function streamHuge(state: MavenServer, res: ServerResponse, bytes: number, withLength: boolean): void {
  res.writeHead(200, withLength ? { 'content-length': String(bytes) } : {});
  const chunk = Buffer.alloc(64 * 1024, 0x41);
  let left = bytes;
  const pump = () => {
    while (left > 0) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      state.hugeBytesSent += part.length;
      if (!res.write(part)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.on('close', () => (left = 0));
  pump();
}
