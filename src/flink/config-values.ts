// Reading one value of a flattened Flink config (config.yaml / flink-conf.yaml, FLINK_PROPERTIES,
// flinkConfiguration): pure, so checks may use it too.

/** A key's value as one string: strings trimmed (empty → undefined), numbers and booleans as written. */
export function stringValue(values: Record<string, unknown>, key: string): string | undefined {
  const value = values[key];
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
