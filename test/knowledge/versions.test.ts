// The one home of version ordering and minors (src/knowledge/versions.ts): the cases its callers rely on.
import { describe, expect, it } from 'vitest';
import {
  compareBuilds,
  compareReleaseParts,
  compareReleases,
  compareVersions,
  minorOf,
  pythonMinorOf,
} from '../../src/knowledge/versions.js';

describe('versions', () => {
  it('orders plain releases as numbers, a missing segment counting as 0', () => {
    expect(compareReleases('1.9', '1.10')).toBe(-1);
    expect(compareReleases('1.10', '1.10.0')).toBe(0);
    expect(compareReleases('3.3.0', '3.2.9')).toBe(1);
    // Four segments (driver versions): the fourth still counts, where semver's coerce would drop it.
    expect(compareReleases('3.46.1.1', '3.46.1.0')).toBe(1);
    expect(compareVersions('3.46.1.1', '3.46.1.0')).toBe(0);
    expect(compareReleaseParts([2, 0], [1, 20, 5])).toBe(1);
  });

  it('orders connector builds by the Flink line first, then the release; unparsed first', () => {
    expect(compareBuilds({ release: '3.2.0', builtFor: '1.20' }, { release: '3.3.0', builtFor: '1.19' })).toBe(1);
    expect(compareBuilds({ release: '3.2.0', builtFor: '1.20' }, { release: '3.3.0', builtFor: '1.20' })).toBe(-1);
    expect(compareBuilds({ release: '1.17.2' }, { release: '3.0.0', builtFor: '1.17' })).toBe(-1);
    expect(compareBuilds(undefined, { release: '1.0' })).toBe(-1);
    expect(compareBuilds(undefined, undefined)).toBe(0);
  });

  it('takes a Flink minor only from a Flink version, a Python minor from whatever the interpreter printed', () => {
    expect(minorOf('1.20.1')).toBe('1.20');
    expect(minorOf('01.20')).toBe('1.20');
    expect(minorOf('2.1.0.dev0')).toBe('2.1');
    expect(minorOf('3.11.4+')).toBeUndefined();
    expect(pythonMinorOf('3.11.4+')).toBe('3.11');
    expect(pythonMinorOf('3.13.0rc1')).toBe('3.13');
  });
});
