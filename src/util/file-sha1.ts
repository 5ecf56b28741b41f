// SHA-1 of a file, streamed (a 300 MB fat JAR must not be read into memory); undefined when unreadable.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha1OfFile(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(undefined));
  });
}
