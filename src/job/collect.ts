// Gathers the needs of one or more job files into one JobNeeds, without duplicates (one statement read
// twice, e.g. a DDL string both assigned and executed, still counts once).
import { clip } from '../util/text.js';
import type {
  ApiNeed,
  DriverNeed,
  IdentifierNeed,
  JobConfigUse,
  JobImport,
  JobJarKind,
  JobNeeds,
  JobPlace,
  PipelineSettingUse,
  Unresolved,
} from '../facts/index.js';
import { HOLE, emptyNeeds, showHoles } from './model.js';

export class NeedsCollector {
  readonly needs: JobNeeds = emptyNeeds();
  private readonly seen = new Set<string>();

  private once(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  identifier(need: IdentifierNeed): void {
    if (need.identifier.includes(HOLE)) {
      this.unresolved({
        file: need.file,
        line: need.line,
        what: 'identifier',
        expression: `${need.role} '${showHoles(need.identifier)}' (${need.via})`,
      });
      return;
    }
    if (need.identifier === '') return;
    if (this.once(`id:${need.file}:${need.line}:${need.role}:${need.identifier}`)) this.needs.identifiers.push(need);
  }

  api(need: ApiNeed): void {
    if (!this.needs.dataStream && need.python.startsWith('pyflink.datastream.'))
      this.needs.dataStream = { file: need.file, line: need.line };
    if (!this.needs.tableApi && need.python.startsWith('pyflink.table.')) this.needs.tableApi = { file: need.file, line: need.line };
    if (this.once(`api:${need.file}:${need.line}:${need.python}`)) this.needs.apis.push(need);
  }

  pythonFunction(place: JobPlace): void {
    this.needs.pythonFunction ??= place;
  }

  driver(need: DriverNeed): void {
    if (this.once(`drv:${need.file}:${need.line}:${need.driverClass ?? ''}:${need.scheme ?? ''}`)) this.needs.drivers.push(need);
  }

  /** One JAR list value (';'-separated) as the job passes it; unknown parts stay visible as {…}. */
  jars(kind: JobJarKind, value: string, place: { file: string; line: number }, expression: string): void {
    for (const part of value
      .split(';')
      .map((v) => v.trim())
      .filter(Boolean)) {
      const known = !part.includes(HOLE);
      const last = part.split(/[/\\]/).pop() ?? '';
      const fileName = last && !last.includes(HOLE) && /\.(jar|zip)$/i.test(last) ? last : undefined;
      if (!this.once(`jar:${place.file}:${place.line}:${kind}:${part}`)) continue;
      this.needs.jars.push({ ...place, kind, value: showHoles(part), known, ...(fileName ? { fileName } : {}) });
      if (!known) this.unresolved({ ...place, what: 'jar', expression });
    }
  }

  setting(use: PipelineSettingUse): void {
    if (this.once(`set:${use.file}:${use.line}:${use.key}:${use.value ?? use.expression ?? ''}`)) this.needs.settings.push(use);
  }

  config(use: JobConfigUse): void {
    if (this.once(`cfg:${use.file}:${use.line}:${use.key}:${use.value ?? use.expression ?? ''}`)) this.needs.config?.push(use);
  }

  unresolved(item: Unresolved): void {
    const expression = clip(item.expression.replace(/\s+/g, ' ').trim(), 100);
    if (this.once(`unres:${item.file}:${item.line}:${item.what}:${expression}`)) this.needs.unresolved.push({ ...item, expression });
  }

  /** The modules one job file imports; a file given twice is read twice, its imports are kept once. */
  imports(file: string, found: readonly Omit<JobImport, 'file'>[]): void {
    const imports = (this.needs.imports ??= []);
    if (imports.some((i) => i.file === file)) return;
    imports.push(...found.map(({ module, line }) => ({ file, module, line })));
  }

  file(path: string): void {
    if (!this.needs.files.includes(path)) this.needs.files.push(path);
  }

  problem(text: string): void {
    if (this.once(`problem:${text}`)) this.needs.problems.push(text);
  }
}
