// The registry: every check, in report order. Adding a check = one file in checks/ + one line here.
import type { Check } from '../src/engine/check.js';
import flinkHome from './flink-home.js';
import jarsIntegrity from './jars-integrity.js';
import jarsUpdates from './jars-updates.js';
import javaRuntime from './java-runtime.js';

export const allChecks: Check[] = [
  javaRuntime,
  // python.client, pyflink.install, pyflink.dependencies
  flinkHome,
  jarsUpdates,
  jarsIntegrity,
];
