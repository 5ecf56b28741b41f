// Real JDKs on this machine, and fake Java homes whose bin/java is a shell script (for broken-runtime cases).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, writeFileDeep } from './tmp.js';

/** The default JDK 17. Its absence is a broken test machine: fail loudly, never skip. */
export function jdk17(): string {
  const candidates = [
    process.env.FLINK_DOCTOR_TEST_JDK17,
    '/usr/lib/jvm/java-17-openjdk-amd64',
    '/usr/lib/jvm/java-17-openjdk-arm64',
  ].filter(Boolean) as string[];
  const home = candidates.find((dir) => existsSync(join(dir, 'bin', 'java')));
  if (!home)
    throw new Error(`JDK 17 not found (looked in ${candidates.join(', ')}); install openjdk-17-jdk or set FLINK_DOCTOR_TEST_JDK17`);
  return home;
}

/** The second JDK (Temurin 25): on most machines, not all. Returns undefined so tests can skip with a reason. */
export function jdk25(): string | undefined {
  const candidates = [process.env.FLINK_DOCTOR_TEST_JDK25, '/usr/lib/jvm/temurin-25-jdk-amd64', '/usr/lib/jvm/temurin-25-jdk-arm64'].filter(
    Boolean,
  ) as string[];
  return candidates.find((dir) => existsSync(join(dir, 'bin', 'java')));
}

/** A Java home whose bin/java runs `script` (POSIX sh); optionally with a JDK `release` file. */
export async function fakeJavaHome(script: string, release?: string): Promise<string> {
  const home = await tempDir('fake-java-');
  await writeFileDeep(join(home, 'bin', 'java'), `#!/bin/sh\n${script}\n`, true);
  if (release !== undefined) await writeFileDeep(join(home, 'release'), release);
  return home;
}

/** What `java -XshowSettings:properties -version` prints on a Java 8 runtime. */
export const JAVA8_OUTPUT = `Property settings:
    java.home = /opt/jdk8/jre
    java.specification.version = 1.8
    java.vendor = Temurin
    java.version = 1.8.0_392
    java.vm.name = OpenJDK 64-Bit Server VM

openjdk version "1.8.0_392"
OpenJDK Runtime Environment (Temurin)(build 1.8.0_392-b08)
OpenJDK 64-Bit Server VM (Temurin)(build 25.392-b08, mixed mode)`;
