// One XML entry point for untrusted documents (maven-metadata.xml, settings.xml): entities are never
// expanded and a DOCTYPE is refused outright, so billion-laughs and XXE documents cannot do anything.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class XmlError extends Error {
  override readonly name = 'XmlError';
}

export function parseXml(text: string, arrays: readonly string[] = []): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) throw new XmlError('XML with a DOCTYPE or entity declaration is refused');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const parser = new XMLParser({
    processEntities: false,
    htmlEntities: false,
    ignoreAttributes: true,
    ignoreDeclaration: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => arrays.includes(name),
    // The callbacks get the parser's path object, not a string built for every tag (no callback here reads it).
    jPath: false,
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    // The validator passes a few truncated documents ("<A/") the parser then fails on with an internal message.
    throw new XmlError('malformed XML: the document ends inside a tag or is otherwise unreadable');
  }
  if (!doc || typeof doc !== 'object') throw new XmlError('empty XML document');
  return doc as Record<string, unknown>;
}

/** Walks nested objects by key; undefined when any step is missing or not an object. */
export function pick(node: unknown, ...keys: string[]): unknown {
  let current = node;
  for (const key of keys) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

export function text(node: unknown): string | undefined {
  if (typeof node === 'string') return node.trim() || undefined;
  if (typeof node === 'number') return String(node);
  return undefined;
}
