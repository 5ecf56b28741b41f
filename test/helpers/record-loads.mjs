// Loaded with `node --import` into the doctor under test: registers a module hook that appends the URL of every
// module the process loads to the file named by FLINK_DOCTOR_LOADS_FILE (test/cli/lazy-load.test.ts).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (process.env.FLINK_DOCTOR_LOADS_FILE) appendFileSync(process.env.FLINK_DOCTOR_LOADS_FILE, url + '\\n');
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
