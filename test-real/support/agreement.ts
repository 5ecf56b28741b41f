// Does the doctor's verdict agree with what the real job did? Error ⇔ the job failed, and then one of the
// doctor's errors must name the cause the job died of; no error ⇔ the job ran (or got as far as the external
// system the setup has none of: a Kafka broker, a database).
import type { DoctorCheck, DoctorReport } from '../../scripts/real/doctor.js';
import type { Outcome } from './job.js';

export interface Judgement {
  agree: boolean;
  why: string;
  /** The check whose error names the cause the job failed of. */
  namedBy?: string;
}

/**
 * What can confirm an error the job did not run into: the twin setup (the same install, a job that uses what the
 * error is about) and `pip check`'s problems, as lower-case project names.
 */
export interface Confirmation {
  twin?: { id: string; judgement: Judgement };
  pipProblems?: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words an error must contain to name a cause, per kind of failure; a cause no rule knows is never "named". */
const NAMING: [RegExp, (match: RegExpExecArray) => RegExp][] = [
  // A class the job's Python API loads through the gateway: an error naming that very class names the cause, in either
  // notation (the JVM prints NoClassDefFoundError's with slashes, ClassNotFoundException's with dots).
  [
    /^(?:NoClassDefFoundError|ClassNotFoundException): ([\w.$]+)$/,
    (m) => new RegExp(`(?:${escape(m[1] as string)}|${escape((m[1] as string).replaceAll('.', '/'))})\\b`),
  ],
  [/identifier '([^']+)'/, (m) => new RegExp(`'${m[1]}'`)],
  [/no JDBC dialect/, () => /dialect/i],
  [/UnsupportedClassVersionError/, () => /bytecode|class file|Java \d+/],
  [
    /^(NoSuchMethodError|NoClassDefFoundError|ClassNotFoundException): .*org\.apache\.flink\./,
    () => /built for Flink|FLINK_HOME|flink-dist|apache-flink-libraries/,
  ],
  [/^(NoClassDefFoundError|ClassNotFoundException): org\.apache\.kafka\./, () => /kafka-clients|thin/],
  [/^(NoClassDefFoundError|ClassNotFoundException): (org\.postgresql\.|com\.mysql\.)|No suitable driver/, () => /driver|postgresql|mysql/i],
  [/^(NoClassDefFoundError|ClassNotFoundException): org\.apache\.hadoop\./, () => /hadoop/i],
  [/^FileNotFoundException: (\S+)/, (m) => new RegExp(escape(m[1] as string))],
  [/^(ModuleNotFoundError|ImportError)/, () => /apache-flink|pyflink|not installed/i],
  [/Java gateway process exited/, () => /Java|FLINK_HOME|flink-python|apache-flink-libraries/],
  [/^InaccessibleObjectException/, () => /Java \d+/],
  [/^Cannot run program "python"/, () => /`python`|python\.executable/],
];

export function causeNamed(cause: string, errors: readonly DoctorCheck[]): DoctorCheck | undefined {
  for (const [pattern, words] of NAMING) {
    const match = pattern.exec(cause);
    if (!match) continue;
    const wanted = words(match);
    const named = errors.find((c) => wanted.test([c.summary, ...c.details].join('\n')));
    if (named) return named;
  }
  return undefined;
}

export function errorsOf(report: DoctorReport): DoctorCheck[] {
  return report.checks.filter((c) => c.status === 'error');
}

export function judge(report: DoctorReport, outcome: Outcome, confirmation: Confirmation = {}): Judgement {
  const errors = errorsOf(report);
  const failed = outcome.kind === 'failed';
  if (errors.length > 0 && !failed) {
    const ran = outcome.kind === 'finished' ? 'ran' : 'reached the external system';
    return (
      confirmed(errors, ran, confirmation) ?? {
        agree: false,
        why: `the doctor says error (${errors.map((c) => c.id).join(', ')}) but the job ${ran}`,
      }
    );
  }
  if (errors.length === 0 && failed) return { agree: false, why: `the job failed (${outcome.cause}) but the doctor found no error` };
  if (!failed) return { agree: true, why: 'no error, and the job ran' };
  const naming = causeNamed(outcome.cause ?? '', errors);
  return naming
    ? { agree: true, why: `${naming.id} names the cause`, namedBy: naming.id }
    : { agree: false, why: `no error of the doctor names the cause (${outcome.cause})` };
}

/**
 * An error this job did not run into still agrees when the install is confirmed broken elsewhere: its twin setup
 * fails with the cause the same check names, or `pip check` names a package the error names.
 */
function confirmed(errors: readonly DoctorCheck[], ran: string, { twin, pipProblems = [] }: Confirmation): Judgement | undefined {
  const byTwin = twin?.judgement.agree && twin.judgement.namedBy ? errors.find((c) => c.id === twin.judgement.namedBy) : undefined;
  if (twin && byTwin) {
    return {
      agree: true,
      why: `this job ${ran}, but ${byTwin.id}'s error is confirmed by ${twin.id} on the same install, which fails with the cause it names`,
    };
  }
  const text = (c: DoctorCheck) =>
    [c.summary, ...c.details]
      .join('\n')
      .toLowerCase()
      .replace(/[-_.]+/g, '-');
  const byPip = errors.find((c) => pipProblems.some((name) => text(c).includes(name)));
  if (byPip) return { agree: true, why: `this job ${ran}, but pip check agrees with ${byPip.id} (${pipProblems.join(', ')})` };
  return undefined;
}
