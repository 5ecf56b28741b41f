// docker-compose files: each service's image (and the Dockerfile it is built from), the Flink settings passed
// in FLINK_PROPERTIES (which the official image's docker-entrypoint.sh appends to its config), JARs mounted
// into a folder, and the command (a `standalone-job --python …` or `flink run -py …` line).
import { posix } from 'node:path';
import { parseFlinkTag, parseImageRef, isFlinkRepository, type FlinkImageTag, type ImageRef } from './image-ref.js';
import { isRecord, readYamlDocuments } from './yaml-docs.js';
import { LIMITS } from '../engine/limits.js';

export interface ComposeService {
  name: string;
  line?: number;
  image?: { ref: ImageRef; tag?: FlinkImageTag; official: boolean; line?: number };
  /** build: the context and Dockerfile (relative to the compose file's folder). */
  build?: { context: string; dockerfile: string; line?: number };
  /** FLINK_PROPERTIES "key: value" lines. */
  flinkProperties: Record<string, string>;
  /** JAR files (or folders) mounted into the container: the target's folder and the JAR's name when it is one file. */
  mounts: { source: string; target: string; line?: number }[];
  command: string[];
}

export interface ComposeFacts {
  services: ComposeService[];
  problems: string[];
}

export async function analyseCompose(text: string, label: string): Promise<ComposeFacts> {
  const file = await readYamlDocuments(text, label);
  const facts: ComposeFacts = { services: [], problems: file.problems };
  const first = file.docs[0];
  if (!first) return facts;
  const services = isRecord(first.data) ? first.data.services : undefined;
  if (!isRecord(services)) {
    facts.problems.push(`${label}: no "services" mapping: not a docker-compose file`);
    return facts;
  }
  for (const [name, raw] of Object.entries(services)) {
    if (!isRecord(raw)) continue;
    const at = (...path: string[]) => file.lineOf(first.doc, ['services', name, ...path]);
    const service: ComposeService = {
      name,
      line: file.keyLineOf(first.doc, ['services', name]),
      flinkProperties: flinkProperties(raw.environment),
      mounts: mounts(raw.volumes, at('volumes')),
      command: words(raw.command),
    };
    const ref = typeof raw.image === 'string' ? parseImageRef(raw.image) : undefined;
    if (ref) {
      const official = isFlinkRepository(ref.repository);
      const tag = official ? parseFlinkTag(ref.tag) : undefined;
      service.image = { ref, ...(tag ? { tag } : {}), official, line: at('image') };
    }
    const build = buildOf(raw.build);
    if (build) service.build = { ...build, line: at('build') };
    facts.services.push(service);
  }
  return facts;
}

function buildOf(value: unknown): { context: string; dockerfile: string } | undefined {
  if (typeof value === 'string') return { context: value, dockerfile: 'Dockerfile' };
  if (!isRecord(value)) return undefined;
  const context = typeof value.context === 'string' ? value.context : '.';
  return { context, dockerfile: typeof value.dockerfile === 'string' ? value.dockerfile : 'Dockerfile' };
}

/** environment as a mapping or a list of NAME=value; FLINK_PROPERTIES holds "key: value" lines. */
function flinkProperties(environment: unknown): Record<string, string> {
  let text: unknown;
  if (isRecord(environment)) text = environment.FLINK_PROPERTIES;
  else if (Array.isArray(environment)) {
    const entry = environment.find((e): e is string => typeof e === 'string' && e.startsWith('FLINK_PROPERTIES='));
    text = entry?.slice('FLINK_PROPERTIES='.length);
  }
  const out: Record<string, string> = {};
  if (typeof text !== 'string') return out;
  for (const line of text.split('\n').slice(0, LIMITS.composeServiceItems)) {
    const match = /^\s*([^:#\s][^:]*):\s+(.*?)\s*$/.exec(line);
    if (match?.[1]) out[match[1].trim()] = match[2] ?? '';
  }
  return out;
}

/** "./jars:/opt/flink/lib", "./k.jar:/opt/flink/lib/k.jar:ro" or {source, target}: only those that carry JARs. */
function mounts(volumes: unknown, line: number | undefined): ComposeService['mounts'] {
  if (!Array.isArray(volumes)) return [];
  const out: ComposeService['mounts'] = [];
  for (const volume of volumes.slice(0, LIMITS.composeServiceItems)) {
    let source: string | undefined;
    let target: string | undefined;
    if (typeof volume === 'string') [source, target] = volume.split(':');
    else if (isRecord(volume) && typeof volume.target === 'string')
      [source, target] = [typeof volume.source === 'string' ? volume.source : '', volume.target];
    if (!source || !target || !posix.isAbsolute(target)) continue;
    if (/\.jar$/i.test(target) || /\/(lib|usrlib|plugins)\/?$/.test(target)) out.push({ source, target, ...(line ? { line } : {}) });
  }
  return out;
}

function words(command: unknown): string[] {
  if (Array.isArray(command)) return command.filter((w): w is string => typeof w === 'string');
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : [];
}
