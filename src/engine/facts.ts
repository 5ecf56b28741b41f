// A memoising store of facts: each probe runs at most once per run, however many checks need it,
import { nowMs } from '../util/clock.js';
// and probes that depend on each other simply ask the store (so independent ones run concurrently).

export type ProbeMap<F> = { [K in keyof F]: (get: <J extends keyof F>(key: J) => Promise<F[J]>) => Promise<F[K]> };

export class FactStore<F> {
  private readonly pending = new Map<keyof F, Promise<unknown>>();
  private readonly timings = new Map<keyof F, number>();

  constructor(private readonly probes: ProbeMap<F>) {}

  get = <K extends keyof F>(key: K): Promise<F[K]> => {
    let promise = this.pending.get(key) as Promise<F[K]> | undefined;
    if (!promise) {
      const started = nowMs();
      const probe = this.probes[key];
      // Run on the next microtask so a probe that throws synchronously still becomes a rejected promise.
      promise = Promise.resolve()
        .then(() => probe(this.get))
        .finally(() => this.timings.set(key, Math.round(nowMs() - started)));
      // Avoid unhandled-rejection noise for facts nobody awaited to the end; consumers still see the error.
      promise.catch(() => undefined);
      this.pending.set(key, promise);
    }
    return promise;
  };

  /** Milliseconds each probe took, for --verbose. */
  probeTimings(): Record<string, number> {
    return Object.fromEntries([...this.timings].map(([key, ms]) => [String(key), ms]));
  }
}
