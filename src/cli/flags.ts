// The command line, declared once: parsing, --help and the README's flag table all come from this list.
// node:util's own parseArgs, as a package: importing node:util costs ~4 ms on Node 24 (it loads its diff and
// colour modules, which open stderr), on every run, before the first probe can start.
import { parseArgs } from '@pkgjs/parseargs';
import { UsageError } from '../engine/errors.js';
import type { FlagSpec, ParsedFlags } from '../engine/options.js';

export type { FlagSpec, ParsedFlags } from '../engine/options.js';

export const FLAGS: FlagSpec[] = [
  {
    name: 'json',
    type: 'boolean',
    description: 'Print one JSON report on stdout (schemas/report.schema.json) and nothing else there; same as --format json',
  },
  {
    name: 'format',
    type: 'string',
    value: 'F',
    description:
      'Report format: human, json, junit, sarif, markdown or github (default: human; in GitHub Actions human output also gets ::error/::warning annotations)',
  },
  { name: 'output', type: 'string', value: 'FILE', description: 'Write the report to FILE; the human summary still goes to the terminal' },
  {
    name: 'config',
    type: 'string',
    value: 'FILE',
    description: 'Config file (default: the nearest flink-doctor.config.json from the working directory upwards); flags beat it',
  },
  {
    name: 'python',
    type: 'string',
    value: 'PATH',
    description:
      'Client Python interpreter to inspect (default: PYFLINK_CLIENT_EXECUTABLE, python.client.executable, the active venv/conda env, python3 on PATH)',
  },
  { name: 'java-home', type: 'string', value: 'PATH', description: 'Java home to inspect; overrides env.java.home, JAVA_HOME and PATH' },
  {
    name: 'flink-version',
    type: 'string',
    value: 'V',
    description: 'Target Flink version, e.g. 2.2 or 2.2.1 (default: the installed apache-flink wheel)',
  },
  {
    name: 'conf-dir',
    type: 'string',
    value: 'DIR',
    description: "Flink conf directory (default: FLINK_CONF_DIR, $FLINK_HOME/conf, the wheel's pyflink/conf)",
  },
  {
    name: 'jars',
    type: 'string',
    multiple: true,
    value: 'PATH',
    description: 'A JAR, or a folder of JARs, the job will see besides pipeline.jars and lib/ (repeatable)',
  },
  {
    name: 'job',
    type: 'string',
    multiple: true,
    value: 'FILE',
    description:
      'A PyFlink job (.py) or Flink SQL script (.sql): read, never run, for the JARs, connectors, formats, catalogs, drivers and PyFlink classes it needs (repeatable)',
  },
  {
    name: 'cluster',
    type: 'string',
    value: 'URL',
    description:
      "A running JobManager's REST address (http://host:8081): its Flink, Java, classpath and python.* settings are compared with the client (skipped with --offline)",
  },
  {
    name: 'cluster-auth-env',
    type: 'string',
    value: 'VAR',
    description:
      'Environment variable holding the header --cluster sends ("Bearer …" for Authorization, or "Name: value"); default FLINK_DOCTOR_CLUSTER_AUTH; its value is never printed',
  },
  {
    name: 'cluster-ca',
    type: 'string',
    value: 'FILE',
    description: "PEM file of the CA that signed the JobManager's (or its proxy's) certificate",
  },
  { name: 'cluster-timeout', type: 'string', value: 'S', description: 'Seconds to wait for each answer of the JobManager (default 5)' },
  {
    name: 'deploy',
    type: 'string',
    multiple: true,
    value: 'FILE',
    description:
      'A Dockerfile, docker-compose file or Kubernetes manifest (FlinkDeployment, FlinkSessionJob) the job is deployed with (repeatable; default: those in the working directory)',
  },
  {
    name: 'offline',
    type: 'boolean',
    description: 'No network: Maven data comes from the cache, then the snapshot shipped with flink-doctor (its age is shown)',
  },
  {
    name: 'no-cache',
    type: 'boolean',
    description:
      "Use and keep none of the answers earlier runs left in the user's cache folder (JAR contents, parsed config files, installed packages' metadata, the JVM's answer, the --job files' needs)",
  },
  {
    name: 'maven-repo',
    type: 'string',
    value: 'URL',
    description:
      'Maven repository for connector versions and checksums (default: FLINK_DOCTOR_MAVEN_REPO, a ~/.m2/settings.xml mirror of central, Maven Central)',
  },
  {
    name: 'plugin',
    type: 'string',
    multiple: true,
    value: 'SPEC',
    description:
      'Load a plugin\'s checks: a local module (./path/plugin.mjs) or an npm package installed in the project; adds to the config file\'s "plugins" (repeatable; docs/plugins.md)',
  },
  {
    name: 'only',
    type: 'string',
    multiple: true,
    value: 'IDS',
    description: 'Run only these checks (comma-separated ids or prefixes such as "jars"; repeatable)',
  },
  { name: 'skip', type: 'string', multiple: true, value: 'IDS', description: 'Skip these checks (reported as skipped; repeatable)' },
  { name: 'strict', type: 'boolean', description: 'Exit 1 on warnings too' },
  { name: 'verbose', type: 'boolean', description: 'Also show sources, facts and timings' },
  { name: 'no-color', type: 'boolean', description: 'No colours (also off when piped, in CI, or with NO_COLOR)' },
  { name: 'list-checks', type: 'boolean', description: 'List the checks and what each reads, then exit' },
  { name: 'version', type: 'boolean', description: 'Print the version and exit' },
  { name: 'help', type: 'boolean', description: 'Show this help and exit' },
];

/** Parses argv strictly: an unknown flag or a missing value is a UsageError (exit 2), never a guess. */
export function parseFlags(argv: readonly string[]): { flags: ParsedFlags; positionals: string[] } {
  const options: Record<string, { type: 'boolean' | 'string'; multiple?: boolean }> = {};
  for (const flag of FLAGS) options[flag.name] = { type: flag.type, ...(flag.multiple ? { multiple: true } : {}) };
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    return { flags: values as ParsedFlags, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown flag ${unknown[1]} (see --help)`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(message);
  if (positional) return `unexpected argument '${positional[1]}'`;
  return message.split('\n')[0] ?? 'invalid command line';
}

/** "--only a,b --only c" → ["a","b","c"] */
export function listValue(value: string | boolean | string[] | undefined): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return items
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

export function helpText(toolVersion: string): string {
  const width = Math.max(...FLAGS.map((f) => usage(f).length)) + 2;
  const lines = FLAGS.map((f) => `  ${usage(f).padEnd(width)}${f.description}`);
  return [
    `flink-doctor ${toolVersion}: checks that Java, Python, the apache-flink wheel and its dependencies fit together before you submit a PyFlink job.`,
    '',
    'Usage: flink-doctor [flags]',
    '       flink-doctor connector NAME [--flink-version V] [--offline] [--maven-repo URL] [--json]',
    '',
    'Flags:',
    ...lines,
    '',
    'Exit codes: 0 no errors (and no warnings with --strict), 1 problems found, 2 the doctor could not run (bad flag or input).',
  ].join('\n');
}

function usage(flag: FlagSpec): string {
  return `--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
}

/** The README's flag table (between its flags:start/end markers); test/readme.test.ts keeps the two equal. */
export function flagsMarkdownTable(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  return ['| flag | meaning |', '|---|---|', ...FLAGS.map((f) => `| \`${usage(f)}\` | ${escape(f.description)} |`)].join('\n');
}
