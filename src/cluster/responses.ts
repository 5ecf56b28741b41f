// What the JobManager's REST answers mean, as plain data. Pure: the client hands over parsed JSON, this module
// reads the fields the doctor needs and says in one line what is wrong with a body that does not fit. Field
// names follow Flink's published REST spec (docs/static/generated/rest_v1_dispatcher.yml, every line 1.15–2.3):
// /config → DashboardConfiguration, /jobmanager/environment → EnvironmentInfo (1.16+), /jobmanager/config →
// ConfigurationInfoEntry[], /taskmanagers → TaskManagersInfo.
import type { JvmInfo } from '../facts/cluster.js';
import { clip } from '../util/text.js';
import { LIMITS } from '../engine/limits.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface DashboardInfo {
  flinkVersion: string;
  flinkRevision?: string;
}

export interface EnvironmentInfo {
  jvm?: JvmInfo;
  classpath: string[];
}

/** Cap on list lengths kept from one answer: a classpath or config of 100,000 entries is hostile, not a cluster. */
export const MAX_ITEMS = LIMITS.clusterListItems;
const MAX_TEXT = LIMITS.clusterValueChars;

export function parseDashboard(body: unknown): Parsed<DashboardInfo> {
  if (!isObject(body)) return { ok: false, problem: `not a Flink /config answer (${describeJson(body)} instead of an object)` };
  const version = body['flink-version'];
  if (typeof version !== 'string' || version.trim() === '')
    return { ok: false, problem: 'not a Flink /config answer (no "flink-version")' };
  const revision = body['flink-revision'];
  return {
    ok: true,
    value: { flinkVersion: clip(version.trim(), 64), ...(typeof revision === 'string' ? { flinkRevision: clip(revision, 128) } : {}) },
  };
}

export function parseEnvironment(body: unknown): Parsed<EnvironmentInfo> {
  if (!isObject(body)) return { ok: false, problem: `not a Flink /jobmanager/environment answer (${describeJson(body)})` };
  const classpath = stringList(body.classpath);
  const jvm = isObject(body.jvm) ? body.jvm : undefined;
  if (!jvm) return { ok: true, value: { classpath } };
  const raw = typeof jvm.version === 'string' ? clip(jvm.version, MAX_TEXT) : '';
  const major = parseJvmMajor(raw);
  return {
    ok: true,
    value: {
      classpath,
      jvm: {
        raw,
        ...(major !== undefined ? { major } : {}),
        ...(typeof jvm.arch === 'string' ? { arch: clip(jvm.arch, 64) } : {}),
        options: stringList(jvm.options),
      },
    },
  };
}

/** ConfigurationInfoEntry[] → key → value (Flink masks secrets as "******" itself). */
export function parseClusterConfig(body: unknown): Parsed<Record<string, string>> {
  if (!Array.isArray(body))
    return { ok: false, problem: `not a Flink /jobmanager/config answer (${describeJson(body)} instead of a list)` };
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const entry of body.slice(0, MAX_ITEMS)) {
    if (isObject(entry) && typeof entry.key === 'string' && typeof entry.value === 'string')
      values[clip(entry.key, 256)] = clip(entry.value, MAX_TEXT);
  }
  return { ok: true, value: values };
}

export function parseTaskManagers(body: unknown): Parsed<{ count: number }> {
  if (!isObject(body) || !Array.isArray(body.taskmanagers))
    return { ok: false, problem: 'not a Flink /taskmanagers answer (no "taskmanagers" list)' };
  return { ok: true, value: { count: body.taskmanagers.length } };
}

/**
 * Flink builds the string as `vmName - vmVendor - specVersion/vmVersion` (EnvironmentInformation.getJvmVersion):
 * the spec version is "1.8" on Java 8 and the feature release ("11", "17", "21") after that.
 */
export function parseJvmMajor(raw: string): number | undefined {
  const tail = raw.split(' - ').pop() ?? '';
  const spec = /^(\d+)(?:\.(\d+))?\//.exec(tail.trim());
  if (!spec) return undefined;
  const first = Number(spec[1]);
  const major = first === 1 && spec[2] !== undefined ? Number(spec[2]) : first;
  return major >= 1 && major <= 99 ? major : undefined;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, MAX_ITEMS)
    .filter((item): item is string => typeof item === 'string')
    .map((item) => clip(item, MAX_TEXT));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list';
  if (value === null) return 'null';
  return `a JSON ${typeof value}`;
}
