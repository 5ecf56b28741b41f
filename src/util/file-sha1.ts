// SHA-1 of a file, streamed (a 300 MB fat JAR must not be read into memory); undefined when unreadable.
import { createReadStream } from 'node:fs';

/** node:crypto is loaded with the first file hashed, not with the module (OpenSSL's start-up costs a plain run ~6 ms). */
export async function sha1OfFile(path: string): Promise<string | undefined> {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return new Promise((resolve) => {
    const hash = createHash('sha1');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', () => resolve(undefined));
  });
}
