// java.options: on Java 17+, the JVM options PyFlink's gateway and bin/config.sh use still carry the
// --add-opens/--add-exports list Flink's own config ships ("must not be shortened, but only extended"):
// an env.java.opts.all or FLINK_ENV_JAVA_OPTS that replaced it gives InaccessibleObjectException /
// IllegalAccessError at run time.
import { defineCheck } from './define.js';
import { missingFlagsOf } from '../src/knowledge/images.js';

export default defineCheck({
  id: 'java.options',
  title: "JVM options keep Flink's Java 17 flags",
  group: 'Java',
  description:
    "On Java 17+, the JVM options PyFlink's gateway and `bin/config.sh` use (`env.java.default-opts.all` + " +
    '`env.java.opts.all`, or `FLINK_ENV_JAVA_OPTS`; `JVM_ARGS`) still hold every `--add-opens`/`--add-exports` ' +
    "flag of the target line's default config.",
  reads: [
    'env.java.default-opts.all, env.java.opts.all, env.java.opts in the Flink config',
    'FLINK_ENV_JAVA_OPTS and JVM_ARGS',
    'the Java runtime (java.runtime)',
  ],
  needs: ['jvmOptions', 'java', 'target'],
  run({ jvmOptions, java, target }, { matrix }) {
    const major = java.version?.major;
    if (!major) return { status: 'skipped', summary: 'no Java runtime found (see java.runtime)' };
    if (major < 17) return { status: 'skipped', summary: `Java ${major}: the --add-opens list is needed from Java 17 on` };
    if (!jvmOptions.file && jvmOptions.from.length === 0)
      return { status: 'skipped', summary: 'no Flink config was read and no JVM options are set in the environment: nothing to judge' };
    const { minor, note, skip } = matrix.judgedLine(target);
    if (skip) return { status: 'skipped', summary: skip };
    const missing = missingFlagsOf(matrix, minor, jvmOptions.options);
    if (!missing)
      return { status: 'skipped', summary: `Flink ${minor} ships no Java 17 flag list (Java ${major} support is judged by java.runtime)` };
    const read = jvmOptions.from.map(
      (f) =>
        `${f.source}${f.source.startsWith('env.') && jvmOptions.file ? ` (${jvmOptions.file})` : ''}: ${f.value.length > 120 ? `${f.value.slice(0, 119)}…` : f.value}`,
    );
    const details = [
      ...(read.length > 0 ? read : ['no JVM options are set (env.java.*opts*, FLINK_ENV_JAVA_OPTS, JVM_ARGS)']),
      ...(note ? [note] : []),
    ];
    const facts = { javaMajor: major, flink: minor, options: jvmOptions.options.length, missing: missing.flags.length };
    if (missing.flags.length === 0)
      return {
        status: 'ok',
        summary: `Java ${major}: all ${missing.total} of Flink ${minor}'s --add-opens/--add-exports flags are set`,
        details,
        facts,
        sources: missing.sources,
      };
    const override = jvmOptions.from.some((f) => f.source === 'FLINK_ENV_JAVA_OPTS');
    return {
      status: 'error',
      summary: `Java ${major}: ${missing.flags.length} of Flink ${minor}'s ${missing.total} --add-opens/--add-exports flags are not in the JVM options${override ? ' (FLINK_ENV_JAVA_OPTS replaces the config keys)' : ''}: expect InaccessibleObjectException`,
      details: [`missing: ${missing.flags.join(' ')}`, ...details],
      fix: override
        ? `Add the missing flags above to FLINK_ENV_JAVA_OPTS, or unset it so ${missing.key} applies`
        : `Put the missing flags above back into ${missing.key} in ${jvmOptions.file ?? 'the Flink config'}: extend Flink's list, never replace it (or keep the list in env.java.default-opts.all and your own options in ${missing.key})`,
      facts,
      sources: missing.sources,
      ...(jvmOptions.file ? { locations: [{ path: jvmOptions.file }] } : {}),
    };
  },
});
