// The registry: every check, in report order. Adding a check = one file in checks/ + one line here.
import type { Check } from '../src/engine/check.js';
import flinkHome from './flink-home.js';
import jarsIntegrity from './jars-integrity.js';
import jarsUpdates from './jars-updates.js';
import javaRuntime from './java-runtime.js';
import pyflinkDependencies from './pyflink-dependencies.js';
import pyflinkInstall from './pyflink-install.js';
import pythonClient from './python-client.js';

export const allChecks: Check[] = [
  javaRuntime,
  pythonClient,
  pyflinkInstall,
  pyflinkDependencies,
  flinkHome,
  jarsUpdates,
  jarsIntegrity,
];
