// Inputs built to be as expensive as possible for flink-doctor at (or just past) each cap in src/engine/limits.ts:
// the shapes that cost most per byte in the YAML library, the PEP 508 parser, the XML parser and the zip reader.
// Shared by test/hostile/bounds-*.test.ts and scripts/bench-hostile.mjs, so the numbers in docs/bounds.md come from
// the same files the tests check.

/** Repeats `unit(i)` until the text is within 200 characters of `size`. */
export function fill(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length + 200 < size; i += 1) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** config.yaml shapes; each is just under `size` bytes. */
export function yamlShapes(size: number) {
  // Getters: a test that wants one 15 MiB shape builds that one, not all six (Object.entries still reads every one).
  return {
    // Flat settings, the shape of a real config grown huge.
    get keys() {
      return fill(size, (i) => `key.number${i}: value-${i}\n`);
    },
    get nested() {
      return fill(size, (i) => `a${i}:\n  b:\n    c:\n      d: v\n`);
    },
    get flowMaps() {
      return `k: [${fill(size - 10, (i) => `{a: ${i}}, `)}{}]\n`;
    },
    // Sixty open brackets (under the depth limit) around a long flow sequence.
    get deepFlow() {
      return `k: ${'['.repeat(60)}${fill(size - 200, () => 'a, ')}${']'.repeat(60)}\n`;
    },
    get newlines() {
      return fill(size, () => '\n');
    },
    get sequence() {
      return `k:\n${fill(size - 10, (i) => `  - item${i}\n`)}`;
    },
  };
}

/** A pipeline.jars value of `count` file: URLs, in config.yaml. */
export function pipelineJarsYaml(count: number): string {
  return `pipeline.jars: "${Array.from({ length: count }, (_, i) => `file:///opt/flink/usrlib/connector-number-${i}.jar`).join(';')}"\n`;
}

/**
 * Requires-Dist lines as costly as the PEP 508 limits allow: `parts` parts each (version clauses or marker
 * comparisons, every literal distinct so no comparison is answered from the cache), about `size` bytes in all.
 */
export function costlyRequiresDist(size: number, parts: number): string[] {
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i += 1) {
    const line =
      i % 2 === 0
        ? `dep${i} ${Array.from({ length: parts }, (_, k) => `!=${i}.${k}.1`).join(',')}`
        : `dep${i}; ${Array.from({ length: parts }, (_, k) => `python_version != "${i}.${k}"`).join(' and ')}`;
    lines.push(line);
    length += line.length + 16;
  }
  return lines;
}

/** requires.txt of `size` bytes: sections with markers and many requirement lines. */
export function requiresTxt(size: number): string {
  return fill(size, (i) => (i % 20 === 0 ? `[extra${i}:python_version < "3.${i % 13}"]\n` : `package-number-${i}>=1.${i},<2.${i}\n`));
}

/** settings.xml of about `size` bytes: many mirrors and servers, the central mirror last. */
export function settingsXml(size: number, centralUrl: string): string {
  const entries = fill(
    size - 600,
    (i) => `    <mirror><id>m${i}</id><mirrorOf>repo-${i}</mirrorOf><url>https://mirror-${i}.example/maven2</url></mirror>\n`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<settings>\n  <mirrors>\n${entries}    <mirror><id>corp</id><mirrorOf>central</mirrorOf><url>${centralUrl}</url></mirror>\n  </mirrors>\n</settings>\n`;
}

/** maven-metadata.xml listing versions until it is about `size` bytes. */
export function metadataXml(size: number, groupId: string, artifactId: string): string {
  const versions = fill(size - 400, (i) => `      <version>${Math.floor(i / 100)}.${i % 100}.0-1.20</version>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<metadata>\n  <groupId>${groupId}</groupId>\n  <artifactId>${artifactId}</artifactId>\n  <versioning>\n    <versions>\n${versions}    </versions>\n  </versioning>\n</metadata>\n`;
}

/** flink-doctor.config.json of about `size` bytes: the longest `ignore` list it accepts, with long reasons. */
export function doctorConfigJson(size: number, entries: number): string {
  const reason = 'x'.repeat(Math.max(1, Math.floor(size / entries) - 80));
  return JSON.stringify({ ignore: Array.from({ length: entries }, (_, i) => ({ check: 'jars.integrity', reason, match: `jar-${i}` })) });
}

/** Entries of a flink-sql-connector-kafka fat JAR of `version`, as Flink builds it, with stand-in class bytes. */
export function identifiedKafkaEntries(version: string): { name: string; data: string | Uint8Array }[] {
  const classBytes = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 55]), Buffer.alloc(100, 7)]);
  return [
    {
      name: 'META-INF/MANIFEST.MF',
      data: `Manifest-Version: 1.0\r\nImplementation-Version: ${version}\r\nImplementation-Vendor-Id: org.apache.flink\r\n\r\n`,
    },
    { name: 'META-INF/NOTICE', data: 'flink-sql-connector-kafka\n\n- org.apache.kafka:kafka-clients:3.4.0\n' },
    {
      name: 'META-INF/services/org.apache.flink.table.factories.Factory',
      data: 'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicTableFactory\n',
    },
    { name: 'org/apache/flink/streaming/connectors/kafka/table/KafkaDynamicTableFactory.class', data: classBytes },
    { name: 'org/apache/flink/kafka/shaded/org/apache/kafka/clients/consumer/KafkaConsumer.class', data: classBytes },
  ];
}

/** Dockerfiles just under `size` bytes, each the costliest of its kind for the Dockerfile reader (src/deploy/dockerfile.ts). */
export function dockerfileShapes(size: number) {
  const from = 'FROM flink:1.20.1-scala_2.12-java17\n';
  return {
    // Every RUN line a real one, split into words by shell-quote: pip, apt and a JAR download each.
    runLines:
      from +
      fill(
        size - 100,
        (i) =>
          `RUN pip install --no-cache-dir pkg${i}==1.${i} "other${i}>=2" && apt-get install -y python3.11 && curl -fsSL https://repo.example/x${i}.jar -o /opt/flink/lib/x${i}.jar\n`,
      ),
    // One RUN continued over every line: one joined line of the whole file.
    continuation: `${from}RUN ${fill(size - 100, (i) => `pip install p${i}==1 && \\\n    `)}true\n`,
    // Lines just under the shell splitter's line cap, of one-letter words.
    longLines: from + fill(size - 60_100, () => `RUN echo ${'a '.repeat(30_000)}\n`),
    // Each ARG default refers to the one before: values that would grow with the file if expansion nested.
    argChain: `ARG A0=x\n${fill(size - 200, (i) => `ARG A${i + 1}=\${A${i}}y\n`)}FROM flink:\${A1}\n`,
    envChain: `${from}ENV E0=x\n${fill(size - 200, (i) => `ENV E${i + 1}=\${E${i}}y PATH=/opt/e${i}/bin:\${PATH}\n`)}`,
    // Stages each built FROM the one before: the FROM chain is as long as the file allows.
    stageChain: `${from.replace('\n', ' AS s0\n')}${fill(size - 200, (i) => `FROM s${i} AS s${i + 1}\n`)}`,
    heredoc: `${from}RUN <<EOF\n${fill(size - 200, (i) => `pip install h${i}==1\n`)}EOF\n`,
  };
}

/** A docker-compose file of about `size` bytes: services with FLINK_PROPERTIES, JAR mounts and a command each. */
export function composeYaml(size: number): string {
  const service = (i: number) =>
    `  svc${i}:\n    image: flink:1.20.1-scala_2.12-java17\n    command: standalone-job --python /opt/job${i}.py\n` +
    `    environment:\n      FLINK_PROPERTIES: |\n        jobmanager.rpc.address: jm${i}\n        pipeline.jars: file:///opt/flink/usrlib/k${i}.jar\n` +
    `    volumes:\n      - ./jars/k${i}.jar:/opt/flink/lib/k${i}.jar\n      - ./conf${i}:/opt/flink/conf\n`;
  return `services:\n${fill(size - 20, service)}`;
}

/** Kubernetes manifests of about `size` bytes: as many FlinkDeployment documents as the document cap allows, then padding. */
export function manifestsYaml(size: number, documents: number): string {
  const doc = (i: number) =>
    `apiVersion: flink.apache.org/v1beta1\nkind: FlinkDeployment\nmetadata:\n  name: job${i}\nspec:\n  image: flink:1.20.1\n  flinkVersion: v1_20\n` +
    `  flinkConfiguration:\n    taskmanager.numberOfTaskSlots: "2"\n    env.java.opts.all: "--add-opens=java.base/java.lang=ALL-UNNAMED"\n` +
    `  job:\n    jarURI: local:///opt/flink/opt/flink-python-1.20.1.jar\n    entryClass: org.apache.flink.client.python.PythonDriver\n` +
    `    args: ["-pyclientexec", "/usr/local/bin/python3", "-py", "/opt/flink/usrlib/job${i}.py"]\n`;
  const docs: string[] = [];
  let length = 0;
  for (let i = 0; i < documents && length + 2_000 < size; i += 1) {
    docs.push(doc(i));
    length += docs[i]!.length + 4;
  }
  const body = docs.join('---\n');
  return `${body}---\n# ${'x'.repeat(Math.max(0, size - body.length - 100))}\n`;
}

/** A requirements file (python.requirements) of about `size` bytes of the costliest requirement lines. */
export function requirementsFile(size: number, parts: number): string {
  return costlyRequiresDist(size, parts).join('\n');
}

/** A Flink config whose JVM options value is as long as the config file's cap allows, of `-X` options. */
export function jvmOptionsYaml(size: number): string {
  return `env.java.opts.all: "${fill(size - 100, (i) => `-Dprop${i}=v --add-opens=java.base/p${i}=ALL-UNNAMED `)}"\n`;
}

/** python.archives tar entries (for test/helpers/archives.ts writeTar) that reach the entry cap and the byte cap together. */
export function capTarEntries(entries: number, bytes: number): { name: string; size: number; fill: number }[] {
  // Each entry costs its 512-byte header plus its data rounded up to 512 bytes.
  const size = Math.floor(bytes / entries) - 1024;
  return Array.from({ length: entries }, (_, i) => ({ name: `venv/lib/python3.11/site-packages/p${i % 300}/m${i}.py`, size, fill: 120 }));
}
