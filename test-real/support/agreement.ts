// Does the doctor's verdict agree with what the real job did? Error ⇔ the job failed, and then one of the
// doctor's errors must name the cause the job died of; no error ⇔ the job ran (or got as far as the external
// system the setup has none of: a Kafka broker, a database).
import type { DoctorCheck, DoctorReport } from '../../scripts/real/doctor.js';
import type { Outcome } from './job.js';

export interface Judgement {
  agree: boolean;
  why: string;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words an error must contain to name a cause, per kind of failure; a cause no rule knows is never "named". */
const NAMING: [RegExp, (match: RegExpExecArray) => RegExp][] = [
  [/identifier '([^']+)'/, (m) => new RegExp(`'${m[1]}'`)],
  [/no JDBC dialect/, () => /dialect/i],
  [/UnsupportedClassVersionError/, () => /bytecode|class file|Java \d+/],
  [/^(NoSuchMethodError|NoClassDefFoundError|ClassNotFoundException): .*org\.apache\.flink\./, () => /built for Flink|FLINK_HOME|flink-dist|apache-flink-libraries/],
  [/^(NoClassDefFoundError|ClassNotFoundException): org\.apache\.kafka\./, () => /kafka-clients|thin/],
  [/^(NoClassDefFoundError|ClassNotFoundException): org\.postgresql\.|No suitable driver/, () => /driver|postgresql/i],
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
    return errors.find((c) => wanted.test([c.summary, ...c.details].join('\n')));
  }
  return undefined;
}

export function errorsOf(report: DoctorReport): DoctorCheck[] {
  return report.checks.filter((c) => c.status === 'error');
}

export function judge(report: DoctorReport, outcome: Outcome): Judgement {
  const errors = errorsOf(report);
  const failed = outcome.kind === 'failed';
  if (errors.length > 0 && !failed) {
    const ran = outcome.kind === 'finished' ? 'ran' : 'reached the external system';
    return { agree: false, why: `the doctor says error (${errors.map((c) => c.id).join(', ')}) but the job ${ran}` };
  }
  if (errors.length === 0 && failed) return { agree: false, why: `the job failed (${outcome.cause}) but the doctor found no error` };
  if (!failed) return { agree: true, why: 'no error, and the job ran' };
  const naming = causeNamed(outcome.cause ?? '', errors);
  return naming ? { agree: true, why: `${naming.id} names the cause` } : { agree: false, why: `no error of the doctor names the cause (${outcome.cause})` };
}
