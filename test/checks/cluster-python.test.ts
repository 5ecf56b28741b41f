// cluster.python: its decision table on built facts (the JobManager's configuration against the client's).
import { describe, expect, it } from 'vitest';
import clusterPython from '../../checks/cluster-python.js';
import { buildFacts, decide } from '../helpers/facts.js';
import { clusterOf as cluster } from '../helpers/cluster-facts.js';

describe('cluster.python decisions (built facts)', () => {
  it("the cluster's python.executable names another minor than the client's", () => {
    const facts = buildFacts({ cluster: cluster({ config: { 'python.executable': '/usr/bin/python3.10' } }) });
    expect(decide(clusterPython, facts)).toMatchObject({
      status: 'error',
      summary:
        'the workers run python.executable /usr/bin/python3.10 (the cluster\'s config), Python 3.10, the client Python 3.11: cloudpickled UDFs fail ("code expected at most 16 arguments, got 18")',
    });
  });

  it("the client's own python.executable wins for the job", () => {
    const facts = buildFacts({
      cluster: cluster({ config: { 'python.executable': '/usr/bin/python3.10' } }),
      flinkConfig: { values: { 'python.executable': '/opt/py311/bin/python3.11' } },
    });
    const outcome = decide(clusterPython, facts);
    expect(outcome.status).toBe('ok');
    expect(outcome.details?.[0]).toBe(
      "python.executable: cluster /usr/bin/python3.10, client /opt/py311/bin/python3.11 (the job's value wins for the job)",
    );
  });

  it('nothing set anywhere: ok, with what cannot be seen from here', () => {
    const outcome = decide(clusterPython, buildFacts({ cluster: cluster() }));
    expect(outcome.summary).toBe("the workers run python from the TaskManagers' PATH (python.executable is unset on both sides)");
  });
});

describe('cluster.python decisions: more branches (built facts)', () => {
  it('an interpreter whose name says no minor: ok, with what cannot be seen from here', () => {
    const outcome = decide(clusterPython, buildFacts({ cluster: cluster({ config: { 'python.executable': 'venv/bin/python' } }) }));
    expect(outcome.status).toBe('ok');
    expect(outcome.details).toContain('its version cannot be seen from here: check it on a TaskManager');
  });

  it('the same minor as the client: ok, saying so; no configuration shown: skipped', () => {
    expect(
      decide(clusterPython, buildFacts({ cluster: cluster({ config: { 'python.executable': '/usr/bin/python3.11' } }) })).summary,
    ).toBe("the workers run python.executable /usr/bin/python3.11 (the cluster's config): Python 3.11, as the client");
    expect(
      decide(clusterPython, buildFacts({ cluster: cluster({ gaps: [{ endpoint: '/jobmanager/config', problem: 'HTTP 500' }] }) })).summary,
    ).toBe('the JobManager did not show its configuration');
  });
});
