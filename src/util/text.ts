// Text for one-line messages and for terminals.

/** At most `max` characters, an ellipsis marking the cut. */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Characters a terminal (or a CI log viewer) acts on instead of showing: C0 controls but tab (ESC starts colour
 * and cursor sequences, CR rewrites the line, BEL rings, NUL hides what follows), DEL, C1 controls (CSI, OSC) and
 * the Unicode bidi overrides that reorder what is shown.
 */
const INVISIBLE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * External text (file names, file contents, tool output, echoed arguments) made safe to print: every character
 * that would act on the terminal is written as a visible escape (ESC as \x1b, a bidi override as \u202e), so
 * a JAR name or a config value can neither colour, move, hide nor fake a line of the report.
 */
/** A parsed YAML/JSON scalar as text ("3", "true", "x"); a mapping or list as JSON rather than "[object Object]". */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
