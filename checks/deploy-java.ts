// deploy.java: the Java each official image runs (its tag's -javaNN, else the variant bare tags point to, per
// flink-docker) against its Flink line's Java support and the bytecode of the JARs the job ships; and on Java
// 17+ a compose FLINK_PROPERTIES that replaces env.java.opts.all without Flink's --add-opens list.
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import { jarLabel, readable } from '../src/jars/describe.js';
import { imageJava, missingFlagsOf } from '../src/knowledge/images.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import type { DeployJobFact } from '../src/facts/index.js';
import { shippedJars } from './cluster-jars.js';
import { at, fileProblems, filesRead, locationOf, noDeployment } from './deploy-shared.js';
import { javaOfClassMajor } from './jars-bytecode.js';

interface Finding {
  text: string;
  fix: string;
  location?: Location;
}

/** Compose services of an image on Java 17+ whose FLINK_PROPERTIES replace env.java.opts.all without Flink's
 * --add-opens/--add-exports list: an error each (InaccessibleObjectException at run time). */
function flagsDroppedByCompose(
  matrix: Matrix,
  jobs: readonly DeployJobFact[],
  flinkVersion: string,
  errors: Finding[],
  sources: Set<string>,
): void {
  for (const job of jobs.filter((j) => j.kind === 'compose' && j.config['env.java.opts.all'] !== undefined)) {
    const missing = missingFlagsOf(matrix, flinkVersion, (job.config['env.java.opts.all'] ?? '').split(/\s+/));
    if (missing && missing.flags.length > 0) {
      errors.push({
        text: `service ${job.name} (${at(job)}) replaces env.java.opts.all in FLINK_PROPERTIES: ${missing.flags.length} of Flink's ${missing.total} Java 17 flags are gone (InaccessibleObjectException)`,
        fix: `Keep Flink's list in env.java.opts.all of ${at(job)} and add to it: ${missing.flags.join(' ')}`,
        location: locationOf(job),
      });
      missing.sources.forEach((s) => sources.add(s));
    }
  }
}

export default defineCheck({
  id: 'deploy.java',
  title: "The image's Java runs its Flink and the job's JARs",
  group: 'Deploy',
  description:
    "The Java each official image runs (its `-javaNN` tag, else the line's default variant per flink-docker) is " +
    "published and supported by its Flink line, runs the shipped JARs' bytecode, and keeps Flink's Java 17 flags.",
  reads: [
    "image tags in the deployment files (-javaNN, else the line's default variant from flink-docker)",
    'class file headers of the JARs the job ships',
    'env.java.opts.all in compose FLINK_PROPERTIES',
  ],
  needs: ['deploy', 'jars'],
  run({ deploy, jars }, { matrix }) {
    const none = noDeployment(deploy);
    if (none) return none;
    const errors: Finding[] = [];
    const warnings: Finding[] = [];
    const details = [filesRead(deploy)];
    const sources = new Set<string>();
    const shipped = shippedJars(readable(jars.jars));
    deploy.images.forEach((image, index) => {
      if (!image.official || !image.flinkVersion) return;
      const java = imageJava(matrix, image.flinkVersion, image.java);
      if (!java)
        return void details.push(`${image.ref} (${at(image)}): Flink ${image.flinkVersion} is not in flink-doctor's image knowledge`);
      java.sources.forEach((s) => sources.add(s));
      const where = `image ${image.ref} (${at(image)})`;
      details.push(`${where}: Java ${java.java} (${java.from === 'tag' ? 'named by the tag' : 'the default variant of this tag'})`);
      const fixTo = (j: number) => `Use a -java${j} tag in ${at(image)}, e.g. flink:${image.flinkVersion}-java${j}`;
      const recommended = matrix.line(image.flinkVersion)?.java.recommended ?? java.java;
      if (!java.published)
        errors.push({
          text: `${where}: flink-docker publishes no Java ${java.java} image of Flink ${image.flinkVersion}: the pull fails`,
          fix: fixTo(recommended),
          location: locationOf(image),
        });
      const rating = matrix.rateJava(image.flinkVersion, java.java);
      if (matrix.unlistedJava(image.flinkVersion, java.java)?.kind === 'newer') {
        warnings.push({
          text: `${where} runs Java ${java.java}, newer than any Java Flink ${image.flinkVersion} lists: untested upstream`,
          fix: fixTo(recommended),
          location: locationOf(image),
        });
      } else if (rating === 'unsupported')
        errors.push({
          text: `${where} runs Java ${java.java}, which Flink ${image.flinkVersion} does not support`,
          fix: fixTo(recommended),
          location: locationOf(image),
        });
      else if (rating !== 'supported')
        warnings.push({
          text: `${where} runs Java ${java.java}, ${rating} on Flink ${image.flinkVersion}`,
          fix: fixTo(recommended),
          location: locationOf(image),
        });
      for (const jar of shipped.filter((j) => javaOfClassMajor(j.identity?.classMajor ?? 0) > java.java)) {
        errors.push({
          text: `${jarLabel(jar)} holds Java ${javaOfClassMajor(jar.identity?.classMajor ?? 0)} bytecode; ${where} runs Java ${java.java}: UnsupportedClassVersionError`,
          fix: `Rebuild the JAR for Java ${java.java}, or ${fixTo(javaOfClassMajor(jar.identity?.classMajor ?? 0)).replace(/^U/, 'u')}`,
          location: locationOf(image),
        });
      }
      if (java.java >= 17)
        flagsDroppedByCompose(
          matrix,
          deploy.jobs.filter((j) => j.image === index),
          image.flinkVersion,
          errors,
          sources,
        );
    });
    details.push(...fileProblems(deploy));
    const worst = errors[0] ?? warnings[0];
    if (!worst)
      return {
        status: deploy.images.some((i) => i.official && i.flinkVersion) ? 'ok' : 'skipped',
        summary: deploy.images.some((i) => i.official && i.flinkVersion)
          ? 'every official image runs a Java its Flink supports'
          : 'no official Flink image with a version in the deployment files',
        details,
        sources: [...sources],
      };
    const all = [...errors, ...warnings];
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      summary: worst.text,
      details: [...all.filter((f) => f !== worst).map((f) => f.text), ...details],
      fix: [...new Set(all.map((f) => f.fix))].join('\n'),
      locations: all.flatMap((f) => (f.location ? [f.location] : [])),
      sources: [...sources],
    };
  },
});
