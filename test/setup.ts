// Before each test file (vitest setupFiles): with `isolate: false` the helper modules are loaded once per worker,
// so per-file clean-up is registered here rather than at their import.
import { afterAll } from 'vitest';
import { recordFileCost } from './helpers/file-cost.js';
import { removeTempDirs } from './helpers/tmp.js';

afterAll(removeTempDirs);
recordFileCost();
