// A cache entry's file name from its key: two 32-bit FNV-1a lanes over the key's UTF-16 code units, 16 hex digits.
// Not a digest: every cache compares the key stored in the entry in full before trusting it, so a collision costs a
// miss, never a wrong answer; and it spares a run loading node:crypto (OpenSSL's start-up: ~10 ms of CPU on Node 24).
export function nameHash(key: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i += 1) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x01000193) ^ (a >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
