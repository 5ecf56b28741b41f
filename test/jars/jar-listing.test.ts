// One rule for listing a folder's JARs (src/probes/jar-files.ts), used by the pyflink, flinkHome and jars probes:
// .jar in any case, sorted; a missing folder holds no JARs; any other error is a problem to report.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import jarsReadable from '../../checks/jars-readable.js';
import { listJarFiles } from '../../src/probes/jar-files.js';
import { kafkaClientsJar } from '../helpers/jars.js';
import { isolatedEnv, runCheck } from '../helpers/run-check.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

describe('listJarFiles', () => {
  it('lists .jar names in any case, sorted, and nothing else', async () => {
    const dir = await tempDir('jar-listing-');
    for (const name of ['b.jar', 'A.JAR', 'c.Jar', 'README', 'd.jar.sha1']) await writeFileDeep(join(dir, name), 'x');
    expect(await listJarFiles(dir)).toEqual({ names: ['A.JAR', 'b.jar', 'c.Jar'] });
  });

  it('a missing folder holds no JARs; a file where the folder should be is a problem', async () => {
    const dir = await tempDir('jar-listing-');
    expect(await listJarFiles(join(dir, 'lib'))).toEqual({ names: [] });
    const file = await writeFileDeep(join(dir, 'opt'), 'not a folder');
    const listed = await listJarFiles(file);
    expect(listed.names).toEqual([]);
    expect(listed.problem).toMatch(new RegExp(`^cannot read ${file}: .*ENOTDIR`));
  });

  it("a --jars folder's upper-case .JAR files are scanned like the others", async () => {
    const dir = await tempDir('jar-listing-');
    await kafkaClientsJar(join(dir, 'KAFKA-CLIENTS-3.4.0.JAR'));
    const result = await runCheck(jarsReadable, { jars: [dir], env: isolatedEnv() });
    expect(result.status).toBe('ok');
    expect(result.summary).toBe('1 JAR readable');
  });
});
