// The parse cache of config.yaml (src/flink/config-cache.ts): a next run gets exactly what the parser returned for
// exactly the same build, file and text, and nothing else. The config is shaped like the one the apache-flink 2.x
// wheel bundles (pyflink/conf/config.yaml: nested mappings, a list, comments).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedConfigCache } from '../../src/flink/config-cache.js';
import { parseYamlConfig, readConfigDir } from '../../src/flink/config-file.js';
import { tempDir, writeFileDeep } from '../helpers/tmp.js';

const CONFIG = `# Flink's bundled configuration
jobmanager:
  bind-host: localhost
  rpc:
    address: localhost
    port: 6123
taskmanager:
  numberOfTaskSlots: 1
env:
  java:
    opts:
      all: --add-exports=java.base/sun.net.util=ALL-UNNAMED
pipeline:
  jars: [file:///opt/a.jar, file:///opt/b.jar]
`;

async function setUp(text = CONFIG) {
  const root = await tempDir('config-cache-');
  const conf = join(root, 'conf');
  await writeFileDeep(join(conf, 'config.yaml'), text);
  const cache = new ParsedConfigCache(join(root, 'cache'), { version: 'test-1' });
  return { conf, file: join(conf, 'config.yaml'), cache, cacheDir: join(root, 'cache') };
}

describe('config.yaml parse cache', () => {
  it('a second read answers from the cache, the same as a read without it', async () => {
    const { conf, cache, cacheDir } = await setUp();
    const uncached = await readConfigDir(conf);
    const first = await readConfigDir(conf, undefined, cache);
    // The write is in the background: wait for it.
    const written = () => existsSync(cacheDir) && readdirSync(cacheDir).filter((n) => n.endsWith('.json')).length > 0;
    for (let i = 0; i < 250 && !written(); i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const second = await readConfigDir(conf, undefined, cache);
    expect(first).toEqual(uncached);
    expect(second).toEqual(uncached);
    expect(second.values['pipeline.jars']).toEqual(['file:///opt/a.jar', 'file:///opt/b.jar']);
  });

  it('is used only for the same text, file and build', async () => {
    const { file, cache, cacheDir } = await setUp();
    await cache.put(file, CONFIG, await parseYamlConfig(CONFIG, file));
    expect(cache.get(file, CONFIG)).toBeDefined();
    expect(cache.get(file, CONFIG.replace('port: 6123', 'port: 6124'))).toBeUndefined();
    expect(cache.get(`${file}.other`, CONFIG)).toBeUndefined();
    expect(new ParsedConfigCache(cacheDir, { version: 'test-2' }).get(file, CONFIG)).toBeUndefined();
  });

  it('problems are cached with their line, and a document JSON cannot hold exactly is not cached', async () => {
    const { file, cache, cacheDir } = await setUp();
    const broken = 'a: [1, 2\n';
    const parsed = await parseYamlConfig(broken, file);
    expect(parsed.problems).toHaveLength(1);
    await cache.put(file, broken, parsed);
    expect(cache.get(file, broken)).toEqual(parsed);
    const infinite = 'taskmanager:\n  memory: .inf\n';
    await cache.put(file, infinite, await parseYamlConfig(infinite, file));
    expect(cache.get(file, infinite)).toBeUndefined();
    expect(readdirSync(cacheDir)).toHaveLength(1);
  });

  it('a config with a setting that may hold a secret is never copied into the cache', async () => {
    const { file, cache, cacheDir } = await setUp();
    for (const text of ['s3:\n  secret-key: hunter2\n', 'fs.azure.account.key.acct.blob.core.windows.net: abc\n', 'x:\n  password: p\n']) {
      await cache.put(file, text, await parseYamlConfig(text, file));
      expect(cache.get(file, text)).toBeUndefined();
    }
    expect(existsSync(cacheDir)).toBe(false);
  });

  it('a corrupt or foreign entry is a miss, never a verdict', async () => {
    const { file, cache, cacheDir } = await setUp();
    await cache.put(file, CONFIG, await parseYamlConfig(CONFIG, file));
    const [name] = readdirSync(cacheDir);
    const entry = join(cacheDir, name ?? '');
    const stored = JSON.parse(readFileSync(entry, 'utf8'));
    for (const spoiled of ['{not json', JSON.stringify({ ...stored, key: 'another' }), JSON.stringify({ ...stored, values: [] })]) {
      writeFileSync(entry, spoiled);
      expect(cache.get(file, CONFIG)).toBeUndefined();
    }
    writeFileSync(entry, JSON.stringify({ ...stored, problems: [{ kind: 'yaml', path: file }] }));
    expect(cache.get(file, CONFIG)).toBeUndefined();
  });

  it('an entry for another text of the same length (so under the same name) is a miss, and is replaced', async () => {
    const { file, cache, cacheDir } = await setUp();
    const other = CONFIG.replace('numberOfTaskSlots: 1', 'numberOfTaskSlots: 8');
    expect(other.length).toBe(CONFIG.length);
    await cache.put(file, CONFIG, await parseYamlConfig(CONFIG, file));
    expect(cache.get(file, other)).toBeUndefined();
    await cache.put(file, other, await parseYamlConfig(other, file));
    expect(readdirSync(cacheDir)).toHaveLength(1);
    expect(cache.get(file, other)?.values['taskmanager.numberOfTaskSlots']).toBe(8);
    expect(cache.get(file, CONFIG)).toBeUndefined();
  });

  it('keeps the folder within its bound', async () => {
    const { file, cacheDir } = await setUp();
    const cache = new ParsedConfigCache(cacheDir, { version: 'test-1', maxFiles: 5 });
    for (let i = 0; i < 8; i += 1) {
      const text = `setting${i}: ${i}\n`;
      await cache.put(file, text, await parseYamlConfig(text, file));
    }
    expect(readdirSync(cacheDir).length).toBeLessThanOrEqual(5);
  });
});
