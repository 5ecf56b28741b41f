// Before each test file (vitest setupFiles): with `isolate: false` the helper modules are loaded once per worker,
// so per-file clean-up is registered here rather than at their import.
import fc from 'fast-check';
import { afterAll } from 'vitest';
import { recordFileCost } from './helpers/file-cost.js';
import { removeTempDirs } from './helpers/tmp.js';

afterAll(removeTempDirs);
recordFileCost();

// FLINK_DOCTOR_FUZZ_SEED fixes fast-check's seed for every property: .ci/run derives it from the commit, so a CI
// run can be repeated exactly (and run before a change lands) while each commit still explores new cases.
const seed = Number(process.env.FLINK_DOCTOR_FUZZ_SEED);
if (process.env.FLINK_DOCTOR_FUZZ_SEED && Number.isSafeInteger(seed)) fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
