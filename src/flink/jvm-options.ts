// The JVM options Flink's launchers use, read the way PyFlink's gateway (pyflink_gateway_server.py get_jvm_opts)
// and bin/config.sh read them: FLINK_ENV_JAVA_OPTS when set, else env.java.default-opts.all followed by
// env.java.opts.all (or the legacy env.java.opts), with JVM_ARGS in front. What the result lacks on Java 17+:
// missingFlagsOf in src/knowledge/images.ts.
import { stringValue } from './config-values.js';
import { LIMITS } from '../engine/limits.js';

export interface JvmOptionsView {
  /** What was read, in order, each with its raw value. */
  from: { source: string; value: string }[];
  /** The options, split as the launchers split them (on whitespace, surrounding double quotes removed). */
  options: string[];
}

export function effectiveJvmOptions(values: Record<string, unknown>, env: Record<string, string | undefined>): JvmOptionsView {
  const from: JvmOptionsView['from'] = [];
  const jvmArgs = env.JVM_ARGS;
  if (jvmArgs?.trim()) from.push({ source: 'JVM_ARGS', value: jvmArgs });
  const override = env.FLINK_ENV_JAVA_OPTS;
  if (override !== undefined) {
    from.push({ source: 'FLINK_ENV_JAVA_OPTS', value: override });
  } else {
    const defaults = stringValue(values, 'env.java.default-opts.all');
    if (defaults) from.push({ source: 'env.java.default-opts.all', value: defaults });
    const opts = stringValue(values, 'env.java.opts.all');
    const legacy = opts === undefined ? stringValue(values, 'env.java.opts') : undefined;
    if (opts) from.push({ source: 'env.java.opts.all', value: opts });
    else if (legacy) from.push({ source: 'env.java.opts', value: legacy });
  }
  return { from, options: from.flatMap((part) => split(part.value)) };
}

function split(value: string): string[] {
  return value.trim().replace(/^"|"$/g, '').split(/\s+/).filter(Boolean).slice(0, LIMITS.jvmOptions);
}
