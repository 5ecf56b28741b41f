// JVM options as PyFlink's gateway and bin/config.sh read them, against the Java 17 flag list of the matrix.
import { describe, expect, it } from 'vitest';
import { effectiveJvmOptions } from '../../src/flink/jvm-options.js';
import { imageJava, imagePython3, java17Flags, missingFlagsOf } from '../../src/knowledge/images.js';
import { loadMatrix } from '../../src/knowledge/load-matrix.js';

const matrix = loadMatrix();

describe('effectiveJvmOptions', () => {
  it('default-opts then opts.all, JVM_ARGS first', () => {
    const view = effectiveJvmOptions(
      { 'env.java.default-opts.all': '--add-opens=java.base/java.lang=ALL-UNNAMED', 'env.java.opts.all': '"-Xss2m -Dx=y"' },
      { JVM_ARGS: '-Xmx1g' },
    );
    expect(view.options).toEqual(['-Xmx1g', '--add-opens=java.base/java.lang=ALL-UNNAMED', '-Xss2m', '-Dx=y']);
    expect(view.from.map((f) => f.source)).toEqual(['JVM_ARGS', 'env.java.default-opts.all', 'env.java.opts.all']);
  });

  it('FLINK_ENV_JAVA_OPTS replaces the config keys; the legacy key counts only without opts.all', () => {
    expect(effectiveJvmOptions({ 'env.java.opts.all': '-Da=1' }, { FLINK_ENV_JAVA_OPTS: '-Db=2' }).options).toEqual(['-Db=2']);
    expect(effectiveJvmOptions({ 'env.java.opts': '-Dlegacy=1' }, {}).options).toEqual(['-Dlegacy=1']);
    expect(effectiveJvmOptions({ 'env.java.opts': '-Dlegacy=1', 'env.java.opts.all': '-Dnew=1' }, {}).options).toEqual(['-Dnew=1']);
  });
});

describe('missingFlagsOf against the distribution list', () => {
  it('a user opts.all that replaced the list loses all of it; the shipped list loses nothing', () => {
    const required = java17Flags(matrix, '1.20.1');
    expect(required?.flags).toContain('--add-opens=java.base/java.lang=ALL-UNNAMED');
    expect(missingFlagsOf(matrix, '1.20.1', ['-Xss2m'])?.flags).toHaveLength(required?.flags.length ?? -1);
    expect(missingFlagsOf(matrix, '1.20.1', required?.flags ?? [])?.flags).toEqual([]);
  });

  it('accepts the two-word form and knows 2.1 dropped sun.net.util', () => {
    const flags = java17Flags(matrix, '2.2')?.flags ?? [];
    expect(flags).not.toContain('--add-exports=java.base/sun.net.util=ALL-UNNAMED');
    const twoWords = flags.flatMap((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]);
    expect(missingFlagsOf(matrix, '2.2', twoWords)?.flags).toEqual([]);
    expect(missingFlagsOf(matrix, '1.17', [])).toBeUndefined();
  });
});

describe('official image knowledge', () => {
  it('bare tags default to Java 11 up to 1.20 and 17 from 2.0; tags name a variant', () => {
    expect(imageJava(matrix, '1.20.1', undefined)).toMatchObject({ java: 11, from: 'default', published: true });
    expect(imageJava(matrix, '2.2', undefined)).toMatchObject({ java: 17, from: 'default' });
    expect(imageJava(matrix, '1.17', 17)).toMatchObject({ java: 17, from: 'tag', published: false });
    expect(imagePython3(matrix, '1.20')).toMatchObject({ version: '3.10', ubuntu: 'jammy' });
    expect(imagePython3(matrix, '2.2.1')).toMatchObject({ version: '3.12', ubuntu: 'noble' });
  });
});
