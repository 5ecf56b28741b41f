// Milliseconds on a monotonic clock, for durations and deadlines. The global `performance` loads perf_hooks on its
// first use (~1.5 ms of CPU on Node 24, and the early start timed its first spawn with it, before python was running);
// process.hrtime needs no module.
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
