// deploy.java: the Java each official image runs (its tag's -javaNN, else the variant bare tags point to, per
// flink-docker) against its Flink line's Java support and the bytecode of the JARs the job ships; and on Java
// 17+ a compose FLINK_PROPERTIES that replaces env.java.opts.all without Flink's --add-opens list.
import { defineCheck } from './define.js';
import type { Location, Outcome } from '../src/engine/model.js';
import { jarLabel, readable } from '../src/jars/describe.js';
import { imageJava, missingFlagsOf, type ImageJava } from '../src/knowledge/images.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import type { DeployImageFact, DeployJobFact, ScannedJar } from '../src/facts/index.js';
import { shippedJars } from './cluster-jars.js';
import { at, fileProblems, filesRead, locationOf, noDeployment } from './deploy-shared.js';
import { javaOfClassMajor } from './jars-bytecode.js';

interface Finding {
  text: string;
  fix: string;
  location?: Location;
}

/** What the images tell, gathered in report order (errors before warnings, each in the order found). */
interface Findings {
  errors: Finding[];
  warnings: Finding[];
  details: string[];
  sources: Set<string>;
}

/** How a finding about one image names it, where it points, and the tag that fixes it for a given Java. */
interface ImagePlace {
  where: string;
  location: Location;
  fixTo: (java: number) => string;
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

/** The image's Java against its Flink line: an unpublished image or a Java the line does not support is an error;
 * a Java newer than any the line lists, or one rated less than supported, a warning. Each fix names the line's
 * recommended Java. */
function judgeJavaSupport(matrix: Matrix, flinkVersion: string, java: ImageJava, place: ImagePlace, found: Findings): void {
  const recommended = matrix.line(flinkVersion)?.java.recommended ?? java.java;
  const finding = (text: string): Finding => ({ text, fix: place.fixTo(recommended), location: place.location });
  if (!java.published)
    found.errors.push(
      finding(`${place.where}: flink-docker publishes no Java ${java.java} image of Flink ${flinkVersion}: the pull fails`),
    );
  const rating = matrix.rateJava(flinkVersion, java.java);
  if (matrix.unlistedJava(flinkVersion, java.java)?.kind === 'newer') {
    found.warnings.push(
      finding(`${place.where} runs Java ${java.java}, newer than any Java Flink ${flinkVersion} lists: untested upstream`),
    );
  } else if (rating === 'unsupported') {
    found.errors.push(finding(`${place.where} runs Java ${java.java}, which Flink ${flinkVersion} does not support`));
  } else if (rating !== 'supported') {
    found.warnings.push(finding(`${place.where} runs Java ${java.java}, ${rating} on Flink ${flinkVersion}`));
  }
}

/** Shipped JARs whose bytecode needs a newer Java than the image runs: an error each (UnsupportedClassVersionError). */
function bytecodeTooNew(shipped: readonly ScannedJar[], java: number, place: ImagePlace): Finding[] {
  return shipped.flatMap((jar) => {
    const needs = javaOfClassMajor(jar.identity?.classMajor ?? 0);
    if (needs <= java) return [];
    return [
      {
        text: `${jarLabel(jar)} holds Java ${needs} bytecode; ${place.where} runs Java ${java}: UnsupportedClassVersionError`,
        fix: `Rebuild the JAR for Java ${java}, or ${place.fixTo(needs).replace(/^U/, 'u')}`,
        location: place.location,
      },
    ];
  });
}

/** One official image of a known Flink version: the Java it runs against its line, against the shipped JARs'
 * bytecode, and (Java 17+) against the compose services that drop Flink's Java 17 flags. */
function judgeImage(
  matrix: Matrix,
  image: DeployImageFact,
  flinkVersion: string,
  { jobs, shipped }: { jobs: readonly DeployJobFact[]; shipped: readonly ScannedJar[] },
  found: Findings,
): void {
  const java = imageJava(matrix, flinkVersion, image.java);
  if (!java) return void found.details.push(`${image.ref} (${at(image)}): Flink ${flinkVersion} is not in flink-doctor's image knowledge`);
  java.sources.forEach((s) => found.sources.add(s));
  const place: ImagePlace = {
    where: `image ${image.ref} (${at(image)})`,
    location: locationOf(image),
    fixTo: (j) => `Use a -java${j} tag in ${at(image)}, e.g. flink:${flinkVersion}-java${j}`,
  };
  found.details.push(`${place.where}: Java ${java.java} (${java.from === 'tag' ? 'named by the tag' : 'the default variant of this tag'})`);
  judgeJavaSupport(matrix, flinkVersion, java, place, found);
  found.errors.push(...bytecodeTooNew(shipped, java.java, place));
  if (java.java >= 17) flagsDroppedByCompose(matrix, jobs, flinkVersion, found.errors, found.sources);
}

/** The first error (else warning) is the summary, the rest details; nothing found: ok, or skipped without an
 * official image to judge. */
function outcomeOf({ errors, warnings, details, sources }: Findings, judged: boolean): Outcome {
  const worst = errors[0] ?? warnings[0];
  if (!worst)
    return {
      status: judged ? 'ok' : 'skipped',
      summary: judged
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
    const found: Findings = { errors: [], warnings: [], details: [filesRead(deploy)], sources: new Set<string>() };
    const shipped = shippedJars(readable(jars.jars));
    deploy.images.forEach((image, index) => {
      if (!image.official || !image.flinkVersion) return;
      judgeImage(matrix, image, image.flinkVersion, { jobs: deploy.jobs.filter((j) => j.image === index), shipped }, found);
    });
    found.details.push(...fileProblems(deploy));
    const judged = deploy.images.some((i) => i.official && i.flinkVersion);
    return outcomeOf(found, judged);
  },
});
