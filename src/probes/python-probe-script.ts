// The Python source run once in the client interpreter (`python -c PROBE_SCRIPT`). It must run unchanged on
// Python 2.7 and 3.6–3.13: no f-strings, no walrus, no `print` statement, only the standard library, and it
// must not import anything from site-packages. It prints one line: PROBE_MARKER followed by a JSON object,
// so a sitecustomize.py or a .pth file that prints to stdout cannot spoil the answer.
// It runs on every doctor run, on the critical path: on CPython 3 for Linux and macOS it reads what `platform`,
// `json` and `sysconfig` would give it from os.uname(), sys.version and the _sysconfigdata module, because importing
// those three (re, enum, threading behind them) was ~12 of its ~30 ms. Anything else takes the library's own route.
// test/python/python-probe-stdlib.test.ts holds every interpreter here to the library's answers.

/** Prefix of the answer line; everything else on stdout is ignored. */
export const PROBE_MARKER = '__FLINK_DOCTOR_PYTHON__';

/** The JSON object the script prints (snake_case, as Python names them). */
export interface ProbeAnswer {
  version: string;
  implementation: string;
  executable: string;
  prefix: string;
  base_prefix: string;
  sys_path: string[];
  markers: Record<string, string>;
  /** Py_ENABLE_SHARED, and whether a libpython shared library sits in LIBDIR (what pemja's thread mode loads). */
  libpython?: { shared: boolean; found: boolean } | null;
}

export const PROBE_SCRIPT = `
import sys
# -c puts the working directory first on sys.path: drop it before importing, so a json.py there cannot shadow ours.
if sys.path and sys.path[0] == '':
    del sys.path[0]
import os
# CPython 3 on Linux or macOS: platform.uname() is os.uname() there, sys.version starts with the version.
_fast = (sys.version_info[0] >= 3 and getattr(getattr(sys, 'implementation', None), 'name', '') == 'cpython'
         and sys.platform in ('linux', 'darwin') and hasattr(os, 'uname'))

def _fmt(info):
    text = '%d.%d.%d' % (info[0], info[1], info[2])
    kind = info[3]
    if kind != 'final':
        text += kind[0] + str(info[4])
    return text

def _safe(call, default):
    try:
        return call()
    except Exception:
        return default

if hasattr(sys, 'implementation'):
    _impl_name = sys.implementation.name
    _impl_version = _fmt(sys.implementation.version)
else:
    _impl_name = ''
    _impl_version = '0'

def _config_vars():
    # sysconfig.get_config_var reads these build-time values from this module (unless a cross build names another).
    if _fast and '_PYTHON_SYSCONFIGDATA_NAME' not in os.environ:
        try:
            name = '_sysconfigdata_%s_%s_%s' % (sys.abiflags, sys.platform, getattr(sys.implementation, '_multiarch', ''))
            return __import__(name).build_time_vars.get
        except Exception:
            pass
    import sysconfig
    return sysconfig.get_config_var

def _libpython():
    try:
        config_var = _config_vars()
        libdir = config_var('LIBDIR') or ''
        stem = 'libpython%d.%d' % (sys.version_info[0], sys.version_info[1])
        try:
            found = any(n.startswith(stem) and ('.so' in n or n.endswith('.dylib')) for n in os.listdir(libdir))
        except Exception:
            found = False
        return {'shared': bool(config_var('Py_ENABLE_SHARED')), 'found': found}
    except Exception:
        return None

_base = getattr(sys, 'real_prefix', None) or getattr(sys, 'base_prefix', None) or sys.prefix
_path = [os.path.abspath(p) for p in sys.path if p]

_WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.+'

def _sys_version():
    # platform.python_version() on CPython: the leading [\\w.+]+ (ASCII) of sys.version, ".0" added to "X.Y".
    n = 0
    while n < len(sys.version) and sys.version[n] in _WORD:
        n += 1
    parts = sys.version[:n].split('.')
    if len(parts) == 2:
        parts.append('0')
    return '.'.join(parts)

class _Uname(object):
    # platform.system(), release(), version(), machine() on Linux and macOS: os.uname(), 'unknown' read as ''.
    def __init__(self):
        self.fields = ['' if f == 'unknown' else f for f in os.uname()]
    def python_version(self):
        return _sys_version()
    def python_implementation(self):
        return 'CPython'
    def python_version_tuple(self):
        return tuple(_sys_version().split('.'))
    def system(self):
        return self.fields[0]
    def release(self):
        return self.fields[2]
    def version(self):
        return self.fields[3]
    def machine(self):
        return self.fields[4]

if _fast and _sys_version():
    platform = _Uname()
else:
    import platform

_answer = {
    'version': platform.python_version(),
    'implementation': platform.python_implementation(),
    'executable': sys.executable or '',
    'prefix': sys.prefix,
    'base_prefix': _base,
    'sys_path': _path,
    'libpython': _libpython(),
    'markers': {
        'implementation_name': _impl_name,
        'implementation_version': _impl_version,
        'os_name': os.name,
        'platform_machine': _safe(platform.machine, ''),
        'platform_python_implementation': platform.python_implementation(),
        'platform_release': _safe(platform.release, ''),
        'platform_system': _safe(platform.system, ''),
        'platform_version': _safe(platform.version, ''),
        'python_full_version': platform.python_version(),
        'python_version': '.'.join(platform.python_version_tuple()[:2]),
        'sys_platform': sys.platform,
    },
}
def _json_text(text):
    # json.dumps' escaping (ensure_ascii): printable ASCII as is, anything else \\uXXXX, astral as a surrogate pair.
    out = []
    for c in text:
        o = ord(c)
        if 0x20 <= o < 0x7f and c != '"' and c != '\\\\':
            out.append(c)
        elif o > 0xffff:
            o -= 0x10000
            out.append('\\\\u%04x\\\\u%04x' % (0xd800 + (o >> 10), 0xdc00 + (o & 0x3ff)))
        else:
            out.append('\\\\u%04x' % o)
    return '"' + ''.join(out) + '"'

def _json(value):
    if isinstance(value, dict):
        return '{' + ','.join(_json_text(k) + ':' + _json(v) for k, v in value.items()) + '}'
    if isinstance(value, (list, tuple)):
        return '[' + ','.join(_json(v) for v in value) + ']'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if value is None:
        return 'null'
    if isinstance(value, int):
        return str(value)
    return _json_text(value)

if _fast:
    _text = _json(_answer)
else:
    import json
    _text = json.dumps(_answer)
sys.stdout.write('\\n${PROBE_MARKER}' + _text + '\\n')
sys.stdout.flush()
`;
