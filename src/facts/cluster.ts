// The running cluster as its JobManager's REST API describes it (--cluster URL).

export interface JvmInfo {
  /** As Flink prints it: "OpenJDK 64-Bit Server VM - Eclipse Adoptium - 17/17.0.15+6". */
  raw: string;
  /** Feature release read from the spec version after the last " - " (8 for "1.8/25.392-b08"). */
  major?: number;
  arch?: string;
  /** The JVM's start-up options (-Xmx…, --add-opens…). */
  options: string[];
}

export interface ClusterFact {
  /** not-requested: no --cluster; offline: --offline; unreachable: /config gave no Flink answer; read: it did. */
  status: 'not-requested' | 'offline' | 'unreachable' | 'read';
  /** The address as shown (userinfo removed). */
  url?: string;
  /** Why /config gave no answer (status unreachable), one line. */
  failure?: string;
  flinkVersion?: string;
  flinkRevision?: string;
  jvm?: JvmInfo;
  /** The JobManager's classpath (/jobmanager/environment): lib/*.jar and the user JARs of an application cluster. */
  classpath: string[];
  /** The effective configuration (/jobmanager/config). */
  config: Record<string, string>;
  taskManagers?: number;
  /** Endpoints that gave no usable answer while /config did, each with its one-line reason. */
  gaps: { endpoint: string; problem: string }[];
  /** The env var the auth header came from, when one was sent (its value is never kept). */
  authFrom?: string;
  /** Things worth saying that are not failures (an auth env var named but unset). */
  notes: string[];
}
