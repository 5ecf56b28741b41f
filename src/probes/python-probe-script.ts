// The Python source run once in the client interpreter (`python -c PROBE_SCRIPT`). It must run unchanged on
// Python 2.7 and 3.6–3.13: no f-strings, no walrus, no `print` statement, only the standard library, and it
// must not import anything from site-packages. It prints one line: PROBE_MARKER followed by a JSON object,
// so a sitecustomize.py or a .pth file that prints to stdout cannot spoil the answer.

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
import json, os, platform

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

def _libpython():
    try:
        import sysconfig
        libdir = sysconfig.get_config_var('LIBDIR') or ''
        stem = 'libpython%d.%d' % (sys.version_info[0], sys.version_info[1])
        try:
            found = any(n.startswith(stem) and ('.so' in n or n.endswith('.dylib')) for n in os.listdir(libdir))
        except Exception:
            found = False
        return {'shared': bool(sysconfig.get_config_var('Py_ENABLE_SHARED')), 'found': found}
    except Exception:
        return None

_base = getattr(sys, 'real_prefix', None) or getattr(sys, 'base_prefix', None) or sys.prefix
_path = [os.path.abspath(p) for p in sys.path if p]

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
sys.stdout.write('\\n${PROBE_MARKER}' + json.dumps(_answer) + '\\n')
sys.stdout.flush()
`;
