// Properties of the --deploy readers: the Dockerfile reader (src/deploy/dockerfile.ts, with the shell-word splitter
// behind RUN), docker-compose files and Kubernetes manifests (src/deploy/compose.ts, manifests.ts: the YAML library
// behind flink-doctor's size, depth and alias guard), and image references. For any text: facts and problems in
// words, never a throw, never past the caps; for generated well-formed input: the image and its tag come back.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/engine/limits.js';
import { analyseCompose } from '../../src/deploy/compose.js';
import { analyseDockerfile } from '../../src/deploy/dockerfile.js';
import { parseFlinkTag, parseImageRef } from '../../src/deploy/image-ref.js';
import { analyseManifests } from '../../src/deploy/manifests.js';
import { anyText, check, checkAsync, PROPERTY_TIMEOUT_MS, textOf } from './property.js';

const ENGINE_WORDS = /is not a function|Maximum call stack|Cannot read properties|ERR_[A-Z_]+/;

const DOCKER_PIECES = [
  'FROM ',
  'flink:1.20.1-scala_2.12-java17',
  'python:3.11-slim',
  ' AS ',
  'base',
  '\nFROM base\n',
  'ARG ',
  'V=1.20',
  '${V}',
  '$V',
  '${V:-x}',
  'ENV ',
  'PATH=/opt/venv/bin:$PATH',
  'RUN ',
  'pip install ',
  'apache-flink==1.20.1',
  ' && ',
  'apt-get install -y python3.11',
  'python -m venv /opt/venv',
  'curl -fsSL https://repo1.maven.org/x.jar -o /opt/flink/lib/x.jar',
  'COPY ',
  'ADD ',
  ' /opt/flink/lib/',
  'WORKDIR ',
  '<<EOF',
  '\nEOF\n',
  '["pip", "install", "x"]',
  '# escape=`\n',
  '`',
  '\\\n',
  '\\',
  '\n',
  '\r\n',
  ' ',
  "'",
  '"',
  '#',
  '\u0000',
  '\t',
];

const YAML_PIECES = [
  'services:\n',
  '  jm:\n',
  '    image: ',
  'flink:1.20.1',
  '    environment:\n',
  '      FLINK_PROPERTIES: |\n',
  '        pipeline.jars: file:///x.jar\n',
  '    volumes:\n',
  '      - ./k.jar:/opt/flink/lib/k.jar\n',
  '    command: ',
  'standalone-job --python /opt/job.py',
  '    build: .\n',
  'apiVersion: flink.apache.org/v1beta1\n',
  'kind: FlinkDeployment\n',
  'kind: Deployment\n',
  'metadata:\n  name: j\n',
  'spec:\n',
  '  image: ',
  '  flinkVersion: v1_20\n',
  '  job:\n    jarURI: local:///opt/flink/opt/flink-python-1.20.1.jar\n',
  '    args: ["-py", "/opt/job.py"]\n',
  '---\n',
  '[',
  ']',
  '{',
  '}',
  ': ',
  '- ',
  '&a ',
  '*a',
  '!!str ',
  '<<: *a\n',
  '|',
  '>',
  '#',
  '"',
  "'",
  '\n',
  '  ',
  '\t',
  '\u0000',
];

describe('Dockerfile', () => {
  it(
    'any text, or text of Dockerfile pieces: facts and problems in words, within the caps',
    () => {
      check(fc.oneof(anyText, textOf(DOCKER_PIECES, 200)), (text) => {
        const facts = analyseDockerfile(text);
        expect(facts.stages.length).toBeLessThanOrEqual(LIMITS.dockerfileInstructions);
        for (const problem of facts.problems) expect(problem).not.toMatch(ENGINE_WORDS);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "the final stage's official Flink image and its tag come back, through ARG defaults and stage names",
    () => {
      const tag = fc.record({
        minor: fc.constantFrom('1.17', '1.18', '1.19', '1.20', '2.0', '2.1', '2.2'),
        patch: fc.nat({ max: 9 }),
        java: fc.constantFrom(11, 17, 21),
      });
      const shape = fc.record({
        tag,
        viaArg: fc.boolean(),
        stages: fc.nat({ max: 3 }),
        run: textOf(
          DOCKER_PIECES.filter((p) => !p.includes('\n') && !p.includes('FROM')),
          12,
        ),
      });
      check(shape, ({ tag: { minor, patch, java }, viaArg, stages, run }) => {
        const image = `flink:${minor}.${patch}-scala_2.12-java${java}`;
        const lines = viaArg ? [`ARG BASE=${image}`, 'FROM ${BASE} AS s0'] : [`FROM ${image} AS s0`];
        for (let i = 1; i <= stages; i += 1) lines.push(`FROM s${i - 1} AS s${i}`, `RUN echo ${JSON.stringify(run)}`);
        const facts = analyseDockerfile(`${lines.join('\n')}\n`);
        expect(facts.flinkImage?.tag).toEqual({ flinkVersion: `${minor}.${patch}`, scala: '2.12', java, floating: false });
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('docker-compose files and Kubernetes manifests', () => {
  const text = fc.oneof(anyText, textOf(YAML_PIECES, 120));

  it(
    'any text: services or resources, and problems naming the file, never a throw',
    async () => {
      await checkAsync(text, async (input) => {
        const compose = await analyseCompose(input, 'docker-compose.yml');
        for (const problem of compose.problems) expect(problem).not.toMatch(ENGINE_WORDS);
        const manifests = await analyseManifests(input, 'flink.yaml');
        for (const problem of manifests.problems) expect(problem).not.toMatch(ENGINE_WORDS);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'nesting past the depth limit and anchors past the alias limit are problems, however they are written',
    async () => {
      const deep = fc
        .tuple(fc.integer({ min: LIMITS.yamlDepth + 1, max: 400 }), fc.constantFrom('[', '{a: ', '- '))
        .map(([n, open]) => `services: ${open.repeat(n)}x\n`);
      const aliases = fc
        .integer({ min: LIMITS.yamlAliases + 1, max: 400 })
        .map((n) => `services:\n${Array.from({ length: n }, (_, i) => `  s${i}: &a${i} {image: flink}\n`).join('')}`);
      await checkAsync(fc.oneof(deep, aliases), async (input) => {
        const compose = await analyseCompose(input, 'docker-compose.yml');
        expect(compose.services).toEqual([]);
        expect(compose.problems[0] ?? '').toMatch(/^docker-compose\.yml/);
      });
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'generated compose services come back with their image and tag',
    async () => {
      const service = fc.record({
        minor: fc.constantFrom('1.19', '1.20', '2.1'),
        patch: fc.nat({ max: 9 }),
        jar: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
      });
      const services = fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/), service, { minKeys: 1, maxKeys: 5 });
      await checkAsync(services, async (all) => {
        const doc = {
          services: Object.fromEntries(
            Object.entries(all).map(([name, s]) => [
              name,
              { image: `flink:${s.minor}.${s.patch}`, volumes: [`./${s.jar}.jar:/opt/flink/lib/${s.jar}.jar`] },
            ]),
          ),
        };
        const facts = await analyseCompose(stringify(doc), 'docker-compose.yml');
        expect(facts.problems).toEqual([]);
        expect(facts.services.map((s) => [s.name, s.image?.tag?.flinkVersion])).toEqual(
          Object.entries(all).map(([name, s]) => [name, `${s.minor}.${s.patch}`]),
        );
      });
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe('image references', () => {
  it(
    'any text: a reference or undefined; a tag, if read, is one the project publishes',
    () => {
      check(
        fc.oneof(
          anyText,
          textOf(['flink', ':', '@sha256:', '/', 'registry:5000', '1.20', '.1', '-scala_2.12', '-java17', 'latest', '-'], 20),
        ),
        (text) => {
          const ref = parseImageRef(text);
          if (ref) expect(ref.raw.length).toBeLessThanOrEqual(512);
          const tag = parseFlinkTag(ref?.tag);
          if (tag?.java !== undefined) expect(Number.isInteger(tag.java)).toBe(true);
        },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
