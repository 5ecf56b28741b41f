// A fact gatherer and the check that judges it (docs/plugins.md). Platform teams often keep what their
// clusters run in a small file every repository carries; this plugin reads it:
//   platform.json  { "flink": "2.2", "java": 17 }
// found next to flink-doctor.config.json (else in the working directory), or wherever PLATFORM_FILE points.
// The check compares it with the Flink version the project targets and the Java flink-doctor finds.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { defineFactGatherer, definePlugin, minorOf } from 'flink-doctor';

const platform = defineFactGatherer({
  // Reading one small file: a second is plenty; past it flink-doctor abandons the gatherer and says so.
  timeoutMs: 2_000,
  async gather({ cwd, env, configFile, signal }) {
    const file = env.PLATFORM_FILE ? resolve(cwd, env.PLATFORM_FILE) : resolve(configFile ? dirname(configFile) : cwd, 'platform.json');
    let text;
    try {
      text = await readFile(file, { encoding: 'utf8', signal });
    } catch (error) {
      if (error.code === 'ENOENT') return { file, found: false };
      throw error;
    }
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new Error(`${file} is not JSON: ${error.message}`);
    }
    if (typeof doc !== 'object' || doc === null) throw new Error(`${file} must hold an object such as {"flink": "2.2", "java": 17}`);
    const flink = typeof doc.flink === 'string' ? (minorOf(doc.flink) ?? null) : null;
    const java = Number.isInteger(doc.java) ? doc.java : null;
    return { file, found: true, flink, java };
  },
});

export default definePlugin({
  apiVersion: 1,
  name: 'platform-pins',
  version: '1.0.0',
  facts: { platform },
  checks: [
    {
      id: 'plugin.platform-pins.versions',
      title: 'Flink and Java as the platform runs them',
      group: 'Flink',
      description: "The Flink line the project targets and the Java it uses are the ones the team's `platform.json` pins.",
      reads: ['platform.json (next to the config file, or PLATFORM_FILE)', 'the target Flink version', 'the Java flink-doctor finds'],
      needs: ['platform', 'target', 'java'],
      run({ platform, target, java }) {
        if (!platform.found) return { status: 'skipped', summary: `no platform file (looked for ${platform.file})` };
        const problems = [];
        const fixes = [];
        if (platform.flink && target.minor && target.minor !== platform.flink) {
          problems.push(`the project targets Flink ${target.flinkVersion}; the platform runs Flink ${platform.flink}`);
          fixes.push(`Move the project to Flink ${platform.flink} (pip install "apache-flink==${platform.flink}.*").`);
        }
        const major = java.version?.major;
        if (platform.java && major && major !== platform.java) {
          problems.push(`Java ${major} is in use; the platform runs Java ${platform.java}`);
          fixes.push(`Use a Java ${platform.java} JDK (JAVA_HOME or --java-home).`);
        }
        const facts = { file: platform.file, flink: platform.flink, java: platform.java };
        if (problems.length === 0) return { status: 'ok', summary: `matches ${platform.file}`, facts };
        return { status: 'error', summary: problems.join('; '), fix: fixes.join('\n'), facts, locations: [{ path: platform.file }] };
      },
    },
  ],
});
