// jars.bytecode: class files compiled for a newer Java than the runtime java.runtime found
// (UnsupportedClassVersionError when the class loads). Class major 52 = Java 8, 61 = 17, 69 = 25.
import { defineCheck } from './define.js';
import { jarLabel, userJars } from '../src/jars/describe.js';

export const javaOfClassMajor = (major: number) => major - 44;

export default defineCheck({
  id: 'jars.bytecode',
  title: 'JAR bytecode fits the Java runtime',
  group: 'JARs',
  description: 'No class compiled for a newer Java than the runtime `java.runtime` found.',
  reads: ['class file headers of a bounded sample per JAR', 'the Java runtime (java.runtime)'],
  needs: ['jars', 'java'],
  run({ jars, java }, { matrix }) {
    // The distribution's own JARs need the Java its line supports: java.runtime judges that, not this check.
    const seen = userJars(jars.jars, matrix.connectors()).filter((jar) => jar.identity?.classMajor !== undefined);
    if (seen.length === 0) return { status: 'skipped', summary: 'no readable JARs with class files' };
    const runtime = java.version?.major;
    if (!runtime) return { status: 'skipped', summary: 'no Java runtime found to compare with (see java.runtime)' };
    const tooNew = seen.filter((jar) => javaOfClassMajor(jar.identity?.classMajor ?? 0) > runtime);
    const highest = Math.max(...seen.map((jar) => jar.identity?.classMajor ?? 0));
    const facts = { javaMajor: runtime, highestClassMajor: highest, highestJava: javaOfClassMajor(highest) };
    if (tooNew.length === 0)
      return { status: 'ok', summary: `all classes run on Java ${runtime} (newest: Java ${javaOfClassMajor(highest)} bytecode)`, facts };
    const needed = Math.max(...tooNew.map((jar) => javaOfClassMajor(jar.identity?.classMajor ?? 0)));
    return {
      status: 'error',
      summary: `${tooNew.length} JAR${tooNew.length === 1 ? '' : 's'} compiled for a newer Java than ${runtime}: UnsupportedClassVersionError`,
      details: tooNew.map(
        (jar) =>
          `${jarLabel(jar)}: Java ${javaOfClassMajor(jar.identity?.classMajor ?? 0)} bytecode (class major ${jar.identity?.classMajor})`,
      ),
      fix: `Run on Java ${needed} or newer (if the Flink line supports it), or use builds of these JARs compiled for Java ${runtime}`,
      facts,
      locations: tooNew.map((jar) => ({ path: jar.ref.path })),
    };
  },
});
