import { describe, expect, it } from 'vitest';
import { parseJavaVersion, parseReleaseFile, parseShowSettings, parseVersionBanner } from '../../src/knowledge/java-version.js';

describe('parseJavaVersion', () => {
  it.each([
    ['1.8.0_392', 8, '1.8.0_392'],
    ['1.7.0_80', 7, '1.7.0_80'],
    ['17.0.15+6', 17, '17.0.15'],
    ['17.0.15', 17, '17.0.15'],
    ['11.0.2', 11, '11.0.2'],
    ['21-ea', 21, '21-ea'],
    ['25', 25, '25'],
    ['"21.0.4"', 21, '21.0.4'],
  ])('%s is Java %i', (raw, major, version) => {
    expect(parseJavaVersion(raw)).toEqual({ major, version });
  });

  it.each(['', 'hello', 'openjdk', 'v17', '999.0.1', '-1'])('rejects %j', (raw) => {
    expect(parseJavaVersion(raw)).toBeUndefined();
  });
});

describe('parseVersionBanner', () => {
  it('reads OpenJDK, Oracle and vendor banners', () => {
    expect(parseVersionBanner('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')?.major).toBe(17);
    expect(parseVersionBanner('java version "1.8.0_392"\nJava(TM) SE Runtime Environment')?.major).toBe(8);
    expect(parseVersionBanner('Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25" 2025-09-16 LTS')?.major).toBe(25);
    expect(parseVersionBanner('Error: could not open lib/jvm.cfg')).toBeUndefined();
  });
});

describe('parseShowSettings', () => {
  it('reads properties including multi-line values', () => {
    const props = parseShowSettings(
      'Property settings:\n    java.home = /usr/lib/jvm/x\n    java.library.path = /a\n        /b\n    java.version = 17.0.15\n\nopenjdk version "17.0.15"',
    );
    expect(props['java.home']).toBe('/usr/lib/jvm/x');
    expect(props['java.library.path']).toBe('/a\n/b');
    expect(props['java.version']).toBe('17.0.15');
  });
});

describe('parseReleaseFile', () => {
  it('reads quoted and bare values', () => {
    expect(parseReleaseFile('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="25"\nOS_ARCH=x86_64\n')).toEqual({
      IMPLEMENTOR: 'Eclipse Adoptium',
      JAVA_VERSION: '25',
      OS_ARCH: 'x86_64',
    });
  });
});
