// The apache-flink installs the real tier uses: one pinned patch per minor, on a Python that minor has a
// wheel for, installed either as the layout alone (--no-deps) or with the whole closure pip resolves.
import { PINS } from './artifacts.js';
import { type PipStep, type RealVenv, closureFiles, realVenv } from './venv.js';

export interface Release {
  flink: string;
  python: string;
}

/** Newest patch of every minor 1.15 → 2.3, each on a Python its wheels are built for. */
export const RELEASES: Release[] = [
  { flink: '1.15.4', python: '3.8' },
  { flink: '1.16.3', python: '3.9' },
  { flink: '1.17.2', python: '3.10' },
  { flink: '1.18.1', python: '3.10' },
  { flink: '1.19.3', python: '3.11' },
  { flink: '1.20.5', python: '3.11' },
  { flink: '2.0.2', python: '3.11' },
  { flink: '2.1.3', python: '3.12' },
  { flink: '2.2.1', python: '3.12' },
  { flink: '2.3.0', python: '3.12' },
];

export function release(flink: string): Release {
  const found = RELEASES.find((r) => r.flink === flink);
  if (!found) throw new Error(`apache-flink ${flink} is not one of the pinned releases`);
  return found;
}

/** The pinned apache-flink wheel and apache-flink-libraries file of a release. */
export function flinkFiles({ flink, python }: Release): { wheel: string; libraries: string } {
  const names = Object.keys(PINS.pypi);
  const wheel = names.find((n) => n.startsWith(`apache_flink-${flink}-cp${python.replace('.', '')}-`));
  // apache-flink-libraries-1.15.4.tar.gz, apache_flink_libraries-2.1.3.tar.gz, apache_flink_libraries-2.2.1-py2.py3-none-any.whl
  const stem = `apache-flink-libraries-${flink}`;
  const libraries = names.find(
    (n) => n.replace(/[-_]/g, '-').startsWith(stem) && /^(\.tar\.gz|-py2\.py3-none-any\.whl)$/.test(n.slice(stem.length)),
  );
  if (!wheel || !libraries) throw new Error(`apache-flink ${flink} for Python ${python} is not pinned (scripts/real/update-pins.mjs)`);
  return { wheel, libraries };
}

/** apache-flink + apache-flink-libraries with --no-deps: the layout and METADATA the doctor reads. */
export function layoutOnly(r: Release): Promise<RealVenv> {
  const { wheel, libraries } = flinkFiles(r);
  return realVenv({
    name: `flink-${r.flink}-py${r.python}-nodeps`,
    python: r.python,
    steps: [{ requirements: [`apache-flink==${r.flink}`, `apache-flink-libraries==${r.flink}`], files: [wheel, libraries], noDeps: true }],
  });
}

/** apache-flink with the whole closure pip resolved for it; `after` are the user's later `pip install`s. */
export function withClosure(r: Release, after: PipStep[] = [], label = ''): Promise<RealVenv> {
  return realVenv({
    name: `flink-${r.flink}-py${r.python}-closure${label ? `-${label}` : ''}`,
    python: r.python,
    steps: [{ requirements: [`apache-flink==${r.flink}`], files: closureFiles(r.flink, r.python) }, ...after],
  });
}
