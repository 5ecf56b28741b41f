// The Python options of `flink run` and of the PythonDriver a FlinkDeployment starts (spec.job.args), as Flink's
// CLI defines them (docs/content/docs/deployment/cli.md, flink-clients ProgramOptions/PythonProgramOptions):
// short and long forms, a value in the next word or after '=', and -D key=value dynamic properties.
import type { PythonArgs } from '../facts/deploy.js';

export type { PythonArgs };

type Key = 'python' | 'pyModule' | 'pyFiles' | 'pyRequirements' | 'pyArchives' | 'pyExecutable' | 'pyClientExecutable' | 'jarFiles';

const OPTIONS: Record<string, Key> = {
  '-py': 'python',
  '--python': 'python',
  '-pym': 'pyModule',
  '--pyModule': 'pyModule',
  '-pyfs': 'pyFiles',
  '--pyFiles': 'pyFiles',
  '-pyreq': 'pyRequirements',
  '--pyRequirements': 'pyRequirements',
  '-pyarch': 'pyArchives',
  '--pyArchives': 'pyArchives',
  '-pyexec': 'pyExecutable',
  '--pyExecutable': 'pyExecutable',
  '-pyclientexec': 'pyClientExecutable',
  '--pyClientExecutable': 'pyClientExecutable',
  '-j': 'jarFiles',
  '--jarfile': 'jarFiles',
};

/** Reads the options it knows and steps over the rest (program arguments after the script are the job's own). */
export function parsePythonArgs(args: readonly string[]): PythonArgs {
  const out: PythonArgs = { pyFiles: [], pyArchives: [], jarFiles: [], dynamic: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-D' || (arg.startsWith('-D') && arg.length > 2)) {
      const pair = arg === '-D' ? (args[++i] ?? '') : arg.slice(2);
      const eq = pair.indexOf('=');
      if (eq > 0) out.dynamic[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const key = OPTIONS[name];
    if (!key) continue;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) break;
    assign(out, key, value);
  }
  return out;
}

function assign(out: PythonArgs, key: Key, value: string): void {
  const list = () =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  switch (key) {
    case 'pyFiles':
      out.pyFiles.push(...list());
      break;
    case 'pyArchives':
      out.pyArchives.push(...list());
      break;
    case 'jarFiles':
      out.jarFiles.push(value);
      break;
    case 'pyRequirements': {
      const hash = value.indexOf('#');
      out.pyRequirements = hash >= 0 ? { file: value.slice(0, hash), cacheDir: value.slice(hash + 1) } : { file: value };
      break;
    }
    default:
      out[key] = value;
  }
}

/** Any Python option at all: a FlinkDeployment whose args have none is not a PyFlink job. */
export function isPythonJob(args: PythonArgs, entryClass?: string): boolean {
  return Boolean(args.python ?? args.pyModule) || entryClass === 'org.apache.flink.client.python.PythonDriver';
}
