// Downloads for the real tier: streamed to disk with SHA-1 and SHA-256 computed on the way, and errors that
// say which registry failed and how, so a red CI run reads "Maven Central is unreachable", not "fetch failed".
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export type Registry = 'PyPI' | 'Maven Central';

export class RegistryError extends Error {
  constructor(
    readonly registry: Registry,
    readonly url: string,
    message: string,
  ) {
    super(
      `${registry}: ${message} (${url}). The real tier downloads pinned artifacts from ${registry} into its cache; ` +
        'run it where the registry is reachable, or point FLINK_DOCTOR_REAL_CACHE at a warm cache.',
    );
    this.name = 'RegistryError';
  }
}

export interface Digests {
  sha1: string;
  sha256: string;
  size: number;
}

const TIMEOUT_MS = 10 * 60 * 1000;

async function get(url: string, registry: Registry): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), headers: { 'user-agent': 'flink-doctor real-artifact tests' } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new RegistryError(registry, url, `unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  if (response.status === 404) throw new RegistryError(registry, url, 'not found (HTTP 404): is the pin right?');
  if (!response.ok) throw new RegistryError(registry, url, `HTTP ${response.status} ${response.statusText}`);
  return response;
}

/** Streams `url` into `path`, returning its digests. */
export async function downloadTo(url: string, registry: Registry, path: string): Promise<Digests> {
  const response = await get(url, registry);
  if (!response.body) throw new RegistryError(registry, url, 'empty response');
  const sha1 = createHash('sha1');
  const sha256 = createHash('sha256');
  let size = 0;
  const digest = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha1.update(chunk);
      sha256.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), digest, createWriteStream(path));
  } catch (error) {
    throw new RegistryError(registry, url, `download broke off: ${(error as Error).message}`);
  }
  return { sha1: sha1.digest('hex'), sha256: sha256.digest('hex'), size };
}

/** A small text file (a .sha1, a maven-metadata.xml). */
export async function fetchText(url: string, registry: Registry): Promise<string> {
  return (await get(url, registry)).text();
}

/** The first whitespace-separated token of a checksum file ("<hex>" or "<hex>  name"). */
export function checksumToken(text: string): string {
  return (text.trim().split(/\s+/)[0] ?? '').toLowerCase();
}
