// deploy.version: every place a deployment states a Flink version agrees: the image tag, a FlinkDeployment's
// spec.flinkVersion, the apache-flink pip line in the image, and the client's wheel. A finding names the two
// that disagree (file and line) and the one-line fix; the image is the reference, as it is what runs.
import { defineCheck } from './define.js';
import type { Location } from '../src/engine/model.js';
import type { DeployFact } from '../src/facts/index.js';
import type { Matrix } from '../src/knowledge/matrix.js';
import { minorOf } from '../src/knowledge/versions.js';
import { versionSatisfies } from '../src/python/pep508.js';
import { sameRelease } from '../src/python/pip.js';
import { at, fileProblems, filesRead, flinkPin, imageRelease, locationOf, noDeployment, sameMinor } from './deploy-shared.js';

interface Finding {
  text: string;
  fix: string;
  locations: Location[];
  error?: boolean;
}

interface Statement {
  what: string;
  version: string;
  /** A whole release (x.y.z); false for a minor or a minor-only tag. */
  exact: boolean;
  /** For a minor-only image tag: the patch it pulls today. */
  today?: string;
  location?: Location;
  fix: (to: string) => string;
}

export default defineCheck({
  id: 'deploy.version',
  title: 'Image, manifests, pip lines and client agree on Flink',
  group: 'Deploy',
  description:
    "Every place a deployment states a Flink version agrees: the image tag, a FlinkDeployment's " +
    '`spec.flinkVersion`, the `apache-flink` pip line in the image and the client wheel; unpinned pip lines and ' +
    'tags without a version are warnings.',
  reads: [
    '--deploy files, else Dockerfile / docker-compose.y(a)ml / FlinkDeployment manifests in the working directory',
    'FROM flink:<tag>, spec.image, spec.flinkVersion, pip install apache-flink lines',
    "the client's apache-flink wheel",
  ],
  needs: ['deploy', 'pyflink'],
  run({ deploy, pyflink }, { matrix }) {
    const none = noDeployment(deploy);
    if (none) return none;
    const statements = collect(deploy, matrix, pyflink.flink?.version);
    const errors: Finding[] = [];
    const warnings: Finding[] = [];
    // The image is the reference: it is what runs (collect() puts images first). Patches are compared with
    // the first statement that names one (a minor-only tag names the patch it pulls today).
    const reference = statements[0];
    const patchReference = statements.find((s) => s.exact || s.today);
    for (const s of statements) {
      const finding = reference && s !== reference ? compareMinor(s, reference) : undefined;
      const patch = !finding && patchReference && s !== patchReference ? comparePatch(s, patchReference) : undefined;
      for (const f of [finding, patch]) if (f) (f.error ? errors : warnings).push(f);
    }
    for (const loose of looseStatements(deploy, reference, matrix)) (loose.error ? errors : warnings).push(loose);
    const details = [
      filesRead(deploy),
      ...statements.map((s) => `${s.what}: Flink ${s.version}${s.today ? ` (${s.today} today)` : ''}`),
      ...fileProblems(deploy),
    ];
    const facts = { statements: statements.length, reference: reference ? `${reference.what}: ${reference.version}` : null };
    const worst = errors[0] ?? warnings[0];
    if (!worst) {
      return {
        status: 'ok',
        summary: reference
          ? `every place states Flink ${reference.version} (${statements.length} statement${statements.length === 1 ? '' : 's'})`
          : 'no Flink version is stated in the deployment files',
        details,
        facts,
      };
    }
    const rest = [...errors, ...warnings].filter((f) => f !== worst);
    return {
      status: errors.length > 0 ? 'error' : 'warning',
      summary: worst.text,
      details: [...rest.map((f) => f.text), ...details],
      fix: [...new Set([worst, ...rest].map((f) => f.fix))].join('\n'),
      facts,
      locations: [worst, ...rest].flatMap((f) => f.locations),
    };
  },
});

const placesOf = (...statements: Statement[]) => statements.flatMap((s) => (s.location ? [s.location] : []));

/** Another minor: an error. */
function compareMinor(s: Statement, reference: Statement): Finding | undefined {
  if (sameMinor(s.version, reference.version)) return undefined;
  return {
    text: `${s.what} says ${s.version}, ${reference.what} says ${reference.version}: another Flink minor`,
    fix: s.fix(reference.today ?? reference.version),
    locations: placesOf(s, reference),
    error: true,
  };
}

/** Another patch (a minor-only tag counting as the patch it pulls today): a warning. */
function comparePatch(s: Statement, reference: Statement): Finding | undefined {
  const says = (x: Statement) =>
    `${x.what} ${x.exact ? `says ${x.version}` : `pulls ${x.today} today (newest ${x.version} patch flink-doctor knows)`}`;
  const mine = s.exact ? s.version : s.today;
  const theirs = reference.exact ? reference.version : reference.today;
  if (!mine || !theirs || !sameMinor(mine, theirs) || sameRelease(mine, theirs) || (!s.exact && !reference.exact)) return undefined;
  return { text: `${says(s)}, ${says(reference)}: another patch`, fix: s.fix(theirs), locations: placesOf(s, reference) };
}

function collect(deploy: DeployFact, matrix: Matrix, wheel: string | undefined): Statement[] {
  const out: Statement[] = [];
  for (const image of deploy.images) {
    const release = imageRelease(image, matrix);
    if (!release) continue;
    out.push({
      what: `image ${image.ref} (${at(image)})`,
      ...release,
      location: locationOf(image),
      fix: (to) => `Use an image tag of Flink ${to} in ${at(image)} (e.g. flink:${to}${image.java ? `-java${image.java}` : ''})`,
    });
  }
  for (const job of deploy.jobs) {
    const stated = job.flinkVersion;
    if (!stated?.minor) continue;
    out.push({
      what: `spec.flinkVersion ${stated.value} (${at(stated)})`,
      version: stated.minor,
      exact: false,
      location: locationOf(stated),
      fix: (to) => `Set spec.flinkVersion: v${(minorOf(to) ?? to).replace('.', '_')} in ${at(stated)}`,
    });
  }
  for (const build of deploy.builds) {
    for (const pip of build.pip) {
      for (const spec of pip.specs) {
        const exact = flinkPin(spec)?.exact;
        if (exact)
          out.push({
            what: `pip ${spec} (${at(pip)})`,
            version: exact,
            exact: true,
            location: locationOf(pip),
            fix: (to) => `Pin apache-flink==${to} in ${at(pip)}`,
          });
      }
    }
  }
  if (wheel)
    out.push({
      what: `the client wheel apache-flink ${wheel}`,
      version: wheel,
      exact: true,
      fix: (to) => `Install the deployment's release in the client: pip install "apache-flink==${to}"`,
    });
  return out;
}

/** pip lines without an exact pin, and images whose tag names no version: they float, or do not fit. */
function looseStatements(deploy: DeployFact, reference: Statement | undefined, matrix: Matrix): Finding[] {
  const out: Finding[] = [];
  for (const image of deploy.images) {
    if (image.official && image.floating === 'no-version') {
      out.push({
        text: `image ${image.ref} (${at(image)}) names no Flink version: every rebuild may pull another Flink than the job was written for`,
        fix: `Pin the image in ${at(image)} to a release, e.g. flink:${matrix.line(matrix.newestMinor())?.newestPatch ?? matrix.newestMinor()}`,
        locations: [locationOf(image)],
      });
    }
  }
  const target = reference ? (reference.exact ? reference.version : reference.today) : undefined;
  for (const build of deploy.builds) {
    for (const pip of build.pip) {
      for (const spec of pip.specs) {
        const pin = flinkPin(spec);
        if (!pin || pin.exact) continue;
        if (pin.specifier === '') {
          out.push({
            text: `pip ${spec} (${at(pip)}) has no version: it installs the newest apache-flink, not ${reference ? `the ${reference.version} of ${reference.what}` : 'a chosen release'}`,
            fix: `Pin apache-flink==${target ?? "<the image's Flink>"} in ${at(pip)}`,
            locations: [locationOf(pip)],
          });
        } else if (target && !versionSatisfies(target, pin.specifier)) {
          out.push({
            text: `pip ${spec} (${at(pip)}) does not allow ${target}, the release of ${reference?.what}`,
            fix: `Pin apache-flink==${target} in ${at(pip)}`,
            locations: [locationOf(pip)],
            error: true,
          });
        }
      }
    }
  }
  return out;
}
