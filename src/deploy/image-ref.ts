// Container image references ("flink:1.20.1-scala_2.12-java17", "registry:5000/team/app:v1@sha256:…") and what
// the tag of an official Flink image says. flink-docker tags name a Flink version (x.y.z or x.y), a Scala and a
// Java variant, any of which may be left out (the default variant then applies): the shapes come from
// apache/flink-docker's generator.sh (generateReleaseMetadata) and the release.metadata files of each line.

export interface ImageRef {
  /** As written (after ARG substitution). */
  raw: string;
  /** "flink", "apache/flink", "registry:5000/team/app". */
  repository: string;
  tag?: string;
  digest?: string;
}

export interface FlinkImageTag {
  /** "1.20.1" or "1.20"; absent for "latest", "java17", "scala_2.12". */
  flinkVersion?: string;
  scala?: string;
  /** Java named by the tag ("-java17"); absent means the line's default variant. */
  java?: number;
  /** The tag moves: no version, or a minor without its patch. */
  floating: 'no-version' | 'minor-only' | false;
}

/** Splits a reference the way Docker does: the tag is after the last ':' that follows the last '/'. */
export function parseImageRef(raw: string): ImageRef | undefined {
  const text = raw.trim();
  if (text === '' || /\s/.test(text) || text.length > 512) return undefined;
  const at = text.indexOf('@');
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const name = at >= 0 ? text.slice(0, at) : text;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const repository = hasTag ? name.slice(0, colon) : name;
  if (repository === '') return undefined;
  return { raw: text, repository, ...(hasTag ? { tag: name.slice(colon + 1) } : {}), ...(digest ? { digest } : {}) };
}

/** Official Flink images: Docker Hub's library/flink and apache/flink, under any registry prefix that mirrors them. */
export function isFlinkRepository(repository: string): boolean {
  const path = repository.toLowerCase().replace(/^(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
  return path === 'flink' || path === 'library/flink' || path === 'apache/flink' || /\/(?:library|apache)\/flink$/.test(path);
}

const TAG = /^(?:(\d+)\.(\d+)(?:\.(\d+))?)?(?:-?scala_(\d+\.\d+))?(?:-?java(\d+))?$/;

/** What a flink-docker tag says; undefined for tags the project never publishes ("1.20-custom", "dev"). */
export function parseFlinkTag(tag: string | undefined): FlinkImageTag | undefined {
  if (tag === undefined || tag === 'latest') return { floating: 'no-version' };
  const match = TAG.exec(tag);
  if (!match || tag === '' || tag.startsWith('-')) return undefined;
  const [, major, minor, patch, scala, java] = match;
  const flinkVersion =
    major !== undefined ? `${Number(major)}.${Number(minor)}${patch !== undefined ? `.${Number(patch)}` : ''}` : undefined;
  return {
    ...(flinkVersion ? { flinkVersion } : {}),
    ...(scala ? { scala } : {}),
    ...(java ? { java: Number(java) } : {}),
    floating: flinkVersion === undefined ? 'no-version' : patch === undefined ? 'minor-only' : false,
  };
}

/** "python:3.11-slim-bookworm" → "3.11"; the official Python images name the version first. */
export function pythonOfImage(ref: ImageRef): string | undefined {
  const name = ref.repository.toLowerCase().split('/').pop();
  if (name !== 'python' || !ref.tag) return undefined;
  const match = /^(\d+)\.(\d+)/.exec(ref.tag);
  return match ? `${match[1]}.${match[2]}` : undefined;
}
