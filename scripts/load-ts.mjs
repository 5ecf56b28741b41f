// Imports one of the project's TypeScript modules from a script without a build first: esbuild bundles it in
// memory and the bundle is imported as a data: URL. esbuild is loaded only when a script calls this.
import { Buffer } from 'node:buffer';
import { join } from 'node:path';

/** The module at `entry` (relative to the repository root `root`), bundled with what it imports. */
export async function loadTs(root, entry) {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}
