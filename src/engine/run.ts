// Runs the selected checks against one fact store and returns results in registry order (main passes it).
// A check (or a probe it needs) that throws, rejects or hangs becomes an `error` result for that check; the run goes on.
import type { Check, CheckContext } from './check.js';
import { errorMessage } from './errors.js';
import type { FactStore } from './facts.js';
import type { CheckResult, Outcome } from './model.js';
import { nowMs } from '../util/clock.js';

/**
 * How long a check waits for all its facts. Every probe bounds its own work (processTimeoutMs per spawned
 * process, connect/request timeouts on the network), so this only catches a probe that hangs anyway.
 */
const FACT_TIMEOUT_MS = 120_000;

export interface RunContext extends CheckContext {
  /** Overrides FACT_TIMEOUT_MS (tests). */
  factTimeoutMs?: number;
}

export interface RunSelection {
  only: readonly string[];
  skip: readonly string[];
}

/** Checks to run and checks skipped by --skip (shown as skipped); --only drops the rest from the report. */
export function selectChecks<C extends { id: string }>(all: readonly C[], selection: RunSelection): { run: C[]; skipped: C[] } {
  const wanted = (check: C, patterns: readonly string[]) => patterns.some((p) => matchesId(check.id, p));
  const inScope = selection.only.length > 0 ? all.filter((c) => wanted(c, selection.only)) : [...all];
  return {
    run: inScope.filter((c) => !wanted(c, selection.skip)),
    skipped: inScope.filter((c) => wanted(c, selection.skip)),
  };
}

/** "java.runtime" matches itself; "jars" or "jars.*" matches every jars.* check. */
export function matchesId(id: string, pattern: string): boolean {
  const prefix = pattern.endsWith('.*') ? pattern.slice(0, -2) : pattern;
  return id === prefix || id.startsWith(`${prefix}.`);
}

/** Asks for every fact the checks need, so all probes start at once, before any check waits. Idempotent. */
export function startProbes<F>(checks: readonly Check<F>[], store: FactStore<F>): void {
  const keys = new Set<keyof F>(checks.flatMap((c) => c.needs));
  for (const key of keys) void store.get(key);
}

export async function runChecks<F>(
  checks: readonly Check<F>[],
  skippedByFlag: readonly Check<F>[],
  store: FactStore<F>,
  ctx: RunContext,
  /** The order results are reported in (the registry's); defaults to run-then-skipped. */
  registryOrder?: readonly Check<F>[],
): Promise<CheckResult[]> {
  startProbes(checks, store);

  const results = await Promise.all(checks.map((check) => runOne(check, store, ctx)));
  const skipped = skippedByFlag.map((check) => toResult(check, { status: 'skipped', summary: 'skipped by --skip' }, 0));
  const order = new Map((registryOrder ?? checks.concat(skippedByFlag)).map((c, i) => [c.id, i]));
  return [...results, ...skipped].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

async function runOne<F>(check: Check<F>, store: FactStore<F>, ctx: RunContext): Promise<CheckResult> {
  const started = nowMs();
  const limit = ctx.factTimeoutMs ?? FACT_TIMEOUT_MS;
  const late = `no answer within ${limit >= 1000 ? `${Math.round(limit / 1000)} s` : `${limit} ms`}`;
  const facts: Partial<F> = {};
  for (const key of check.needs) {
    try {
      (facts as Record<keyof F, unknown>)[key] = await within(store.get(key), started + limit - nowMs(), late);
    } catch (error) {
      return toResult(check, failure(`could not gather ${String(key)}`, error), nowMs() - started);
    }
  }
  try {
    const outcome = check.run(facts as F, { matrix: ctx.matrix, strict: ctx.strict });
    return toResult(check, outcome, nowMs() - started);
  } catch (error) {
    return toResult(check, failure('check failed', error), nowMs() - started);
  }
}

/** The promise's value, or a rejection with `message` once `ms` have passed; the timer never outlives the answer. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), Math.max(0, ms));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** What the JavaScript engine and Node say about their own failures: never a description of the user's setup. */
const ENGINE_MESSAGE = new RegExp(
  [
    'Maximum call stack size exceeded',
    'is not a function',
    'is not iterable',
    'is not a constructor',
    'Cannot (read|set) propert(y|ies) of',
    'is not defined',
    'Invalid (array|string) length',
    'out of memory',
    'URI malformed',
    '\\bERR_[A-Z_]+',
  ].join('|'),
);

/**
 * An error no probe turned into a finding. A message in words (a probe's own error) is shown as it is; the engine's
 * (a stack overflow, "x is not a function", a Node error code) is flink-doctor's bug, never shown as if it
 * described the user's setup.
 */
function failure(what: string, error: unknown): Outcome {
  const raw = (error as { code?: unknown } | undefined)?.code;
  const code = typeof raw === 'string' ? raw : '';
  if (!ENGINE_MESSAGE.test(errorMessage(error)) && !code.startsWith('ERR_'))
    return { status: 'error', summary: `${what}: ${errorMessage(error)}` };
  return {
    status: 'error',
    summary: `${what}: flink-doctor failed on its input (an internal error, not a finding about your setup)`,
    details: [`internal error class: ${(error as Error | undefined)?.name ?? 'Error'}`],
    fix: 'Report this to the flink-doctor maintainers with the input that caused it; the other checks are unaffected',
  };
}

function toResult<F>(check: Check<F>, outcome: Outcome, durationMs: number): CheckResult {
  // A detail that only repeats the summary is noise in every format.
  const details = (outcome.details ?? []).filter((detail) => detail !== outcome.summary);
  return {
    id: check.id,
    title: check.title,
    group: check.group,
    status: outcome.status,
    summary: outcome.summary,
    details,
    fix: outcome.fix ?? null,
    durationMs: Math.round(durationMs),
    facts: outcome.facts ?? {},
    locations: outcome.locations ?? [],
    sources: outcome.sources ?? [],
    ...(check.origin ? { origin: check.origin } : {}),
  };
}
