// Loaded with `node --import` into the doctor under test: appends the file of every process it starts to the file
// named by FLINK_DOCTOR_SPAWNS_FILE, without strace (the in-process twin is recordSpawns in test/helpers/spawns.ts).
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const childProcess = createRequire(import.meta.url)('node:child_process');
const original = childProcess.spawn;
childProcess.spawn = function spawn(file, ...rest) {
  if (process.env.FLINK_DOCTOR_SPAWNS_FILE) appendFileSync(process.env.FLINK_DOCTOR_SPAWNS_FILE, `${String(file)}\n`);
  return original.call(this, file, ...rest);
};
syncBuiltinESMExports();
