// Loads the plugins a run names: resolve each spec, import it (with a time limit), validate its export, and
// adapt it for the engine. A plugin that cannot be found, throws while loading, hangs, exports something else
// or declares another plugin API becomes one `error` result of its own; the other plugins and checks still run.
import { statSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolve as resolveImport } from 'import-meta-resolve';
import { errorMessage } from '../engine/errors.js';
import { within } from '../engine/run.js';
import { adaptPlugin, refusedPluginCheck, type HostCheck, type PluginProbes, type RunInfo } from './adapt.js';
import { importModule } from './importer.js';
import { isLocalSpec, nameFromSpec, type PluginRequest } from './spec.js';
import { PluginRefused, validatePlugin, type ValidationContext } from './validate.js';

export interface LoadContext extends ValidationContext, RunInfo {
  /** How long one plugin's import may take (its top-level code included). */
  importTimeoutMs?: number;
}

export interface LoadedPlugins {
  /** The plugins' checks, and one refused-plugin check per plugin that was not loaded, in the order named. */
  checks: HostCheck[];
  probes: PluginProbes;
  /** Plugins that were not loaded: their check ids are unknown, so patterns naming them cannot be judged. */
  refused: number;
}

const IMPORT_TIMEOUT_MS = 10_000;

/** A plugin that was not loaded, with the one-line reason and what to do about it. */
class NotLoaded extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly pluginName?: string,
  ) {
    super(message);
  }
}

export async function loadPlugins(requests: readonly PluginRequest[], ctx: LoadContext): Promise<LoadedPlugins> {
  const located = requests.map((request) => ({ request, url: locate(request) }));
  // The same module named twice (the config file and --plugin) is loaded once.
  const unique = located.filter((entry, i) => typeof entry.url !== 'string' || located.findIndex((e) => e.url === entry.url) === i);
  const modules = await Promise.all(unique.map(({ url }) => (typeof url === 'string' ? importPlugin(url, ctx) : Promise.resolve(url))));
  const loaded: LoadedPlugins = { checks: [], probes: {}, refused: 0 };
  const names = new Map<string, string>();
  const refusedIds = new Set<string>();
  unique.forEach(({ request }, i) => {
    const outcome = modules[i];
    try {
      if (outcome instanceof Error) throw outcome;
      const plugin = validated(outcome, ctx);
      const taken = names.get(plugin.name);
      if (taken !== undefined) {
        const reason = `its name "${plugin.name}" is taken by ${taken}, named before it`;
        throw new NotLoaded(reason, 'Name one of the two plugins only.', plugin.name);
      }
      names.set(plugin.name, request.spec);
      const adapted = adaptPlugin(plugin, request.spec, ctx);
      loaded.checks.push(...adapted.checks);
      Object.assign(loaded.probes, adapted.probes);
    } catch (error) {
      const failure = error instanceof NotLoaded ? error : new NotLoaded(errorMessage(error), 'See docs/plugins.md.');
      const name = uniqueName(failure.pluginName ?? nameFromSpec(request.spec), refusedIds);
      loaded.checks.push(refusedPluginCheck(name, request.spec, failure.message, failure.fix));
      loaded.refused += 1;
    }
  });
  return loaded;
}

/** The module's file: URL, or why there is none (a missing file, a package not installed where it was looked for). */
function locate({ spec, from }: PluginRequest): string | NotLoaded {
  if (isLocalSpec(spec)) {
    const path = resolvePath(from, spec);
    let isFile = false;
    try {
      isFile = statSync(path).isFile();
    } catch {
      // missing: said below
    }
    return isFile ? pathToFileURL(path).href : new NotLoaded(`no such file ${path}`, `Fix the path (it is relative to ${from}).`);
  }
  try {
    const url = resolveImport(spec, pathToFileURL(join(from, 'package.json')).href);
    if (!url.startsWith('file:')) return new NotLoaded(`${spec} is a Node.js built-in module`, 'Name the plugin package or file.');
    return url;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && !spec.includes('/', spec.startsWith('@') ? spec.indexOf('/') + 1 : 0)) {
      const fix = `Install it there (npm install --save-dev ${spec}), or name a local plugin as ./path/to/plugin.mjs.`;
      return new NotLoaded(`package ${spec} is not installed in ${from} or a folder above it`, fix);
    }
    return new NotLoaded(`cannot resolve ${spec} from ${from}: ${errorMessage(error)}`, 'Check the package name and its "exports".');
  }
}

/** The module's default export, or why it could not be imported (thrown while loading, or took too long). */
async function importPlugin(url: string, ctx: LoadContext): Promise<unknown> {
  const limit = ctx.importTimeoutMs ?? IMPORT_TIMEOUT_MS;
  const late = `its import did not finish within ${limit >= 1000 ? `${limit / 1000} s` : `${limit} ms`}`;
  try {
    const module = (await within(importModule(url), limit, late)) as Record<string, unknown>;
    if (!('default' in module)) throw new NotLoaded('it has no default export', 'Export the plugin: export default definePlugin({ … }).');
    return module.default;
  } catch (error) {
    if (error instanceof NotLoaded) return error;
    const fix = `Run node --input-type=module -e "await import('${url}')" to see the whole error, and fix the plugin or stop naming it.`;
    const message = errorMessage(error);
    return new NotLoaded(message === late ? late : `it failed while loading: ${message}`, fix);
  }
}

function validated(exported: unknown, ctx: ValidationContext): ReturnType<typeof validatePlugin> {
  try {
    return validatePlugin(exported, ctx);
  } catch (error) {
    if (!(error instanceof PluginRefused)) throw error;
    const fix = /plugin API/.test(error.message)
      ? "Use a release of the plugin written for this flink-doctor's plugin API, or a flink-doctor that speaks the plugin's."
      : "Fix the plugin's default export (docs/plugins.md describes it).";
    throw new NotLoaded(error.message, fix, error.pluginName);
  }
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n += 1) candidate = `${name}-${n}`;
  used.add(candidate);
  return candidate;
}
