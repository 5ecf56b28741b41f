// What the deploy.* checks share: naming a place in a deployment file, the skip when there is none, and the
// Flink version every image, manifest and pip line states.
import { basename } from 'node:path';
import type { Location, Outcome } from '../src/engine/model.js';
import type { DeployFact, DeployImageFact, Located } from '../src/facts/index.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { minorOf } from '../src/knowledge/versions.js';
import { leadingName, parseRequirement } from '../src/python/pep508.js';

export const FLINK_DIST = 'apache-flink';

/** "Dockerfile:3" */
export function at(place: Located): string {
  return `${basename(place.file)}${place.line ? `:${place.line}` : ''}`;
}

export function locationOf(place: Located): Location {
  return place.line ? { path: place.file, line: place.line } : { path: place.file };
}

/** Skipped when no deployment file was read; file problems as details otherwise. */
export function noDeployment(deploy: DeployFact): Outcome | undefined {
  if (deploy.files.length > 0) return undefined;
  return { status: 'skipped', summary: 'no deployment files (--deploy FILE; none found in the working directory)' };
}

export function fileProblems(deploy: DeployFact): string[] {
  return deploy.files.flatMap((f) => f.problems);
}

export function filesRead(deploy: DeployFact): string {
  return `read: ${deploy.files.map((f) => `${basename(f.path)} (${f.kind}${f.found === 'discovered' ? ', found in the working directory' : f.found === 'build' ? ', a compose build' : ''})`).join(', ')}`;
}

/** The Flink version an image runs: the tag's, with a minor-only tag standing for the line's newest known patch. */
export function imageRelease(image: DeployImageFact, matrix: Matrix): { version: string; exact: boolean; today?: string } | undefined {
  if (!image.official || !image.flinkVersion) return undefined;
  if (image.floating !== 'minor-only') return { version: image.flinkVersion, exact: true };
  const newest = matrix.line(image.flinkVersion)?.newestPatch;
  return { version: image.flinkVersion, exact: false, ...(newest ? { today: newest } : {}) };
}

/** apache-flink in a pip line: its specifier ("" unpinned), and the exact release when it is ==X.Y.Z. */
export function flinkPin(spec: string): { specifier: string; exact?: string } | undefined {
  // Most pip specs name another distribution: only apache-flink's are parsed.
  if (leadingName(spec) !== FLINK_DIST) return undefined;
  const parsed = parseRequirement(spec);
  if (!parsed.ok || parsed.value.key !== FLINK_DIST) return undefined;
  const exact = /^==\s*(\d+\.\d+\.\d+)$/.exec(parsed.value.specifier)?.[1];
  return { specifier: parsed.value.specifier, ...(exact ? { exact } : {}) };
}

export function sameMinor(a: string, b: string): boolean {
  return minorOf(a) !== undefined && minorOf(a) === minorOf(b);
}
