// deploy.version: its decision table on deployment facts read from text (test/fixtures/deploy: each mismatch with its
// healthy twin; more cases written here), by the real deploy reader: no Docker, no Kubernetes, milliseconds. The
// readers' own tests: test/deploy/dockerfile.test.ts and test/deploy/yaml-files.test.ts.
import { describe, expect, it } from 'vitest';
import deployVersion from '../../checks/deploy-version.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { deployFacts, fixtureFacts } from '../helpers/deploy-facts.js';

describe('deploy.version decisions (fixtures)', () => {
  it('FROM flink:1.16.3 with pip apache-flink==1.17.2: another minor, both named with their lines', async () => {
    const outcome = decide(deployVersion, await fixtureFacts('version-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'pip apache-flink==1.17.2 (Dockerfile:4) says 1.17.2, image flink:1.16.3-scala_2.12-java11 (Dockerfile:1) says 1.16.3: another Flink minor',
    );
    expect(outcome.fix).toBe('Pin apache-flink==1.16.3 in Dockerfile:4');
    expect(outcome.locations?.map((l) => l.line)).toEqual([4, 1]);
    expect(decide(deployVersion, await fixtureFacts('version-minor-ok')).status).toBe('ok');
  });

  it('the client wheel is one of the statements', async () => {
    const outcome = decide(deployVersion, await fixtureFacts('version-minor-ok', { wheel: '1.20.1' }));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'the client wheel apache-flink 1.20.1 says 1.20.1, image flink:1.17.2-scala_2.12-java11 (Dockerfile:1) says 1.17.2: another Flink minor',
    );
    expect(outcome.fix).toBe('Install the deployment\'s release in the client: pip install "apache-flink==1.17.2"');
  });

  it('the operator example shape: FROM flink:2.2 pulls 2.2.1 today while pip pins 2.2.0', async () => {
    const outcome = decide(deployVersion, await fixtureFacts('version-patch'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toBe(
      'pip apache-flink==2.2.0 (Dockerfile:7) says 2.2.0, image flink:2.2 (Dockerfile:1) pulls 2.2.1 today (newest 2.2 patch flink-doctor knows): another patch',
    );
    expect(outcome.fix).toBe('Pin apache-flink==2.2.1 in Dockerfile:7');
    expect(decide(deployVersion, await fixtureFacts('version-patch-ok', { wheel: '2.2.1' })).status).toBe('ok');
  });

  it('spec.flinkVersion v1_19 with a 1.20 image', async () => {
    const outcome = decide(deployVersion, await fixtureFacts('manifest-minor'));
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'spec.flinkVersion v1_19 (flink-deployment.yaml:7) says 1.19, image flink:1.20.1-java17 (flink-deployment.yaml:6) says 1.20.1: another Flink minor',
    );
    expect(outcome.fix).toBe('Set spec.flinkVersion: v1_20 in flink-deployment.yaml:7');
    expect(decide(deployVersion, await fixtureFacts('manifest-minor-ok')).status).toBe('ok');
  });

  it('flink:latest and an unpinned pip line are warnings; a range that holds the image is fine', async () => {
    const outcome = decide(deployVersion, await fixtureFacts('unpinned'));
    expect(outcome.status).toBe('warning');
    expect(outcome.summary).toMatch(/^image flink:latest \(Dockerfile:1\) names no Flink version/);
    expect(outcome.details?.[0]).toMatch(/^pip apache-flink \(Dockerfile:4\) has no version/);
    expect(decide(deployVersion, await fixtureFacts('unpinned-ok')).status).toBe('ok');
  });

  it('no deployment files: skipped', () => {
    expect(decide(deployVersion, buildFacts()).status).toBe('skipped');
  });
});

describe('deploy.version decisions: more statements (built from text)', () => {
  it("a pip range that excludes the image's release is an error; one that holds it is fine", async () => {
    const outcome = decide(
      deployVersion,
      await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nRUN pip3 install "apache-flink<1.20"\n' }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.summary).toBe(
      'pip apache-flink<1.20 (Dockerfile:2) does not allow 1.20.1, the release of image flink:1.20.1-java11 (Dockerfile:1)',
    );
    expect(outcome.fix).toBe('Pin apache-flink==1.20.1 in Dockerfile:2');
    expect(
      decide(deployVersion, await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nRUN pip3 install "apache-flink>=1.20,<1.21"\n' }))
        .status,
    ).toBe('ok');
  });

  it('every statement agreeing is ok and counted; none at all is ok, saying nothing is stated', async () => {
    const outcome = decide(
      deployVersion,
      await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nRUN pip3 install apache-flink==1.20.1\n' }, { wheel: '1.20.1' }),
    );
    expect(outcome).toMatchObject({ status: 'ok', summary: 'every place states Flink 1.20.1 (3 statements)' });
    expect(decide(deployVersion, await deployFacts({ Dockerfile: 'FROM ubuntu:22.04\nRUN echo hi\n' })).summary).toBe(
      'no Flink version is stated in the deployment files',
    );
  });

  it('several findings: the first is the summary, all fixes are listed once, every place is a location', async () => {
    const outcome = decide(
      deployVersion,
      await deployFacts({ Dockerfile: 'FROM flink:1.20.1-java11\nRUN pip3 install apache-flink==1.19.3\n' }, { wheel: '1.18.1' }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.details?.[0]).toContain('the client wheel apache-flink 1.18.1 says 1.18.1');
    expect(outcome.fix?.split('\n')).toEqual([
      'Pin apache-flink==1.20.1 in Dockerfile:2',
      'Install the deployment\'s release in the client: pip install "apache-flink==1.20.1"',
    ]);
    expect(outcome.locations?.map((l) => l.line)).toEqual([2, 1, 1]);
  });
});
