// The JSON report: exactly one document, shaped by schemas/report.schema.json (a public contract).
import type { Report } from '../engine/model.js';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
