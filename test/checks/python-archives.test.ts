// python.archives: its decision table on built facts. The archive reader (zip and tar listings, links that leave
// the archive, environments inside) is tested on real archives of real venvs in test/python/archive.test.ts.
import { describe, expect, it } from 'vitest';
import pythonArchives from '../../checks/python-archives.js';
import type { ArchiveRead } from '../../src/facts/index.js';
import { buildFacts, decide } from '../helpers/facts.js';

const CONF = '/work/conf/config.yaml';
const judge = (...archives: ArchiveRead[]) =>
  decide(pythonArchives, buildFacts({ shipping: { archives, files: { entries: [], localImports: [] }, file: CONF } }));
const read = (extra: Partial<ArchiveRead> = {}): ArchiveRead => ({
  entry: 'venv.zip',
  path: '/work/venv.zip',
  status: 'read',
  entries: 120,
  outwardLinks: [],
  environments: ['venv'],
  ...extra,
});
const interpreterOutside = {
  inside: 'venv/bin/python',
  root: 'venv',
  resolution: { kind: 'outside' as const, link: 'venv/bin/python', target: '/usr/bin/python3.11' },
};

describe('python.archives decisions (built facts)', () => {
  it('skipped when python.archives is not set', () => {
    expect(decide(pythonArchives, buildFacts()).summary).toBe('python.archives is not set');
  });

  it('ok: self-contained archives, remote ones listed and not downloaded', () => {
    const outcome = judge(read(), read({ entry: 'hdfs:///envs/py.tar.gz#py', path: undefined, status: 'remote' }));
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('2 archives: no symlink out of the archive');
    expect(outcome.details).toEqual([
      'venv.zip: 120 entries; Python environments: venv',
      'hdfs:///envs/py.tar.gz#py: remote, not downloaded',
    ]);
  });

  it("error: a link out of the archive other than the interpreter's own, which is python.worker's", () => {
    const outwardLinks = [
      { name: 'venv/bin/python', target: '/usr/bin/python3.11' },
      { name: 'venv/lib/python3.11/site-packages/mylib', target: '/home/me/src/mylib' },
    ];
    const outcome = judge(read({ outwardLinks, interpreter: interpreterOutside }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'venv.zip: 1 symlink points outside the archive (venv/lib/python3.11/site-packages/mylib → /home/me/src/mylib): missing on the workers',
    );
    expect(outcome.details).toContain('venv.zip: 1 interpreter link (venv/bin/python*) points outside the archive: see python.worker');
    expect(outcome.fix).toMatch(/^Rebuild the archive from an environment that holds real files: `python -m venv --copies` or conda-pack/);
    expect(outcome.locations).toEqual([{ path: CONF }]);
  });

  it("ok when the interpreter's own links are the only ones: this check leaves them to python.worker", () => {
    const outcome = judge(
      read({ outwardLinks: [{ name: 'venv/bin/python', target: '/usr/bin/python3.11' }], interpreter: interpreterOutside }),
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe("1 archive: no symlink out of the archive besides the interpreter's (see python.worker)");
  });

  it('more than three links are capped in the summary', () => {
    const outwardLinks = ['a', 'b', 'c', 'd'].map((n) => ({ name: `env/lib/${n}`, target: `/src/${n}` }));
    expect(judge(read({ outwardLinks })).summary).toBe(
      'venv.zip: 4 symlinks point outside the archive (env/lib/a → /src/a, env/lib/b → /src/b, env/lib/c → /src/c, …): missing on the workers',
    );
  });

  it('error: an archive that cannot be read; the other problems follow in the details', () => {
    const outcome = judge(
      read({ entry: 'gone.zip', status: 'unreadable', problem: '/work/gone.zip does not exist' }),
      read({ entry: 'bad.tgz', status: 'unreadable', problem: 'not a zip or tar archive' }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe('gone.zip: /work/gone.zip does not exist');
    expect(outcome.details?.[0]).toBe('bad.tgz: not a zip or tar archive');
    expect(outcome.facts).toMatchObject({ archives: 2, problems: 2 });
  });

  it('a listing ended by a cap: "no link out" is said of the part read, and the cap is named', () => {
    const outcome = judge(
      read({
        entry: 'venv.tar.gz',
        path: '/work/venv.tar.gz',
        entries: 60_000,
        truncated: true,
        cap: "read up to flink-doctor's cap of 256 MiB uncompressed",
      }),
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.summary).toBe('1 archive: no symlink out of the archive in the part read of venv.tar.gz (see details)');
    expect(outcome.details).toContain(
      "venv.tar.gz: 60,000 entries read (read up to flink-doctor's cap of 256 MiB uncompressed; the rest was not read); Python environments: venv",
    );
  });

  it('a listing stopped at the first link out: the count is a lower bound', () => {
    const outcome = judge(
      read({
        entry: 'venv.tar.gz',
        path: '/work/venv.tar.gz',
        entries: 40,
        truncated: true,
        enough: true,
        outwardLinks: [{ name: 'venv/lib/data', target: '/srv/data' }],
      }),
    );
    expect(outcome.summary).toBe(
      'venv.tar.gz: 1 or more symlinks point outside the archive (venv/lib/data → /srv/data): missing on the workers',
    );
  });
});
