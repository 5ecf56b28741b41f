// docker-compose files and Kubernetes manifests written here, modelled on the flink-kubernetes-operator's
// examples (examples/flink-python-example/python-example.yaml, examples/basic-session-job-only.yaml) and the
// Flink docs' docker-compose session cluster (FLINK_PROPERTIES, a jobmanager and a taskmanager service).
import { describe, expect, it } from 'vitest';
import { analyseCompose } from '../../src/deploy/compose.js';
import { parsePythonArgs } from '../../src/deploy/flink-args.js';
import { parseFlinkTag, parseImageRef } from '../../src/deploy/image-ref.js';
import { analyseManifests } from '../../src/deploy/manifests.js';

describe('image references and flink-docker tags', () => {
  it('splits registry, repository, tag and digest like Docker', () => {
    expect(parseImageRef('registry:5000/team/flink:1.20@sha256:ab')).toEqual({
      raw: 'registry:5000/team/flink:1.20@sha256:ab',
      repository: 'registry:5000/team/flink',
      tag: '1.20',
      digest: 'sha256:ab',
    });
    expect(parseImageRef('flink')).toEqual({ raw: 'flink', repository: 'flink' });
  });

  it('reads every tag shape flink-docker publishes', () => {
    expect(parseFlinkTag('1.20.1-scala_2.12-java17')).toEqual({ flinkVersion: '1.20.1', scala: '2.12', java: 17, floating: false });
    expect(parseFlinkTag('2.2-java21')).toEqual({ flinkVersion: '2.2', java: 21, floating: 'minor-only' });
    expect(parseFlinkTag('1.19.3')).toEqual({ flinkVersion: '1.19.3', floating: false });
    expect(parseFlinkTag('scala_2.12-java11')).toEqual({ scala: '2.12', java: 11, floating: 'no-version' });
    expect(parseFlinkTag('latest')).toEqual({ floating: 'no-version' });
    expect(parseFlinkTag(undefined)).toEqual({ floating: 'no-version' });
    expect(parseFlinkTag('1.20-custom')).toBeUndefined();
  });
});

describe('flink run / PythonDriver arguments', () => {
  it('reads short and long forms, = values, lists and -D', () => {
    expect(
      parsePythonArgs([
        '-pyclientexec',
        '/usr/bin/python3',
        '-py',
        '/opt/flink/usrlib/job.py',
        '--pyFiles=a.py,lib.zip',
        '-pyarch',
        'venv.zip#venv',
        '-pyexec',
        'venv/bin/python',
        '-pyreq',
        'req.txt#cache',
        '-D',
        'python.execution-mode=thread',
        '--',
        'x',
      ]),
    ).toEqual({
      python: '/opt/flink/usrlib/job.py',
      pyClientExecutable: '/usr/bin/python3',
      pyFiles: ['a.py', 'lib.zip'],
      pyArchives: ['venv.zip#venv'],
      pyExecutable: 'venv/bin/python',
      pyRequirements: { file: 'req.txt', cacheDir: 'cache' },
      jarFiles: [],
      dynamic: { 'python.execution-mode': 'thread' },
    });
  });
});

describe('docker-compose', () => {
  it('reads images, build contexts, FLINK_PROPERTIES and JAR mounts with their lines', async () => {
    const facts = await analyseCompose(
      `services:
  jobmanager:
    image: flink:1.20.1-scala_2.12-java11
    command: jobmanager
    environment:
      - |
        FLINK_PROPERTIES=jobmanager.rpc.address: jobmanager
        python.executable: /usr/bin/python3
  taskmanager:
    build:
      context: ./image
      dockerfile: Dockerfile.flink
    volumes:
      - ./jars/flink-sql-connector-kafka-3.3.0-1.20.jar:/opt/flink/lib/flink-sql-connector-kafka-3.3.0-1.20.jar:ro
      - ./data:/data
`,
      'docker-compose.yml',
    );
    expect(facts.problems).toEqual([]);
    const [jm, tm] = facts.services;
    expect(jm).toMatchObject({
      name: 'jobmanager',
      image: { official: true, tag: { flinkVersion: '1.20.1', java: 11 }, line: 3 },
      flinkProperties: { 'python.executable': '/usr/bin/python3' },
    });
    expect(tm).toMatchObject({
      build: { context: './image', dockerfile: 'Dockerfile.flink', line: 11 },
      mounts: [{ target: '/opt/flink/lib/flink-sql-connector-kafka-3.3.0-1.20.jar' }],
    });
  });

  it('refuses hostile YAML with one line', async () => {
    expect((await analyseCompose(`services: ${'['.repeat(100_000)}`, 'c.yml')).problems).toEqual([
      'c.yml nests more than 64 levels deep: not read',
    ]);
    // Block nesting too: "- - - …" overflowed the composer's stack ("Maximum call stack size exceeded" as a finding).
    expect((await analyseCompose(`services:\n  jm:\n    command:\n      ${'- '.repeat(50_000)}x\n`, 'c.yml')).problems).toEqual([
      'c.yml nests more than 64 levels deep: not read',
    ]);
    expect((await analyseCompose('services:\n  a: [\n', 'c.yml')).problems[0]).toMatch(/^c\.yml:\d+: not valid YAML/);
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`;
    expect((await analyseCompose(bomb, 'c.yml')).problems[0]).toMatch(/^c\.yml: /);
  });
});

describe('Kubernetes manifests', () => {
  it('reads FlinkDeployment, FlinkSessionJob and plain workloads across documents', async () => {
    const facts = await analyseManifests(
      `apiVersion: flink.apache.org/v1beta1
kind: FlinkDeployment
metadata:
  name: python-example
spec:
  image: flink:1.20
  flinkVersion: v1_20
  flinkConfiguration:
    taskmanager.numberOfTaskSlots: 1
    python:
      executable: /usr/bin/python3
  job:
    jarURI: local:///opt/flink/opt/flink-python-1.20.1.jar
    entryClass: "org.apache.flink.client.python.PythonDriver"
    args: ["-pyclientexec", "/usr/bin/python3", "-py", "/opt/flink/usrlib/job.py"]
---
apiVersion: flink.apache.org/v1beta1
kind: FlinkSessionJob
metadata:
  name: session-job
spec:
  deploymentName: session
  job:
    jarURI: https://repo1.maven.org/maven2/org/apache/flink/flink-python/1.19.3/flink-python-1.19.3.jar
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: flink-taskmanager
spec:
  template:
    spec:
      containers:
        - name: taskmanager
          image: flink:1.20.1-java17
`,
      'k8s.yaml',
    );
    expect(facts.problems).toEqual([]);
    const [deployment, sessionJob, workload] = facts.resources;
    expect(deployment).toMatchObject({
      kind: 'FlinkDeployment',
      name: 'python-example',
      line: 2,
      image: { tag: { flinkVersion: '1.20' }, line: 6 },
      flinkVersion: { value: 'v1_20', minor: '1.20', line: 7 },
      config: { 'taskmanager.numberOfTaskSlots': '1', 'python.executable': '/usr/bin/python3' },
    });
    expect(deployment?.job).toMatchObject({
      jarURI: 'local:///opt/flink/opt/flink-python-1.20.1.jar',
      python: { python: '/opt/flink/usrlib/job.py', pyClientExecutable: '/usr/bin/python3' },
    });
    expect(sessionJob).toMatchObject({ kind: 'FlinkSessionJob', deploymentName: 'session' });
    expect(workload).toMatchObject({
      kind: 'workload',
      name: 'Deployment/flink-taskmanager',
      image: { tag: { flinkVersion: '1.20.1', java: 17 }, line: 35 },
    });
  });
});
