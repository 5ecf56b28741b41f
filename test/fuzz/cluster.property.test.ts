// Properties of what the doctor reads of a JobManager's REST answers (--cluster): the four parsers
// (src/cluster/responses.ts) for any JSON value and for answers shaped like Flink's with fields of the wrong type or
// too many items, and the client itself (src/cluster/client.ts) against a server on 127.0.0.1 that answers any body.
// Always a fact or a problem in words, lists and values within their caps; never a throw.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCluster } from '../../src/cluster/client.js';
import {
  MAX_ITEMS,
  parseClusterConfig,
  parseDashboard,
  parseEnvironment,
  parseJvmMajor,
  parseTaskManagers,
  type Parsed,
} from '../../src/cluster/responses.js';
import { LIMITS } from '../../src/engine/limits.js';
import { startMavenServer, type MavenServer } from '../helpers/maven-server.js';
import { anyText, check, checkAsync, PROPERTY_TIMEOUT_MS, RUNS } from './property.js';

const ENGINE_WORDS = /is not a function|Maximum call stack|Cannot read properties|ERR_[A-Z_]+|\[object Object\]/;

function wellFormed<T>(parsed: Parsed<T>): T | undefined {
  if (!parsed.ok) {
    expect(parsed.problem).toMatch(/^not a Flink \/[a-z/]+ answer \(/);
    return undefined;
  }
  return parsed.value;
}

/** Any JSON value, and the answers' own shapes with each field any JSON value (lists sometimes past the item cap). */
const field = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 30 }),
);
const answer = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 4 },
  { arbitrary: fc.record({ 'flink-version': field, 'flink-revision': field }, { requiredKeys: [] }), weight: 4 },
  {
    arbitrary: fc.record(
      {
        jvm: fc.oneof(
          field,
          fc.record({ version: fc.oneof(field, fc.string({ maxLength: 200 })), arch: field, options: field }, { requiredKeys: [] }),
        ),
        classpath: field,
      },
      { requiredKeys: [] },
    ),
    weight: 4,
  },
  { arbitrary: fc.array(fc.oneof(field, fc.record({ key: field, value: field }, { requiredKeys: [] })), { maxLength: 20 }), weight: 4 },
  { arbitrary: fc.record({ taskmanagers: field }, { requiredKeys: [] }), weight: 4 },
  // Lists at and past the item cap: rare, since each such case builds thousands of items.
  {
    arbitrary: fc.constantFrom(MAX_ITEMS, MAX_ITEMS + 1, 2 * MAX_ITEMS).map((n) => ({
      classpath: Array.from({ length: n }, (_, i) => `/opt/flink/lib/${i}.jar`),
      jvm: { version: 'x - y - 17/17.0.1', options: Array.from({ length: n }, (_, i) => `-D${i}`) },
    })),
    weight: 1,
  },
);

describe('REST answer parsers', () => {
  it(
    'any answer: each parser gives a value within the caps or names what it expected',
    () => {
      check(answer, (body) => {
        wellFormed(parseDashboard(body));
        const environment = wellFormed(parseEnvironment(body));
        if (environment) {
          expect(environment.classpath.length).toBeLessThanOrEqual(MAX_ITEMS);
          expect(environment.jvm?.options.length ?? 0).toBeLessThanOrEqual(MAX_ITEMS);
          // One assertion over the list (up to 5,000 entries): an expect() per entry was nearly half this file's CPU.
          expect(environment.classpath.filter((entry) => entry.length > LIMITS.clusterValueChars + 1)).toEqual([]);
        }
        const config = wellFormed(parseClusterConfig(body));
        if (config) expect(Object.keys(config).length).toBeLessThanOrEqual(MAX_ITEMS);
        wellFormed(parseTaskManagers(body));
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'JVM version strings: a major from 1 to 99 or none; Flink\'s own "name - vendor - spec/version" read back',
    () => {
      check(anyText, (raw) => {
        const major = parseJvmMajor(raw);
        if (major !== undefined) expect(major).toBeGreaterThanOrEqual(1);
      });
      // Vendors as JVMs name themselves ("Eclipse Adoptium", "Amazon.com Inc.", "Azul Systems, Inc."): no " - " inside.
      const vendor = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.,() ]{0,28}[A-Za-z.)]$/);
      const flinkShaped = fc.tuple(vendor, fc.integer({ min: 9, max: 99 }), fc.stringMatching(/^[0-9.+a-z-]{0,12}$/));
      check(flinkShaped, ([name, major, rest]) => {
        expect(parseJvmMajor(`OpenJDK 64-Bit Server VM - ${name} - ${major}/${major}${rest}`)).toBe(major);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('the client against a server that answers anything', () => {
  let server: MavenServer;
  beforeAll(async () => {
    server = await startMavenServer();
  });
  afterAll(() => server.close());

  // A few hundred cases even under test:fuzz: each case is four HTTP round trips on loopback.
  it(
    'any body under any content type: a fact whose problems are in words, never a throw',
    async () => {
      const body = fc.oneof(
        anyText,
        fc.json({ maxDepth: 4 }),
        answer.map((value) => JSON.stringify(value)),
      );
      const bodies = fc.record({
        config: body,
        environment: body,
        jmConfig: body,
        taskmanagers: body,
        contentType: fc.constantFrom('application/json', 'text/html', 'text/plain'),
      });
      await checkAsync(
        bodies,
        async (answers) => {
          server.contentType = answers.contentType;
          server.files.set('/config', { body: answers.config });
          server.files.set('/jobmanager/environment', { body: answers.environment });
          server.files.set('/jobmanager/config', { body: answers.jmConfig });
          server.files.set('/taskmanagers', { body: answers.taskmanagers });
          const fact = await readCluster({ url: server.url, timeoutMs: 2_000 }, {});
          for (const text of [fact.failure ?? '', ...fact.gaps.map((gap) => JSON.stringify(gap)), ...fact.notes])
            expect(text).not.toMatch(ENGINE_WORDS);
          expect(fact.classpath.length).toBeLessThanOrEqual(MAX_ITEMS);
        },
        undefined,
        Math.min(RUNS, 300),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
