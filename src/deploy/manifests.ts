// Kubernetes manifests: flink-kubernetes-operator FlinkDeployment and FlinkSessionJob resources (spec.image,
// spec.flinkVersion, spec.flinkConfiguration, spec.job.jarURI/entryClass/args), and the container images of
// plain workloads that run an official Flink image (standalone Flink on Kubernetes). Field names follow the
// operator's CRD (flink-kubernetes-operator-api …/spec/FlinkDeploymentSpec, JobSpec, FlinkVersion).
import { parsePythonArgs, type PythonArgs } from './flink-args.js';
import { parseFlinkTag, parseImageRef, isFlinkRepository, type FlinkImageTag, type ImageRef } from './image-ref.js';
import { flattenStrings, isRecord, readYamlDocuments } from './yaml-docs.js';

export interface ManifestResource {
  kind: 'FlinkDeployment' | 'FlinkSessionJob' | 'workload';
  name: string;
  line?: number;
  image?: { ref: ImageRef; tag?: FlinkImageTag; official: boolean; line?: number };
  /** spec.flinkVersion as written ("v1_20") and the Flink minor it names. */
  flinkVersion?: { value: string; minor?: string; line?: number };
  config: Record<string, string>;
  job?: { jarURI?: string; entryClass?: string; args: string[]; python: PythonArgs; line?: number };
  /** FlinkSessionJob: the session FlinkDeployment it runs on. */
  deploymentName?: string;
}

export interface ManifestFacts {
  resources: ManifestResource[];
  problems: string[];
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'Job', 'Pod', 'DaemonSet', 'ReplicaSet']);

export async function analyseManifests(text: string, label: string): Promise<ManifestFacts> {
  const file = await readYamlDocuments(text, label);
  const facts: ManifestFacts = { resources: [], problems: file.problems };
  for (const { data, doc } of file.docs) {
    if (!isRecord(data) || typeof data.kind !== 'string') continue;
    const at = (...path: (string | number)[]) => file.lineOf(doc, path);
    const name = isRecord(data.metadata) && typeof data.metadata.name === 'string' ? data.metadata.name : '(unnamed)';
    const spec = isRecord(data.spec) ? data.spec : {};
    if (data.kind === 'FlinkDeployment' || data.kind === 'FlinkSessionJob') {
      facts.resources.push(operatorResource(data.kind, name, spec, at));
    } else if (WORKLOADS.has(data.kind)) {
      facts.resources.push(...workloadImages(name, data.kind, spec, at));
    }
  }
  return facts;
}

type At = (...path: (string | number)[]) => number | undefined;

function operatorResource(
  kind: 'FlinkDeployment' | 'FlinkSessionJob',
  name: string,
  spec: Record<string, unknown>,
  at: At,
): ManifestResource {
  const resource: ManifestResource = {
    kind,
    name,
    line: at('kind'),
    config: isRecord(spec.flinkConfiguration) ? flattenStrings(spec.flinkConfiguration) : {},
  };
  if (typeof spec.image === 'string') {
    const ref = parseImageRef(spec.image);
    if (ref) resource.image = imageOf(ref, at('spec', 'image'));
  }
  if (typeof spec.flinkVersion === 'string') {
    const match = /^v(\d+)_(\d+)$/.exec(spec.flinkVersion);
    resource.flinkVersion = {
      value: spec.flinkVersion,
      ...(match ? { minor: `${match[1]}.${match[2]}` } : {}),
      line: at('spec', 'flinkVersion'),
    };
  }
  if (typeof spec.deploymentName === 'string') resource.deploymentName = spec.deploymentName;
  if (isRecord(spec.job)) {
    const job = spec.job;
    const args = Array.isArray(job.args) ? job.args.map(String) : [];
    resource.job = {
      ...(typeof job.jarURI === 'string' ? { jarURI: job.jarURI } : {}),
      ...(typeof job.entryClass === 'string' ? { entryClass: job.entryClass } : {}),
      args,
      python: parsePythonArgs(args),
      line: at('spec', 'job'),
    };
  }
  return resource;
}

function workloadImages(name: string, kind: string, spec: Record<string, unknown>, at: At): ManifestResource[] {
  const podPath = kind === 'Pod' ? ['spec'] : ['spec', 'template', 'spec'];
  const pod = kind === 'Pod' ? spec : isRecord(spec.template) && isRecord(spec.template.spec) ? spec.template.spec : {};
  const containers = Array.isArray(pod.containers) ? pod.containers : [];
  const out: ManifestResource[] = [];
  containers.forEach((container, i) => {
    if (!isRecord(container) || typeof container.image !== 'string') return;
    const ref = parseImageRef(container.image);
    if (!ref || !isFlinkRepository(ref.repository)) return;
    out.push({
      kind: 'workload',
      name: `${kind}/${name}`,
      line: at(...podPath, 'containers', i),
      image: imageOf(ref, at(...podPath, 'containers', i, 'image')),
      config: {},
    });
  });
  return out;
}

function imageOf(ref: ImageRef, line: number | undefined): NonNullable<ManifestResource['image']> {
  const official = isFlinkRepository(ref.repository);
  const tag = official ? parseFlinkTag(ref.tag) : undefined;
  return { ref, ...(tag ? { tag } : {}), official, ...(line ? { line } : {}) };
}
