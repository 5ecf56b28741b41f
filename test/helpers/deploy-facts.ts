// Deployment facts read by the real deploy reader (pure parsing, milliseconds) from the fixture folders in
// test/fixtures/deploy or from files a test writes, with the client's facts from the facts builder.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readDeployment } from '../../src/deploy/read.js';
import type { Facts } from '../../src/facts/index.js';
import { buildFacts, distribution, type FactsOverrides } from './facts.js';
import { tempDir, writeFileDeep } from './tmp.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'deploy');

/** `wheel` is the client's apache-flink (none when undefined); `python` the client interpreter's version. */
export type ClientOptions = { wheel?: string; python?: string } & FactsOverrides;

async function factsOf(dir: string, { wheel, python = '3.11.7', ...overrides }: ClientOptions): Promise<Facts> {
  const deploy = await readDeployment(
    readdirSync(dir)
      .sort()
      .map((name) => ({ path: join(dir, name), found: 'flag' as const })),
  );
  const pyflink = wheel ? { installed: true, flink: distribution('apache-flink', wheel) } : { installed: false, flink: undefined };
  return buildFacts({ deploy, pyflink, python: { version: python }, ...overrides });
}

/** Facts for one fixture folder of test/fixtures/deploy. */
export function fixtureFacts(folder: string, client: ClientOptions = {}): Promise<Facts> {
  return factsOf(join(FIXTURES, folder), client);
}

/** Facts for deployment files written from `files` (name → text) into a fresh folder. */
export async function deployFacts(files: Record<string, string>, client: ClientOptions = {}): Promise<Facts> {
  const dir = await tempDir('deploy-');
  for (const [name, text] of Object.entries(files)) await writeFileDeep(join(dir, name), text);
  return factsOf(dir, client);
}
