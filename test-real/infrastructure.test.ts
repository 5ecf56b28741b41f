// The cache and download helpers themselves, offline: concurrent producers publish one intact entry, a
// failed one leaves nothing behind, a dead run's lock is taken over, and registry failures say which registry;
// a partial update of docs/real-agreement.md keeps the rows it did not run.
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedDir, cachedFile } from '../scripts/real/cache.js';
import { checksumToken, downloadTo, RegistryError } from '../scripts/real/download.js';
import { SETUPS } from './corpus.js';
import { causeNamed } from './support/agreement.js';
import type { DoctorCheck } from '../scripts/real/doctor.js';
import { mavenPinsOf } from './support/outcomes.js';
import { agreementMarkdown, previousRows } from './support/table.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('cache entries', () => {
  it('two concurrent producers of one file: one produces, both get the complete file', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'real-cache-')), 'sub', 'artifact.bin');
    let produced = 0;
    const produce = async (temp: string) => {
      produced += 1;
      await writeFile(temp, 'first half ');
      await sleep(300);
      await writeFile(temp, 'first half second half');
    };
    await Promise.all([cachedFile(path, produce), cachedFile(path, produce)]);
    expect(produced).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('first half second half');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a failed producer leaves neither a file nor a lock, and the next run produces it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'real-cache-')), 'artifact.bin');
    await expect(
      cachedFile(path, async (temp) => {
        await writeFile(temp, 'partial');
        throw new Error('connection reset');
      }),
    ).rejects.toThrow('connection reset');
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
    await cachedFile(path, (temp) => writeFile(temp, 'whole'));
    expect(await readFile(path, 'utf8')).toBe('whole');
  });

  it('takes over the lock of a run that died, and rebuilds a directory left without its completion marker', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'real-cache-')), 'venv');
    await mkdir(dir);
    await writeFile(join(dir, 'half-installed'), '');
    await mkdir(`${dir}.lock`);
    await writeFile(join(`${dir}.lock`, 'owner'), `${(await import('node:os')).hostname()} 999999999\n`);
    await cachedDir(dir, (target) => mkdir(target).then(() => writeFile(join(target, 'complete-install'), '')));
    expect(existsSync(join(dir, 'half-installed'))).toBe(false);
    expect(existsSync(join(dir, 'complete-install'))).toBe(true);
  });
});

describe('registry errors', () => {
  it('names the registry when it cannot be reached', async () => {
    const target = join(await mkdtemp(join(tmpdir(), 'real-dl-')), 'x');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/maven2/x.jar`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await downloadTo(url, 'Maven Central', target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toContain(
      `Maven Central: unreachable: ECONNREFUSED (${url}). The real tier downloads pinned artifacts`,
    );
  });

  it('says a 404 is a missing pinned file, and streams a found one with its digests', async () => {
    const server = createServer((req, res) => (req.url === '/ok' ? res.end('abc') : res.writeHead(404).end()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = await mkdtemp(join(tmpdir(), 'real-dl-'));
    try {
      await expect(downloadTo(`${base}/gone`, 'PyPI', join(dir, 'a'))).rejects.toThrow(/^PyPI: not found \(HTTP 404\): is the pin right\?/);
      expect(await downloadTo(`${base}/ok`, 'PyPI', join(dir, 'b'))).toEqual({
        sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
        sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        size: 3,
      });
    } finally {
      server.close();
    }
  });

  it('reads a checksum file with or without a file name after the digest', () => {
    expect(checksumToken('A9993E364706816ABA3E25717850C26C9CD0D89D\n')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(checksumToken('a9993e364706816aba3e25717850c26c9cd0d89d  flink-sql-avro-2.3.0.jar\n')).toBe(
      'a9993e364706816aba3e25717850c26c9cd0d89d',
    );
  });
});

describe('docs/real-agreement.md kept rows (a -t run)', () => {
  it('keeps the rows of setups not run, in corpus order, and counts their verdicts (an escaped "|" in a cell too)', () => {
    const [first, second, third] = SETUPS;
    const previous = previousRows(
      [
        '| setup | what the user has | doctor | real job | agree |',
        `| \`${second?.id}\` | a \\| b | ok | ran to the end (1 s) | yes (no error, and the job ran) |`,
        `| \`${first?.id}\` | c | **error**: \`x\` | **failed** while planning: y (1 s) | **NO**: no error of the doctor names the cause (y \\| z) |`,
        `| \`${third?.id}\` | d | ok | ran to the end (1 s) | known disagreement: why |`,
        '| `no-longer-in-the-corpus` | e | ok | ran | yes (no error, and the job ran) |',
      ].join('\n'),
    );
    const markdown = agreementMarkdown([], new Date('2026-12-01'), previous);
    expect(markdown).toContain('1 of 3 setups agree; 1 are known disagreements.');
    expect(markdown).toContain('3 rows are kept from the previous run');
    const ids = [...markdown.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    expect(ids).toEqual([first?.id, second?.id, third?.id]);
  });
});

describe("a recorded job's key and the agreement's judge", () => {
  it('keys a job on the Maven pins of its own JARs only: a pin another setup added does not re-run it', () => {
    const setup = {
      id: 'x',
      jars: ['org.apache.flink:flink-sql-orc:2.3.0', 'missing:/opt/none.jar'],
      hadoopClasspath: 'org.apache.flink:flink-shaded-hadoop-2-uber:2.8.3-10.0',
    };
    const pins = mavenPinsOf(setup);
    expect(Object.keys(pins)).toEqual(
      ['org.apache.flink:flink-sql-orc:2.3.0', 'org.apache.flink:flink-shaded-hadoop-2-uber:2.8.3-10.0'].sort(),
    );
    expect(Object.values(pins).every((pin) => pin !== 'not pinned')).toBe(true);
    expect(mavenPinsOf({ id: 'y', jars: ['org.example:not-pinned:1.0'] })).toEqual({ 'org.example:not-pinned:1.0': 'not pinned' });
  });

  it('a NoClassDefFoundError is named by an error that names its class in either notation, not by another class', () => {
    const error = (summary: string) => ({ id: 'jars.thin', status: 'error', summary, details: [] }) as unknown as DoctorCheck;
    const cause = 'NoClassDefFoundError: com.ctc.wstx.io.InputBootstrapper';
    expect(causeNamed(cause, [error('… NoClassDefFoundError: com/ctc/wstx/io/InputBootstrapper while planning')])?.id).toBe('jars.thin');
    expect(causeNamed(cause, [error('… ClassNotFoundException: com.ctc.wstx.io.InputBootstrapper')])?.id).toBe('jars.thin');
    expect(causeNamed(cause, [error('… NoClassDefFoundError: com/ctc/wstx/io/InputBootstrapperX')])).toBeUndefined();
  });
});
