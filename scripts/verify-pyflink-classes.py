#!/usr/bin/env python3
"""Checks each PyFlink class -> JVM class fact of compat-matrix.json `pyflinkClasses` against the real connector
JAR a job would add on that Flink line, and records the classes that JAR does not contain.

For each entry and line, the connector family that owns the JVM class (the `packages` prefixes) names its
artifacts (fat first, then thin) and its newest release for the line (`connectors.families`); the JAR is
fetched with Maven (`mvn dependency:copy`) into ${FLINK_DOCTOR_REAL_CACHE:-~/.cache/flink-doctor-real}/
connector-jars (never into the repository) and its central directory is searched for the class file. What is
missing goes to `pyflinkClasses.unavailable` with the artifact read: job.connectors then says the wrapper
cannot work on that line instead of naming a JAR that would not help.

Usage: python3 scripts/verify-pyflink-classes.py [--lines 2.0,2.1,2.2]   (default: every line of the map)
"""
import json
import os
import subprocess
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CACHE = os.environ.get('FLINK_DOCTOR_REAL_CACHE') or os.path.expanduser('~/.cache/flink-doctor-real')
JARS = os.path.join(CACHE, 'connector-jars')


def family_of(java_class, packages):
    best = None
    for entry in packages:
        if java_class.startswith(entry['prefix']) and (best is None or len(entry['prefix']) > len(best['prefix'])):
            best = entry
    return best['family'] if best else None


def key(release):
    return tuple(int(p) for p in release.split('.') if p.isdigit())


def version_for(family, line, matrix):
    """The Maven version a job would add on this line: the newest release listing it, or the line's patch."""
    if family['versioning'] == 'flink':
        return matrix['flink'][line]['newestPatch']
    releases = [r for r in family['releases'] if line in r['flink']]
    if not releases:
        return None
    newest = max(releases, key=lambda r: key(r['version']))
    return f"{newest['version']}-{line}" if family['versioning'] == 'connector' or newest.get('suffixed') else newest['version']


NOT_PUBLISHED = set()


def fetch(group, artifact, version):
    path = os.path.join(JARS, f'{artifact}-{version}.jar')
    if (group, artifact, version) in NOT_PUBLISHED:
        return None
    if not os.path.exists(path):
        result = subprocess.run(['mvn', '-q', '-B', 'dependency:copy', f'-Dartifact={group}:{artifact}:{version}', f'-DoutputDirectory={JARS}',
                                 f"-Dmaven.repo.local={os.path.join(CACHE, 'm2')}"], capture_output=True)
        if result.returncode != 0:
            NOT_PUBLISHED.add((group, artifact, version))
            return None
    return path


def jar_for(family, version):
    """The first of the family's artifacts (fat, then thin) published in this version, and whether it is fat."""
    group = family['groupIds'][-1]
    for artifact in family['fat'] + family['thin']:
        path = fetch(group, artifact, version)
        if path:
            return f'{group}:{artifact}:{version}', path, artifact in family['fat']
    return None, None, False


def main():
    matrix = json.load(open(os.path.join(ROOT, 'compat-matrix.json')))
    section = matrix['pyflinkClasses']
    families = matrix['connectors']['families']
    wanted = sys.argv[sys.argv.index('--lines') + 1].split(',') if '--lines' in sys.argv else None
    os.makedirs(JARS, exist_ok=True)
    missing = {}
    for entry in section['classes']:
        for line in entry['lines']:
            if wanted and line not in wanted:
                continue
            for java in entry['java']:
                family = families.get(family_of(java, section['packages']) or '')
                version = family and version_for(family, line, matrix)
                if not version:
                    continue
                coordinate, path, fat = jar_for(family, version)
                if not path:
                    print(f'{line} {java}: no artifact of the family published as {version}', file=sys.stderr)
                    continue
                if '.shaded.' in java and not fat:
                    continue  # relocated classes live only in the fat JAR, which could not be read
                with zipfile.ZipFile(path) as jar:
                    if java.replace('.', '/') + '.class' not in set(jar.namelist()):
                        missing.setdefault(java, {})[line] = coordinate
    previous = [u for u in section.get('unavailable', []) if wanted and not set(u['lines']) & set(wanted)]
    section['unavailable'] = previous + [
        {'java': java, 'lines': sorted(by_line, key=key),
         'sources': [{'ref': 'MVN-JAR', 'path': by_line[line], 'note': f'Flink {line}: its central directory has no such class file'} for line in sorted(by_line, key=key)]}
        for java, by_line in sorted(missing.items())]
    with open(os.path.join(ROOT, 'compat-matrix.json'), 'w') as out:
        out.write(json.dumps(matrix, indent=2, ensure_ascii=False) + '\n')
    for item in section['unavailable']:
        print(f"{','.join(item['lines'])}: {item['java']} not in {item['sources'][0]['path']}", file=sys.stderr)


if __name__ == '__main__':
    main()
