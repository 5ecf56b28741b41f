// A platform team's policy as a flink-doctor plugin (docs/plugins.md): connector and format JARs come from
// Maven groups the team vets, connectors are resolved through the team's Maven mirror, and jobs run on the
// Python the team's images ship. Three checks, all pure functions of flink-doctor's own facts (jars,
// repository, python). Copy this package, set POLICY to your team's values and publish it.
import { definePlugin, jarLabel, minorOf } from 'flink-doctor';

export const POLICY = {
  /** Maven group ids connector and format JARs may come from. */
  allowedGroups: ['org.apache.flink', 'org.apache.paimon', 'org.apache.iceberg'],
  /** The Maven repository connectors must be resolved from (a settings.xml mirror, or FLINK_DOCTOR_MAVEN_REPO). */
  mirror: 'https://maven.example.com/repository/maven-central',
  /** The Python minor the team's images run. */
  python: '3.11',
};

const CONNECTOR_KINDS = ['fat', 'thin', 'format'];

/** @type {import('flink-doctor').PluginCheck<import('flink-doctor').Facts, 'jars'>} */
const allowedGroups = {
  id: 'plugin.jar-policy.groups',
  title: 'Connector JARs from vetted Maven groups',
  group: 'JARs',
  description: `Every connector and format JAR comes from a Maven group the platform team vets (${POLICY.allowedGroups.join(', ')}).`,
  reads: ["each JAR's group id (pom.properties, MANIFEST, NOTICE)"],
  needs: ['jars'],
  run({ jars }) {
    const connectors = jars.jars.filter((jar) => jar.identity && CONNECTOR_KINDS.includes(jar.identity.kind));
    if (connectors.length === 0) return { status: 'skipped', summary: 'no connector or format JARs in this setup' };
    const unknown = connectors.filter((jar) => !jar.identity?.groupId);
    const outside = connectors.filter((jar) => jar.identity?.groupId && !POLICY.allowedGroups.includes(jar.identity.groupId));
    if (outside.length > 0) {
      return {
        status: 'error',
        summary: `${outside.length} of ${connectors.length} connector JARs come from groups the platform team does not vet`,
        details: outside.map((jar) => `${jarLabel(jar)}: group ${jar.identity?.groupId}`),
        fix: `Use the build of each from ${POLICY.allowedGroups.join(', ')}, or ask the platform team to vet the group.`,
        locations: outside.map((jar) => ({ path: jar.ref.path })),
        facts: { allowed: POLICY.allowedGroups.join(', ') },
      };
    }
    if (unknown.length > 0) {
      // Trust first: a JAR whose group cannot be read is not called a violation, only named.
      return {
        status: 'warning',
        summary: `the Maven group of ${unknown.length} connector JARs cannot be read`,
        details: unknown.map(jarLabel),
        fix: 'Use the JARs as published on Maven (they carry pom.properties), not rebuilt or renamed copies.',
        locations: unknown.map((jar) => ({ path: jar.ref.path })),
      };
    }
    return { status: 'ok', summary: `${connectors.length} connector JARs, all from vetted groups` };
  },
};

/** @type {import('flink-doctor').PluginCheck<import('flink-doctor').Facts, 'repository'>} */
const mirror = {
  id: 'plugin.jar-policy.mirror',
  title: 'Connectors resolved through the team mirror',
  group: 'JARs',
  description: `Connector JARs are resolved from the team's Maven mirror (${POLICY.mirror}), not straight from the internet.`,
  reads: ['--maven-repo, FLINK_DOCTOR_MAVEN_REPO, ~/.m2/settings.xml mirrors (no network)'],
  needs: ['repository'],
  run({ repository }) {
    const url = repository.url.replace(/\/+$/, '');
    if (url === POLICY.mirror) return { status: 'ok', summary: `connectors come from the team mirror (${repository.source})` };
    return {
      status: 'error',
      summary: `connectors are resolved from ${url} (${repository.source}), not the team mirror`,
      fix:
        `Add a <mirror> of central with <url>${POLICY.mirror}</url> to ~/.m2/settings.xml` +
        ` (or set FLINK_DOCTOR_MAVEN_REPO=${POLICY.mirror}).`,
      facts: { repository: url, source: repository.source },
    };
  },
};

/** @type {import('flink-doctor').PluginCheck<import('flink-doctor').Facts, 'python'>} */
const pythonVersion = {
  id: 'plugin.jar-policy.python',
  title: `Python ${POLICY.python}, as the team's images`,
  group: 'Python',
  description: `The client Python is ${POLICY.python}, the version the platform team's Flink images run.`,
  reads: ['the client interpreter flink-doctor inspects (python.client)'],
  needs: ['python'],
  run({ python }) {
    if (!python.runs || !python.version) return { status: 'skipped', summary: 'no client Python ran (python.client says why)' };
    const minor = minorOf(python.version);
    if (minor === POLICY.python) return { status: 'ok', summary: `Python ${python.version}` };
    return {
      status: 'error',
      summary: `the client Python is ${python.version}; the team's images run ${POLICY.python}`,
      fix: `Create the venv with Python ${POLICY.python} (e.g. python${POLICY.python} -m venv .venv) and reinstall the job's requirements.`,
      facts: { python: python.version, required: POLICY.python },
    };
  },
};

export default definePlugin({
  apiVersion: 1,
  name: 'jar-policy',
  version: '1.0.0',
  checks: [allowedGroups, mirror, pythonVersion],
});
