// Properties of the Maven-side parsers: settings.xml, maven-metadata.xml and .sha1 bodies (XML through
// fast-xml-parser behind flink-doctor's DOCTYPE/entity refusal), cache entries, and the redaction of repository
// credentials. For any text: a value or a described error, never an engine error; no password ever printed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCacheEntry } from '../../src/maven/cache.js';
import { parseMetadata, parseSha1 } from '../../src/maven/metadata.js';
import { proxySettings } from '../../src/maven/proxy.js';
import { redactText, redactUrl } from '../../src/maven/redact.js';
import { RepositoryError, fromUrl } from '../../src/maven/repository.js';
import { centralMirror, parseSettings } from '../../src/maven/settings.js';
import { anyText, check, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const XML_PIECES = [
  '<settings>',
  '</settings>',
  '<mirrors>',
  '<mirror>',
  '</mirror>',
  '<url>',
  '</url>',
  '<mirrorOf>',
  'central',
  '*',
  '<servers>',
  '<server>',
  '<id>',
  '</id>',
  '<password>',
  '{enc}',
  '${env.X}',
  '<metadata>',
  '</metadata>',
  '<versioning>',
  '<versions>',
  '<version>',
  '</version>',
  '<!DOCTYPE x>',
  '<!ENTITY a "b">',
  '&a;',
  '&amp;',
  '<![CDATA[',
  ']]>',
  '<?xml version="1.0"?>',
  '<!-- c -->',
  '"',
  '>',
  '<',
];
const xml = fc.oneof(anyText, textOf(XML_PIECES, 80));
const version = fc.stringMatching(/^\d{1,2}\.\d{1,2}(\.\d{1,2})?(-\d\.\d{1,2})?$/);

/** Errors a parser may throw on purpose: its own, with a message in words. */
function expectDescribed(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).not.toBeInstanceOf(RangeError);
    expect((error as Error).message).not.toMatch(/is not a function|Maximum call stack|undefined/);
  }
}

describe('settings.xml', () => {
  it(
    'parseSettings never throws; problems never quote the document',
    () => {
      check(xml, (text) => {
        const settings = parseSettings(text, '/home/u/.m2/settings.xml', { X: 'secret-from-env' });
        centralMirror(settings);
        for (const problem of settings.problems) expect(problem).not.toContain('secret-from-env');
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'mirrors come back, and the central one is found',
    () => {
      const mirror = fc.record({
        id: fc.stringMatching(/^[a-z]{1,8}$/),
        url: fc.webUrl(),
        mirrorOf: fc.constantFrom('central', '*', 'external:*', 'other', '*,!central'),
      });
      check(fc.array(mirror, { minLength: 1, maxLength: 5 }), (mirrors) => {
        const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        const text = `<settings><mirrors>${mirrors.map((m) => `<mirror><id>${m.id}</id><mirrorOf>${m.mirrorOf}</mirrorOf><url>${escape(m.url)}</url></mirror>`).join('')}</mirrors></settings>`;
        const settings = parseSettings(text, 's.xml', {});
        expect(settings.mirrors.map((m) => m.id)).toEqual(mirrors.map((m) => m.id));
        const central = centralMirror(settings);
        expect(central === undefined).toBe(!mirrors.some((m) => ['central', '*', 'external:*'].includes(m.mirrorOf)));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('maven-metadata.xml, .sha1 and the cache', () => {
  it(
    'parseMetadata gives versions or a described error; parseSha1 never throws',
    () => {
      check(xml, (text) => {
        expectDescribed(() => parseMetadata(text));
        const digest = parseSha1(text);
        if (digest !== undefined) expect(digest).toMatch(/^[0-9a-f]{40}$/);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'a version list comes back in order, without duplicates',
    () => {
      check(fc.array(version, { maxLength: 40 }), (versions) => {
        const body = `<?xml version="1.0"?><metadata><versioning><versions>${versions.map((v) => `<version>${v}</version>`).join('')}</versions></versioning></metadata>`;
        expect(parseMetadata(body).versions).toEqual([...new Set(versions)]);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'parseCacheEntry is an entry or a miss for any text, and a written entry reads back',
    () => {
      const url = 'https://repo1.maven.org/maven2/x/maven-metadata.xml';
      check(
        fc.oneof(
          anyText,
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ url, checkedAt: 1, status: 'ok', body: v })),
        ),
        (text) => {
          const entry = parseCacheEntry(text, url);
          if (entry?.status === 'ok') expect(typeof entry.body).toBe('string');
        },
      );
      const entry = fc.record({
        checkedAt: fc.nat(),
        status: fc.constantFrom('ok' as const, 'missing' as const, 'failed' as const),
        body: fc.string(),
        etag: fc.option(fc.string(), { nil: undefined }),
      });
      check(entry, (e) => {
        const written = JSON.stringify({ url, ...e });
        expect(parseCacheEntry(written, url)).toEqual(JSON.parse(written));
        expect(parseCacheEntry(written, `${url}x`)).toBeUndefined();
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('credentials in URLs', () => {
  // A password with the characters that break URL parsing: '/', '@', ':', '%', '#', '?', spaces.
  const password = fc
    .string({ unit: fc.constantFrom(...'abcXYZ019/@:%#? !$&'), minLength: 6, maxLength: 16 })
    .filter((p) => /[a-zA-Z0-9]{3}/.test(p));
  const url = fc.tuple(
    fc.constantFrom('http://', 'https://', '//', ''),
    fc.stringMatching(/^[a-z]{1,8}$/),
    password,
    fc.constantFrom('repo.example.com', '127.0.0.1:8081'),
    fc.constantFrom('', '/maven2', '/a@b/c'),
  );

  it(
    'redactUrl, redactText and every repository or proxy error hide the password, however the URL breaks',
    () => {
      check(url, ([scheme, user, pass, host, path]) => {
        const raw = `${scheme}${user}:${pass}@${host}${path}`;
        expect(redactUrl(raw)).not.toContain(pass);
        // Inside free text a URL ends at whitespace, so a password with a space is hidden by the secrets list (which
        // the HTTP client always passes); one without is hidden by its URL shape alone.
        expect(redactText(`failed: ${raw} (x)`, [pass])).not.toContain(pass);
        if (!/\s/.test(pass)) expect(redactText(`failed: ${raw} (x)`)).not.toContain(`${user}:${pass}`);
        try {
          const config = fromUrl(raw, '--maven-repo');
          expect(config.display).not.toContain(pass);
          expect(config.url).not.toContain(pass);
        } catch (error) {
          expect(error).toBeInstanceOf(RepositoryError);
          expect((error as Error).message).not.toContain(pass);
        }
        for (const problem of proxySettings({ HTTPS_PROXY: raw }).problems) expect(problem).not.toContain(pass);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});
