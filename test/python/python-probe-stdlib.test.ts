// The python probe's short route (CPython 3 on Linux/macOS: os.uname(), sys.version and _sysconfigdata instead of
// importing platform, json and sysconfig) against the standard library's own route, on every interpreter here.
// The reference is the same script with the short route turned off, so both answers come from one source of truth:
// what platform.*, sysconfig.get_config_var and json.dumps say.
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';
import { PROBE_MARKER, PROBE_SCRIPT } from '../../src/probes/python-probe-script.js';
import { runProcess } from '../../src/probes/process.js';
import { PYENV_VERSIONS, pyenvPython } from '../helpers/python-env.js';
import { isolatedEnv } from '../helpers/run-check.js';

const HEAVY = ['platform', 'json', 'sysconfig', 're', 'enum', 'threading'];
const SHORT_ROUTE = '_fast = (sys.version_info[0] >= 3';
const LIBRARY_ROUTE = PROBE_SCRIPT.replace(SHORT_ROUTE, '_fast = False and (sys.version_info[0] >= 3');
/**
 * A sys.path entry json.dumps escapes in every way: a quote, a backslash, a control character, é and an astral 𝄞
 * (a UTF-8 locale, so Python 3.6 decodes it as the others do).
 */
const ODD_PATH = '/tmp/q"b\\c\u0001é𝄞';

/** Debian's python3 names its _sysconfigdata module differently from CPython's default (its sysconfig is patched). */
const SYSTEM_PYTHON = '/usr/bin/python3';

async function answer(python: string, script: string): Promise<string> {
  const run = await runProcess(python, ['-c', script], {
    timeoutMs: 20_000,
    env: isolatedEnv({ PYTHONPATH: ODD_PATH, LC_ALL: 'C.UTF-8' }),
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith(PROBE_MARKER));
  if (!line) throw new Error(`${python} printed no answer: ${run.stderr.trim().split('\n').at(-1) ?? ''}`);
  return line.slice(PROBE_MARKER.length);
}

describe("the python probe's short route answers exactly as platform, json and sysconfig do", () => {
  it('the reference really is the library route (the switch the test flips is in the script)', ({ expect }) => {
    expect(PROBE_SCRIPT).toContain(SHORT_ROUTE);
    expect(LIBRARY_ROUTE).not.toBe(PROBE_SCRIPT);
  });

  const pythons = [...PYENV_VERSIONS.map((version) => pyenvPython(version)), ...(existsSync(SYSTEM_PYTHON) ? [SYSTEM_PYTHON] : [])];
  it.concurrent.for(pythons)('%s', async (python, { expect }) => {
    const [short, library] = await Promise.all([answer(python, PROBE_SCRIPT), answer(python, LIBRARY_ROUTE)]);
    const parsed = JSON.parse(short) as { sys_path: string[]; libpython: unknown; markers: Record<string, string> };
    expect(parsed).toEqual(JSON.parse(library));
    expect(parsed.sys_path).toContain(ODD_PATH);
    expect(Object.values(parsed.markers).every((value) => typeof value === 'string')).toBe(true);
    expect(parsed.libpython).toEqual({ shared: expect.any(Boolean), found: expect.any(Boolean) });
  });

  // What the short route is for: importing these (re, enum and threading behind them) was ~12 ms of a ~30 ms probe.
  it.concurrent.for(PYENV_VERSIONS.filter((version) => !version.startsWith('2.') && version !== '3.6.15'))(
    'on CPython %s it imports none of platform, json, sysconfig, re, enum, threading',
    async (version, { expect }) => {
      // -X importtime (3.7+) writes one stderr line per module imported: "import time: self | cumulative | name". -S: no
      // site, so a .pth file of this machine's interpreter (one here imports certifi, and re with it) is not counted.
      const run = await runProcess(pyenvPython(version), ['-S', '-X', 'importtime', '-c', PROBE_SCRIPT], {
        timeoutMs: 20_000,
        env: isolatedEnv(),
      });
      const imported = run.stderr
        .split('\n')
        .map((line) => line.split('|')[2]?.trim())
        .filter((name): name is string => Boolean(name));
      expect(imported.some((name) => name.startsWith('_sysconfigdata_'))).toBe(true); // the list is read; the short route ran
      expect(imported.filter((name) => HEAVY.includes(name))).toEqual([]);
    },
  );
});
