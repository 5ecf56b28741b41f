// Where pip would have to build apache-flink, pemja or apache-beam from source, from the interpreter's markers and
// the wheel tables of compat-matrix.json (PyPI's file lists): said before the user runs pip, with what it needs.
import { describe, expect, it } from 'vitest';
import pyflinkInstall from '../../checks/pyflink-install.js';
import type { MarkerEnvironment } from '../../src/facts/index.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { platformOf, sourceBuildsFor } from '../../src/python/wheels.js';
import { buildFacts, decide, LINUX_PY311_MARKERS } from '../helpers/facts.js';

const matrix = loadMatrix();
const wheels = matrix.doc.wheels;
if (!wheels) throw new Error('compat-matrix.json has no wheels section');

/** Markers as CPython reports them on each platform (platform.machine(), sys.platform). */
const on = (sys_platform: string, platform_machine: string, python = '3.11'): MarkerEnvironment => ({
  ...LINUX_PY311_MARKERS,
  sys_platform,
  platform_machine,
  platform_system: sys_platform === 'darwin' ? 'Darwin' : sys_platform === 'win32' ? 'Windows' : 'Linux',
  python_version: python,
  python_full_version: `${python}.9`,
});
const MAC_ARM = on('darwin', 'arm64');
const LINUX_ARM = on('linux', 'aarch64');
const WINDOWS = on('win32', 'AMD64');

const builds = (release: string, markers: MarkerEnvironment) => {
  const entry = matrix.requiresDistFor(release, `cp${markers.python_version.replace('.', '')}`);
  return sourceBuildsFor(wheels, release, entry?.requires ?? [], markers, matrix.line(release)?.knownBadDependencies).map(
    (b) => `${b.package} ${b.version}`,
  );
};

describe('platformOf', () => {
  it('names the platform from sys_platform and platform_machine', () => {
    expect(platformOf(LINUX_PY311_MARKERS)).toBe('linux-x86_64');
    expect(platformOf(MAC_ARM)).toBe('macos-arm64');
    expect(platformOf(LINUX_ARM)).toBe('linux-aarch64');
    expect(platformOf(WINDOWS)).toBe('windows-x86_64');
    expect(platformOf(on('linux', 'ppc64le'))).toBeUndefined();
  });
});

describe('sourceBuildsFor', () => {
  it('Linux x86_64 on a supported Python has wheels for everything', () => {
    for (const release of ['1.15.4', '1.20.5', '2.3.0']) {
      const python = release === '1.15.4' ? '3.8' : '3.11';
      expect(builds(release, on('linux', 'x86_64', python)), release).toEqual([]);
    }
  });

  it('Apple Silicon builds apache-beam (no arm64 wheel for any pinned release), and everything on 1.15', () => {
    expect(builds('2.3.0', MAC_ARM)).toEqual(['apache-beam 2.61.0']);
    expect(builds('1.20.5', MAC_ARM)).toEqual(['apache-beam 2.48.0']);
    expect(builds('1.15.4', on('darwin', 'arm64', '3.8'))).toEqual(['apache-flink 1.15.4', 'pemja 0.1.4', 'apache-beam 2.27.0']);
  });

  it('Linux aarch64 builds apache-flink, and pemja until 0.5.7 shipped aarch64 wheels', () => {
    expect(builds('1.19.3', LINUX_ARM)).toEqual(['apache-flink 1.19.3', 'pemja 0.4.1']);
    expect(builds('2.3.0', LINUX_ARM)).toEqual(['apache-flink 2.3.0']);
  });

  it('Windows builds apache-flink (no Windows wheels) but never pemja (excluded there)', () => {
    expect(builds('2.3.0', WINDOWS)).toEqual(['apache-flink 2.3.0']);
    const [flink] = sourceBuildsFor(wheels, '2.3.0', matrix.requiresDistFor('2.3.0')?.requires ?? [], WINDOWS);
    expect(flink?.needs).toContain('nothing extra');
  });
});

describe('pyflink.install says what pip would build before it runs', () => {
  const notInstalled = (markers: MarkerEnvironment, flinkVersion: string) =>
    buildFacts({
      python: { markers, version: `${markers.python_version}.9` },
      pyflink: {
        installed: false,
        flink: undefined,
        libraries: undefined,
        packageDir: undefined,
        versionPy: undefined,
        libJars: [],
        optJars: [],
      },
      target: { flinkVersion, patch: flinkVersion, minor: flinkVersion.split('.').slice(0, 2).join('.'), source: 'flag', known: true },
    });

  it('on Apple Silicon: apache-beam from source, and the setuptools<82 constraint first', () => {
    const outcome = decide(pyflinkInstall, notInstalled(MAC_ARM, '2.3.0'));
    expect(outcome.details?.join('\n')).toContain(
      'apache-beam 2.61.0 has no wheel for macos-arm64 / Python 3.11: pip builds it from source',
    );
    expect(outcome.details?.join('\n')).toContain("ModuleNotFoundError: No module named 'pkg_resources'");
    expect(outcome.fix?.split('\n')[0]).toContain('PIP_CONSTRAINT');
    expect(outcome.fix?.split('\n')[1]).toContain('"apache-flink==2.3.0"');
  });

  it('on Linux aarch64 with 1.19: pemja needs a JDK through JAVA_HOME, and says when the Java found is a JRE', () => {
    const facts = notInstalled(LINUX_ARM, '1.19.3');
    facts.java = { ...facts.java, isJdk: false };
    const outcome = decide(pyflinkInstall, facts);
    const details = outcome.details?.join('\n') ?? '';
    expect(details).toContain('pemja 0.4.1 has no wheel for linux-aarch64');
    expect(details).toContain('a JDK, not a JRE');
    expect(details).toMatch(/JAVA_HOME=\S+ is a JRE .*install a JDK/);
  });

  it('on Linux x86_64 nothing extra is said', () => {
    const outcome = decide(pyflinkInstall, notInstalled(LINUX_PY311_MARKERS, '2.3.0'));
    expect(outcome.details?.join('\n')).not.toContain('from source');
  });
});
