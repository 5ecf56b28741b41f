// The Dockerfile reader on files written here, shaped like apache/flink-docker's Dockerfiles and the
// flink-kubernetes-operator's examples/flink-python-example/Dockerfile (FROM flink:<tag>, apt python3,
// a python symlink, pip3 install apache-flink==…, JARs into /opt/flink/lib).
import { describe, expect, it } from 'vitest';
import { analyseDockerfile, expandVariables, readInstructions } from '../../src/deploy/dockerfile.js';

describe('readInstructions', () => {
  it('joins continuations, drops comment lines inside them and keeps the first line number', () => {
    const { instructions } = readInstructions(
      '# a comment\nFROM flink:1.20\n\nRUN set -ex; \\\n  apt-get update; \\\n  # why \\\n\n  echo done\nUSER flink\n',
    );
    expect(instructions.map((i) => [i.line, i.keyword])).toEqual([
      [2, 'FROM'],
      [4, 'RUN'],
      [9, 'USER'],
    ]);
    expect(instructions[1]?.args.replace(/\s+/g, ' ')).toBe('set -ex; apt-get update; echo done');
  });

  it('honours the escape directive and reads heredocs', () => {
    const { instructions } = readInstructions(
      '# escape=`\nFROM flink:2.2\nRUN echo a `\n  && echo b\nRUN <<EOF\npip install apache-flink==2.2.1\nEOF\nUSER flink',
    );
    expect(instructions[1]?.args.replace(/\s+/g, ' ')).toBe('echo a && echo b');
    expect(instructions[2]?.heredocs).toEqual(['pip install apache-flink==2.2.1']);
    expect(instructions[3]?.keyword).toBe('USER');
  });

  it('stays linear on a hostile file', () => {
    const text = `FROM x\n${'RUN echo a && \\\n'.repeat(50_000)}echo\n${'ARG A=1\nRUN echo $A\n'.repeat(20_000)}`;
    const started = performance.now();
    const facts = analyseDockerfile(text);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(facts.stages).toHaveLength(1);
  });
});

describe('expandVariables', () => {
  it('substitutes known names, defaults and alternatives, and marks unknown ones', () => {
    const vars = new Map([['V', '1.20.1']]);
    expect(expandVariables('flink:${V}-java${J:-17}', vars)).toEqual({ text: 'flink:1.20.1-java17', unresolved: false });
    expect(expandVariables('x${V:+set}$NOPE', vars)).toEqual({ text: 'xset$NOPE', unresolved: true });
  });
});

describe('analyseDockerfile', () => {
  it('reads the operator-style PyFlink image', () => {
    const facts = analyseDockerfile(`FROM flink:2.2
USER root
RUN apt-get update -y && \\
    apt-get install -y python3 python3-pip python3-dev && \\
    rm -rf /var/lib/apt/lists/* && \\
    ln -s /usr/bin/python3 /usr/bin/python
RUN pip3 install --break-system-packages apache-flink==2.2.0
USER flink
RUN mkdir /opt/flink/usrlib
ADD job.py /opt/flink/usrlib/job.py
`);
    expect(facts.flinkImage).toMatchObject({
      ref: { repository: 'flink', tag: '2.2' },
      tag: { flinkVersion: '2.2', floating: 'minor-only' },
      line: 1,
    });
    expect(facts.packages.map((p) => p.name)).toEqual(['python3', 'python3-pip', 'python3-dev']);
    expect(facts.pythonAlias).toBe(true);
    expect(facts.pip).toEqual([{ specs: ['apache-flink==2.2.0'], requirementFiles: [], line: 7 }]);
  });

  it('resolves ARG defaults, follows FROM <stage> and finds JARs downloaded, copied and COPYed', () => {
    const facts = analyseDockerfile(`ARG FLINK=1.20.1
ARG BASE=flink:\${FLINK}-scala_2.12-java17
FROM \${BASE} AS flink
ARG FLINK
ENV PY=3.11.9
RUN wget https://www.python.org/ftp/python/\${PY}/Python-\${PY}.tgz && tar -xf Python-\${PY}.tgz && cd Python-\${PY} && ./configure --enable-shared && make install
RUN python3.11 -m pip install "apache-flink==\${FLINK}" -r /tmp/req.txt && ln -sf /usr/local/bin/python3.11 /usr/bin/python
FROM flink
RUN wget -P lib https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kafka/3.3.0-1.20/flink-sql-connector-kafka-3.3.0-1.20.jar; \\
  # comment \\
  cp /opt/flink/opt/flink-python-1.20.1.jar lib/
COPY --chown=flink ./jars/*.jar $FLINK_HOME/usrlib/
`);
    expect(facts.flinkImage?.tag).toEqual({ flinkVersion: '1.20.1', scala: '2.12', java: 17, floating: false });
    expect(facts.pythonInstalls.map((p) => p.version)).toEqual(['3.11.9']);
    expect(facts.sharedLibpython).toBe(true);
    expect(facts.pip).toEqual([{ python: 'python3.11', specs: ['apache-flink==1.20.1'], requirementFiles: ['/tmp/req.txt'], line: 7 }]);
    expect(facts.jars.map((j) => [j.name, j.dir, j.how, j.line])).toEqual([
      ['flink-sql-connector-kafka-3.3.0-1.20.jar', '/opt/flink/lib', 'download', 9],
      ['flink-python-1.20.1.jar', '/opt/flink/lib', 'copy', 9],
      ['*.jar', '/opt/flink/usrlib', 'copy', 12],
    ]);
  });

  it('reports what it cannot resolve instead of guessing', () => {
    const facts = analyseDockerfile('ARG TAG\nFROM flink:${TAG}\n');
    expect(facts.unresolved).toEqual([{ line: 2, text: 'flink:${TAG}' }]);
    expect(analyseDockerfile('RUN echo hi\n').problems).toContain('no FROM instruction: not a Dockerfile');
  });

  it('keeps an unknown $NAME in a RUN line as written, and a FROM follows only an earlier stage of that name', () => {
    const unknown = analyseDockerfile('FROM flink:1.20\nRUN pip install "apache-flink==${NOPE}" $ALSO\n');
    expect(unknown.pip).toEqual([{ specs: ['apache-flink==${NOPE}', '${ALSO}'], requirementFiles: [], line: 2 }]);
    // Two stages named "base": FROM base is the first of them.
    const first = analyseDockerfile('FROM flink:1.19 AS base\nFROM python:3.10 AS base\nFROM base AS app\nFROM app\n');
    expect(first.flinkImage?.line).toBe(1);
    // "later" is named after the FROM that names it: that FROM is an image of its own.
    const later = analyseDockerfile('FROM later\nFROM python:3.12 AS later\nFROM later AS app\nFROM flink:1.20 AS later\n');
    expect(later.stages.map((stage) => stage.image)).toEqual(['later', 'python:3.12', 'later', 'flink:1.20']);
    expect(later.flinkImage?.line).toBe(4);
    const chain = analyseDockerfile('FROM later\nFROM python:3.12 AS later\nFROM later\n');
    expect(chain.pythonImage).toEqual({ version: '3.12', line: 2 });
  });

  it('knows a python:<version> base and pip of another interpreter', () => {
    const facts = analyseDockerfile('FROM python:3.10-slim\nRUN pip install "apache-flink>=1.20,<1.21" pyarrow==20.0.0\n');
    expect(facts.pythonImage).toEqual({ version: '3.10', line: 1 });
    expect(facts.flinkImage).toBeUndefined();
    expect(facts.pip[0]?.specs).toEqual(['apache-flink>=1.20,<1.21', 'pyarrow==20.0.0']);
  });

  it('a venv whose bin/ is on PATH provides `python` (the docs/ci.md image)', () => {
    const facts = analyseDockerfile(
      'FROM flink:2.2.1-java17\nRUN python3 -m venv /opt/venv && /opt/venv/bin/pip install "apache-flink==2.2.1"\nENV PATH=/opt/venv/bin:$PATH\n',
    );
    expect(facts.venvs).toEqual([{ dir: '/opt/venv', line: 2 }]);
    expect(facts.pythonAlias).toBe(true);
    expect(facts.pip[0]?.specs).toEqual(['apache-flink==2.2.1']);
    expect(analyseDockerfile('FROM flink:2.2.1-java17\nRUN python3 -m venv /opt/venv\n').pythonAlias).toBe(false);
  });
});
