// The Java probe runs java in the run's working directory (Options.cwd), as the early start does: an in-process run
// (the plugin API, main() in tests) may be given another directory than its process's, and the JVM reports it as
// user.dir. A launcher script stands in for java and notes where it was started, then runs the real one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/engine/options.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';
import { createFactStore } from '../../src/probes/registry.js';
import { jdk17 } from '../helpers/java.js';
import { isolatedEnv } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('the Java probe and the working directory', () => {
  it("starts java in the run's cwd, not the process's", async () => {
    const home = join(await tempDir('cwd-jdk-'), 'jdk');
    const noted = join(home, 'started-in');
    await writeFileDeep(join(home, 'bin', 'java'), `#!/bin/sh\npwd > '${noted}'\nexec '${join(jdk17(), 'bin', 'java')}' "$@"\n`, true);
    const cwd = await tempDir('run-cwd-');
    const options = defaultOptions({ env: isolatedEnv({ JAVA_HOME: home }), cwd, noCache: true });
    const fact = await createFactStore(options, loadMatrix()).get('java');
    expect(fact.runs).toBe(true);
    expect(readFileSync(noted, 'utf8').trim()).toBe(cwd);
    expect(cwd).not.toBe(process.cwd());
  });
});
