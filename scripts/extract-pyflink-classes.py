#!/usr/bin/env python3
"""Extracts the PyFlink Python API -> Java class map from the released `apache-flink` wheels.

PyFlink's Python wrappers load their JVM classes through the py4j gateway
(`get_gateway().jvm.org.apache.flink.connector.kafka.source.KafkaSource.builder()`,
`load_java_class("org.apache...")`). This script reads every pyflink/**.py of one wheel per Flink line
with Python's own `ast` module, follows a public class to the helpers of its module it names (KafkaSource ->
KafkaSourceBuilder), and keeps the JVM classes that a connector or format JAR provides (the package
prefixes in compat-matrix.json `pyflinkClasses.packages`); everything else ships inside the distribution.

Usage:
  python3 scripts/extract-pyflink-classes.py [--download]

It rewrites `wheels` and `classes` of compat-matrix.json `pyflinkClasses` (the hand-kept `packages` map, with its
sources, decides which JVM packages belong to which connector family) and leaves every other section as it is.

--download fetches the wheels with pip into ${FLINK_DOCTOR_REAL_CACHE:-~/.cache/flink-doctor-real}/pyflink-wheels
(never into the repository). Facts, not code, go into compat-matrix.json: each entry names the wheel and the
path inside it.
"""
import ast
import glob
import json
import os
import subprocess
import sys
import zipfile

# The newest patch of each line, and a Python version its wheels are built for.
RELEASES = {
    '1.15': ('1.15.4', '3.8'), '1.16': ('1.16.3', '3.8'), '1.17': ('1.17.2', '3.8'), '1.18': ('1.18.1', '3.8'),
    '1.19': ('1.19.3', '3.8'), '1.20': ('1.20.5', '3.8'), '2.0': ('2.0.2', '3.8'), '2.1': ('2.1.3', '3.10'),
    '2.2': ('2.2.1', '3.10'), '2.3': ('2.3.0', '3.10'),
}
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CACHE = os.path.join(os.environ.get('FLINK_DOCTOR_REAL_CACHE') or os.path.expanduser('~/.cache/flink-doctor-real'), 'pyflink-wheels')


def download(version, python):
    subprocess.run(['pip', 'download', '--no-deps', '--only-binary=:all:', '--python-version', python,
                    '--platform', 'manylinux2014_x86_64', '-q', '-d', CACHE, f'apache-flink=={version}'], check=True)


def wheel_of(version):
    found = sorted(glob.glob(os.path.join(CACHE, f'apache_flink-{version}-*.whl')))
    return found[0] if found else None


def dotted(node):
    """`a.b.c` of an attribute chain, or None when it is not rooted at a name or a call."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append('()')
    else:
        return None
    return list(reversed(parts))


def jvm_class(parts):
    """org.apache.flink.x.Y of `...jvm.org.apache.flink.x.Y.method`: packages, then the first capitalised name."""
    if 'jvm' not in parts:
        return None
    rest = parts[parts.index('jvm') + 1:]
    for i, part in enumerate(rest):
        if part[:1].isupper():
            return '.'.join(rest[:i + 1]) if i > 0 else None
    return None


def references(tree_node):
    """JVM classes a piece of code loads, and the names it mentions (to follow helpers of the same module)."""
    classes, names = set(), set()
    for node in ast.walk(tree_node):
        if isinstance(node, ast.Attribute):
            parts = dotted(node)
            cls = parts and jvm_class(parts)
            if cls:
                classes.add(cls)
        elif isinstance(node, ast.Call) and getattr(node.func, 'id', getattr(node.func, 'attr', None)) == 'load_java_class':
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                classes.add(node.args[0].value)
        elif isinstance(node, ast.Name):
            names.add(node.id)
    return classes, names


def module_classes(source):
    """Public class -> (JVM classes its own body loads, those it or the module's classes/functions it names load)."""
    tree = ast.parse(source)
    defs = {}
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            defs[node.name] = references(node)
    result = {}
    for name, node in ((n.name, n) for n in tree.body if isinstance(n, ast.ClassDef)):
        if name.startswith('_'):
            continue
        seen, todo, reached = {name}, [name], set()
        while todo:
            loads, named = defs[todo.pop()]
            reached |= loads
            for other in named & defs.keys() - seen:
                seen.add(other)
                todo.append(other)
        result[name] = (defs[name][0], reached)
    return result


def primary(name, own, reached, packages):
    """The JVM classes using this Python class needs from a connector JAR: the class of the same name, else what
    its own body loads, else what its helpers load. Relocated (shaded) classes only when nothing else is left:
    they tell the fat JAR from the thin one, which jars.thin judges, not whether the connector is there."""
    in_jar = lambda classes: sorted(c for c in classes if family_of(c, packages))
    same = [c for c in in_jar(reached) if c.rsplit('.', 1)[-1] == name]
    if same:
        return same
    for candidates in (in_jar(own), in_jar(reached)):
        unshaded = [c for c in candidates if '.shaded.' not in c]
        if unshaded or candidates:
            return unshaded or candidates
    return []


def family_of(java_class, packages):
    best = None
    for prefix, family in packages.items():
        if java_class.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, family)
    return best[1] if best else None


def extract(wheel, packages):
    entries = {}
    with zipfile.ZipFile(wheel) as zf:
        for path in sorted(zf.namelist()):
            if not path.startswith('pyflink/') or not path.endswith('.py') or '/tests/' in path or '/examples/' in path:
                continue
            module = path[:-3].replace('/', '.').removesuffix('.__init__')
            try:
                classes = module_classes(zf.read(path).decode('utf8'))
            except SyntaxError:
                continue
            for name, (own, reached) in classes.items():
                kept = primary(name, own, reached, packages)
                if kept:
                    entries[f'{module}.{name}'] = {'java': kept, 'path': path}
    return entries


def main():
    matrix = json.load(open(os.path.join(ROOT, 'compat-matrix.json')))
    packages = {p['prefix']: p['family'] for p in matrix['pyflinkClasses']['packages']}
    os.makedirs(CACHE, exist_ok=True)
    wheels, per_line = {}, {}
    for line, (version, python) in RELEASES.items():
        if '--download' in sys.argv and not wheel_of(version):
            download(version, python)
        wheel = wheel_of(version)
        if not wheel:
            sys.exit(f'no wheel for apache-flink {version} in {CACHE} (run with --download)')
        wheels[line] = os.path.basename(wheel)
        per_line[line] = extract(wheel, packages)
    # One entry per (Python class, JVM classes) with the lines it holds for.
    merged = {}
    for line, entries in per_line.items():
        for python, entry in entries.items():
            key = (python, tuple(entry['java']), entry['path'])
            merged.setdefault(key, []).append(line)
    section = matrix['pyflinkClasses']
    section['wheels'] = wheels
    section['classes'] = [{'python': p, 'java': list(j), 'lines': lines, 'path': path} for (p, j, path), lines in sorted(merged.items())]
    with open(os.path.join(ROOT, 'compat-matrix.json'), 'w') as out:
        out.write(json.dumps(matrix, indent=2, ensure_ascii=False) + '\n')
    print(f"{len(section['classes'])} entries from {len(wheels)} wheels", file=sys.stderr)


if __name__ == '__main__':
    main()
