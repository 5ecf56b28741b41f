// What a CLI run loaded and ran, from V8's coverage (a run with NODE_V8_COVERAGE=DIR): the files it loaded, and the
// modules of the engine script (src/cli/engine-loader.ts) whose code ran. esbuild writes a `// path` comment before
// each module it bundles; a module ran when a function that starts in it was called. Used by the lazy-load test
// (test/cli/lazy-load.test.ts) and npm run bench:job.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENGINE = /\/dist\/cli\/engine-[^/]*\.cjs$/;

/** `dir`'s coverage: every file loaded, the engine's modules that ran, and whether the engine script ran at all. */
export function codeThatRan(dir) {
  const scripts = readdirSync(dir)
    .flatMap((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')).result)
    .filter((script) => script.url.startsWith('file:'));
  const engine = scripts.find((script) => ENGINE.test(script.url));
  return {
    files: scripts.map((script) => fileURLToPath(script.url)),
    engineRan: engine !== undefined,
    modules: new Set(engine ? modulesThatRan(engine) : []),
  };
}

/** The modules esbuild bundled into `text`, each with where its code starts. */
export function modulesOf(text) {
  return [...text.matchAll(/^\/\/ ((?:src|checks|node_modules|data)\/\S+|[\w.-]+\.json)$/gm)].map((m) => ({ at: m.index, path: m[1] }));
}

function modulesThatRan(script) {
  const text = readFileSync(fileURLToPath(script.url), 'utf8');
  const modules = modulesOf(text);
  // Offsets count from the start of what V8 compiled: the loader's wrapper, then the file's text, then "\n})".
  const shift = script.functions[0].ranges[0].endOffset - text.length - '\n})'.length;
  return script.functions.flatMap(({ ranges: [whole] }) => {
    if (!whole || whole.count === 0) return [];
    const module = modules.findLast((m) => m.at <= whole.startOffset - shift);
    return module ? [module.path] : [];
  });
}
