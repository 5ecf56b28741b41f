#!/usr/bin/env python3
"""Checks compat-matrix.json `jdbcDrivers` against the real driver JARs.

Each driver JAR is fetched with Maven (`mvn dependency:copy`) into
${FLINK_DOCTOR_REAL_CACHE:-~/.cache/flink-doctor-real}/jdbc-drivers (never into the repository); the check is
that META-INF/services/java.sql.Driver registers `driverClass` and that every `otherClasses` entry is a class
file of the JAR. Exit 1 with one line per mismatch.
"""
import json
import os
import subprocess
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CACHE = os.path.join(os.environ.get('FLINK_DOCTOR_REAL_CACHE') or os.path.expanduser('~/.cache/flink-doctor-real'))


def fetch(driver):
    target = os.path.join(CACHE, 'jdbc-drivers')
    name = f"{driver['artifactId']}-{driver['version']}.jar"
    if not os.path.exists(os.path.join(target, name)):
        coordinate = f"{driver['groupId']}:{driver['artifactId']}:{driver['version']}"
        subprocess.run(['mvn', '-q', '-B', 'dependency:copy', f'-Dartifact={coordinate}', f'-DoutputDirectory={target}',
                        f"-Dmaven.repo.local={os.path.join(CACHE, 'm2')}"], check=True)
    return os.path.join(target, name)


def main():
    drivers = json.load(open(os.path.join(ROOT, 'compat-matrix.json')))['jdbcDrivers']['drivers']
    problems = []
    for driver in drivers:
        with zipfile.ZipFile(fetch(driver)) as jar:
            names = set(jar.namelist())
            service = 'META-INF/services/java.sql.Driver'
            registered = jar.read(service).decode().split() if service in names else []
            if driver['driverClass'] not in registered:
                problems.append(f"{driver['artifactId']}: registers {registered}, not {driver['driverClass']}")
            for other in driver.get('otherClasses', []):
                if other.replace('.', '/') + '.class' not in names:
                    problems.append(f"{driver['artifactId']}: no class {other}")
        print(f"{driver['artifactId']} {driver['version']}: {driver['driverClass']}", file=sys.stderr)
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
