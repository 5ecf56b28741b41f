// Which way imports may point, checked by `npm run lint` (depcruise src checks). Type-only imports count:
// a cycle through `import type` still ties two modules together for a reader.
//   checks ──> facts, knowledge, engine types, pure helpers      (never I/O, never a probe)
//   probes ──> facts, knowledge, I/O helpers                      (registry.ts wires them to fact keys)
//   engine ──> knowledge                                          (generic over the facts; knows no probe)
//   report ──> engine model                                       (renders results; knows no probe or check)
//   api ──> facts, engine model, pure helpers                     (what plugins import: pure, no I/O)
//   plugins ──> api contract, engine                             (loads plugins; knows no probe or check)

// Modules that touch the file system, the network or processes, or that load data at run time.
const IO = [
  '^src/(probes|cli|config|report|job)/',
  '^src/plugins/load[.]ts$',
  '^src/maven/(http|client|cache|settings|settings-path|snapshot|repository)[.]ts$',
  '^src/jars/(zip-reader|scan|contents-cache)[.]ts$',
  '^src/flink/config-file[.]ts$',
  '^src/util/(read-file|ensure-dir|file-sha1)[.]ts$',
  '^(node:)?(fs|fs/promises|child_process|net|http|https|tls|dns|worker_threads)$',
  '^node_modules/(execa|undici|yauzl|ora)/',
].join('|');

// What a check may import directly: the engine's types, the facts, the knowledge, and pure helpers.
const CHECK_MAY_IMPORT = [
  '^checks/',
  '^src/engine/(check|model)[.]ts$',
  '^src/facts/',
  '^src/knowledge/',
  '^src/jars/(describe|version|line-verdict|class-needs)[.]ts$',
  '^src/maven/(advice|coordinates|describe|flink-line)[.]ts$',
  '^src/python/(pep508|pip|wheels)[.]ts$',
  '^src/flink/(config-values|jvm-options)[.]ts$',
  '^src/util/text[.]ts$',
  '^(node:)?path$',
].join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports point one way. Move the shared piece (often a type) into a leaf both sides import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'facts-are-a-leaf',
      severity: 'error',
      comment: 'src/facts holds only the fact types; it imports nothing outside itself.',
      from: { path: '^src/facts/' },
      to: { pathNot: '^src/facts/' },
    },
    {
      name: 'engine-knows-no-probe',
      severity: 'error',
      comment: 'The engine is generic over the facts type: no probe, no fact type, no check, no reporter.',
      from: { path: '^src/engine/' },
      to: { path: '^(src/(probes|facts|report|cli|config)|checks)/' },
    },
    {
      name: 'checks-import-only-pure-modules',
      severity: 'error',
      comment: 'A check is a pure function of facts: it imports engine types, facts, knowledge and pure helpers only.',
      from: { path: '^checks/' },
      to: { pathNot: CHECK_MAY_IMPORT },
    },
    {
      name: 'checks-reach-no-io',
      severity: 'error',
      comment: 'Not even through a helper: a check never reaches a module that does I/O.',
      from: { path: '^checks/' },
      to: { path: IO, reachable: true },
    },
    {
      name: 'knowledge-reaches-no-io',
      severity: 'error',
      comment: 'The knowledge is a leaf checks build on; it does no I/O of its own.',
      from: { path: '^src/knowledge/' },
      to: { path: IO, reachable: true },
    },
    {
      name: 'report-knows-no-probe-or-check',
      severity: 'error',
      comment: 'Reporters render the result model (src/engine/model.ts); they never ask a probe or a check.',
      from: { path: '^src/report/' },
      to: { path: '^(src/probes|checks)/' },
    },
    {
      name: 'api-reaches-no-io',
      severity: 'error',
      comment: 'src/api is what plugins import at run time (dist/api/index.mjs): pure helpers and types, no I/O.',
      from: { path: '^src/api/' },
      to: { path: `${IO}|^src/(probes|plugins|cli|config|report)/|^checks/`, reachable: true },
    },
    {
      name: 'plugins-know-no-probe-or-check',
      severity: 'error',
      comment: 'The plugin host is told the built-in check ids and fact keys; it imports no probe, check or command.',
      from: { path: '^src/plugins/' },
      to: { path: '^(src/(probes|cli|report)|checks)/' },
    },
    {
      name: 'only-the-cli-knows-the-checks',
      severity: 'error',
      comment: 'checks/ sits above src/: only the command line (and tests) pick up the check list.',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^checks/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // compat-matrix.json and package.json are data, not modules with imports of their own.
    exclude: { path: '[.]json$' },
  },
};
