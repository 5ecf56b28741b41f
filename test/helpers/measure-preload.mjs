// Loaded with `node --import` into the doctor under test: at exit it writes the process's own CPU time and peak
// resident memory to the file named by FLINK_DOCTOR_MEASURE_FILE. CPU time, not wall time, is what the bounds are
// checked against: the test machine is shared, and other work there stretches wall time but not CPU time.
import { writeFileSync } from 'node:fs';

const file = process.env.FLINK_DOCTOR_MEASURE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({ cpuMs: Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000), maxRssMB: Math.round(usage.maxRSS / 1024) }),
    );
  });
}
