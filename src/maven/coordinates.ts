// Maven coordinates and the repository layout (<group path>/<artifact>/<version>/<artifact>-<version>.jar).
// Only these paths are ever requested: never a directory listing (Central treats listings as scraping).

import type { Coordinate } from '../facts/jars.js';

/** "org.apache.flink:flink-sql-connector-kafka" */
export function gaKey(c: Pick<Coordinate, 'groupId' | 'artifactId'>): string {
  return `${c.groupId}:${c.artifactId}`;
}

// Refuse anything that could escape the layout (../, slashes, URL syntax) before it becomes a path.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checked(value: string, what: string): string {
  if (!SEGMENT.test(value) || value.includes('..')) throw new Error(`invalid Maven ${what} '${value}'`);
  return value;
}

export function metadataPath(c: Pick<Coordinate, 'groupId' | 'artifactId'>): string {
  return `${groupPath(c.groupId)}/${checked(c.artifactId, 'artifactId')}/maven-metadata.xml`;
}

export function jarPath(c: Coordinate): string {
  const a = checked(c.artifactId, 'artifactId');
  const v = checked(c.version, 'version');
  return `${groupPath(c.groupId)}/${a}/${v}/${a}-${v}.jar`;
}

export function sha1Path(c: Coordinate): string {
  return `${jarPath(c)}.sha1`;
}

/** Joins a base URL ("https://repo1.maven.org/maven2", with or without a trailing slash) and a layout path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path}`;
}

function groupPath(groupId: string): string {
  return groupId
    .split('.')
    .map((part) => checked(part, 'groupId'))
    .join('/');
}
