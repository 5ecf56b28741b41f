// How a plugin's module is imported. In the CLI the engine runs as a script with its own code cache
// (src/cli/engine-loader.ts), where import() cannot be used: its ESM entry (src/cli/launch.ts) hands over its own.
export type ModuleImporter = (url: string) => Promise<unknown>;

let importer: ModuleImporter = (url) => import(url);

export function importModule(url: string): Promise<unknown> {
  return importer(url);
}

/** Set once, before the run, by the entry that loaded the engine. */
export function setModuleImporter(next: ModuleImporter): void {
  importer = next;
}
