// Errors that end the run with exit code 2: the doctor itself cannot run (bad flag, unreadable file it was told to use).
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One line, no stack: what a user sees for any error we did not expect. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
