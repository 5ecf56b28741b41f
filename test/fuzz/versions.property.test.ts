// Properties of the version-string and small-text parsers: connector artifact versions and JAR file names, Java
// versions (release file, -version banner, -XshowSettings output), Flink versions, version.py, Maven version
// ordering, the JAR metadata entries (MANIFEST.MF, NOTICE, pom.properties, services) and the terminal escaping
// of external text. Never a throw; well-formed input parses back to what was written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseManifest, parseNotice, parseProperties, parseServices } from '../../src/jars/metadata.js';
import { parseArtifactVersion, parseJarFileName } from '../../src/jars/version.js';
import { parseJavaVersion, parseReleaseFile, parseShowSettings, parseVersionBanner } from '../../src/knowledge/java-version.js';
import { compareReleases, isFlinkVersion, minorOf } from '../../src/knowledge/versions.js';
import { classify, linesOf, newestForLine } from '../../src/maven/flink-line.js';
import { versionFromVersionPy } from '../../src/probes/pyflink.js';
import { visible } from '../../src/util/text.js';
import { anyText, check, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const num = fc.nat({ max: 40 });
const release = fc
  .tuple(num, num, fc.option(num, { nil: undefined }))
  .map(([a, b, c]) => (c === undefined ? `${a}.${b}` : `${a}.${b}.${c}`));
const minor = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.nat({ max: 25 })).map(([a, b]) => `${a}.${b}`);
const artifact = fc.stringMatching(/^flink-(sql-)?connector-[a-z]{2,10}$/);

describe('connector versions and JAR names', () => {
  it(
    'parsers never throw on any text',
    () => {
      check(fc.oneof(anyText, textOf(['1', '.', '-', '_2.12', '-SNAPSHOT', '.jar', 'flink-', 'x'])), (text) => {
        parseArtifactVersion(text);
        parseJarFileName(text);
        minorOf(text);
        isFlinkVersion(text);
        classify('org.apache.flink', 'flink-sql-connector-kafka', text);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    '"<release>-<flink minor>" and "<artifact>-<version>.jar" come back as written',
    () => {
      check(fc.tuple(artifact, release, minor), ([a, r, m]) => {
        const version = `${r}-${m}`;
        expect(parseArtifactVersion(version)).toMatchObject({ release: r, builtFor: m, snapshot: false });
        expect(parseJarFileName(`${a}-${version}.jar`)).toEqual({ artifactId: a, version });
        expect(classify('org.apache.flink', a, version).line).toBe(m);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'the newest build for a line is the greatest of that line; compareReleases is an order',
    () => {
      check(fc.tuple(fc.array(fc.tuple(release, minor), { maxLength: 30 }), minor), ([builds, line]) => {
        const versions = builds.map(([r, m]) => `${r}-${m}`);
        const newest = newestForLine('org.apache.flink', 'flink-sql-connector-kafka', versions, line);
        const ofLine = builds.filter(([, m]) => m === line).map(([r]) => r);
        if (ofLine.length === 0) expect(newest).toBeUndefined();
        else for (const r of ofLine) expect(compareReleases(r, newest?.split('-')[0] ?? '')).toBeLessThanOrEqual(0);
        expect(linesOf('org.apache.flink', 'flink-sql-connector-kafka', versions)).toEqual(
          [...new Set(builds.map(([, m]) => m))].sort((x, y) => compareReleases(x, y)),
        );
      });
      check(fc.tuple(release, release), ([a, b]) => expect(compareReleases(a, b)).toBe(-compareReleases(b, a) || 0));
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('Java and Flink versions', () => {
  it(
    'parsers never throw on any text',
    () => {
      check(
        fc.oneof(
          anyText,
          textOf([
            'java',
            'openjdk',
            ' version "',
            '"',
            '1.8.0_392',
            '17.0.15+6',
            '-ea',
            '\n    ',
            'java.version = ',
            'JAVA_VERSION=',
            '__version__ = ',
            "'",
          ]),
        ),
        (text) => {
          parseJavaVersion(text);
          parseVersionBanner(text);
          parseShowSettings(text);
          parseReleaseFile(text);
          versionFromVersionPy(text);
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a Java version reads back its feature release, in every place it is written',
    () => {
      const javaVersion = fc.oneof(
        fc.integer({ min: 2, max: 8 }).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.nat({ max: 500 }).map((u) => `1.${m}.0_${u}`),
          ),
        ),
        fc.integer({ min: 9, max: 30 }).chain((m) =>
          fc.tuple(
            fc.constant(m),
            fc.tuple(num, num).map(([a, b]) => `${m}.${a}.${b}`),
          ),
        ),
      );
      check(javaVersion, ([major, version]) => {
        expect(parseJavaVersion(version)?.major).toBe(major);
        expect(parseVersionBanner(`openjdk version "${version}" 2025-04-15\nOpenJDK Runtime Environment`)?.major).toBe(major);
        expect(
          parseShowSettings(`Property settings:\n    java.version = ${version}\n    java.vendor = Eclipse Adoptium\n`)['java.version'],
        ).toBe(version);
        expect(parseReleaseFile(`IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="${version}"\n`).JAVA_VERSION).toBe(version);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a Flink version keeps its minor; version.py gives back what it assigns',
    () => {
      check(fc.tuple(minor, fc.option(num, { nil: undefined }), fc.constantFrom('', '.dev0', '-SNAPSHOT', 'rc1')), ([m, patch, suffix]) => {
        const version = `${m}${patch === undefined ? '' : `.${patch}`}${suffix}`;
        expect(isFlinkVersion(version)).toBe(true);
        expect(minorOf(version)).toBe(m);
        expect(versionFromVersionPy(`"""The version."""\n__version__ = "${version}"\n`)).toBe(version);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('JAR metadata entries', () => {
  it(
    'parsers never throw on any text',
    () => {
      check(
        fc.oneof(anyText, textOf(['Manifest-Version: 1.0', '\r\n', '\n', ' ', ':', '=', '#', '!', '- ', 'org.apache:kafka:3.4.0', '$'])),
        (text) => {
          parseManifest(text);
          parseNotice(text);
          parseProperties(text);
          parseServices(text);
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'manifest headers, properties and service lines come back',
    () => {
      const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
      const value = fc.stringMatching(/^[A-Za-z0-9.:_-]([A-Za-z0-9 .:_-]{0,30}[A-Za-z0-9.:_-])?$/);
      check(fc.dictionary(key, value, { maxKeys: 8 }), (headers) => {
        expect(
          parseManifest(
            `${Object.entries(headers)
              .map(([k, v]) => `${k}: ${v}\r\n`)
              .join('')}\r\n`,
          ),
        ).toEqual(headers);
        expect(
          parseProperties(
            Object.entries(headers)
              .map(([k, v]) => `${k}=${v}`)
              .join('\n'),
          ),
        ).toEqual(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.trim()])));
      });
      check(fc.array(fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){0,3}\.[A-Z][A-Za-z]{0,10}$/), { maxLength: 6 }), (classes) => {
        expect(parseServices(`# comment\n${classes.join('\n')}\n`)).toEqual(classes);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('external text on a terminal', () => {
  it(
    'visible() leaves no control or bidi character and changes nothing printable',
    () => {
      check(anyText, (text) => {
        expect(visible(text)).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
      });
      check(
        fc
          .string({ unit: 'grapheme', maxLength: 100 })
          .filter((s) => !/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s)),
        (text) => {
          expect(visible(text)).toBe(text);
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
