// composeDocument(s) feed the tokens scanYaml measured to yaml's parser instead of lexing the text again: what they
// return must be what yaml.parseDocument / parseAllDocuments return for the same text (documents, errors with their
// offsets, warnings, values, and the line starts a LineCounter learns).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
import { composeDocument, composeDocuments, lexYaml } from '../../src/util/yaml-shape.js';
import { check, textOf } from '../fuzz/property.js';

const OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

// Shapes of Flink's config.yaml (nested and flat keys, a flow list), of compose files and manifests (several
// documents, block scalars, comments), and broken ones (an unclosed flow sequence, a tab indent, a duplicate key).
const TEXTS = [
  '',
  '# only a comment\n',
  'jobmanager:\n  rpc:\n    address: localhost\n    port: 6123\ntaskmanager.numberOfTaskSlots: 2\n',
  'pipeline.jars: [file:///a.jar, file:///b.jar]\nenv.java.opts.all: "-Dx=1 --add-opens=java.base/java.lang=ALL-UNNAMED"\n',
  'services:\n  jm:\n    image: flink:1.20.1\n    environment:\n      FLINK_PROPERTIES: |\n        a: 1\n        b: 2\n',
  'kind: FlinkDeployment\n---\nkind: Service\n---\n# padding\n',
  'a: 1\n---\nb: 2\n...\n',
  'k: [1, 2\nnext: x\n',
  'a:\n\t- b\n',
  'a: 1\na: 2\n',
  'base: &b {x: 1}\nuse: *b\n',
  '- - - deep\n',
  'key: "unterminated\n',
  '%YAML 1.2\n---\na: 1\n',
  // The deployment files the deploy tests read (test/fixtures/deploy).
  ...['java-opts/docker-compose.yml', 'session-jar/session.yaml', 'manifest-minor/flink-deployment.yaml'].map((file) =>
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'deploy', file), 'utf8'),
  ),
];

function view(doc: yaml.Document) {
  return {
    errors: doc.errors.map((e) => [e.code, e.message, e.pos]),
    warnings: doc.warnings.map((w) => [w.code, w.message, w.pos]),
    range: doc.range,
    value: doc.errors.length === 0 ? valueOf(doc) : undefined,
  };
}

/** The document's value, or what toJS throws (an alias to no anchor, too many aliases). */
function valueOf(doc: yaml.Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { threw: (error as Error).message };
  }
}

describe('composeDocument(s) from the measured tokens', () => {
  it.for(TEXTS)('as yaml.parseDocument: %j', (text) => {
    expect(view(composeDocument(yaml, lexYaml(yaml, text), text, OPTIONS))).toEqual(view(yaml.parseDocument(text, OPTIONS)));
  });

  it.for(TEXTS)('as yaml.parseAllDocuments, with the same line starts: %j', (text) => {
    const ours = new yaml.LineCounter();
    const theirs = new yaml.LineCounter();
    const expected = yaml.parseAllDocuments(text, { ...OPTIONS, lineCounter: theirs });
    const actual = composeDocuments(yaml, lexYaml(yaml, text), OPTIONS, ours);
    expect(actual.map(view)).toEqual((Array.isArray(expected) ? expected : []).map(view));
    expect(ours.lineStarts).toEqual(theirs.lineStarts);
  });

  it('as the library, on text made of the pieces of YAML', () => {
    const pieces = [
      '\n',
      '  ',
      '- ',
      ': ',
      'k',
      '"q"',
      "'s'",
      '[',
      ']',
      '{',
      '}',
      ', ',
      '#c',
      '---\n',
      '...\n',
      '&a ',
      '*a',
      '|\n',
      '>-\n',
      '? ',
      '\t',
    ];
    check(textOf(pieces), (text) => {
      const theirs = new yaml.LineCounter();
      const expected = yaml.parseAllDocuments(text, { ...OPTIONS, lineCounter: theirs });
      const ours = new yaml.LineCounter();
      const tokens = lexYaml(yaml, text);
      expect(composeDocuments(yaml, tokens, OPTIONS, ours).map(view), text).toEqual((Array.isArray(expected) ? expected : []).map(view));
      expect(ours.lineStarts).toEqual(theirs.lineStarts);
      expect(view(composeDocument(yaml, tokens, text, OPTIONS)), text).toEqual(view(yaml.parseDocument(text, OPTIONS)));
    });
  });
});
