import { BulletinError, BulletinErrors, formatPos, type Severity, type SourcePos } from './errors.js';

/** One thing to tell the user about their input. */
export interface Diagnostic {
  severity: Severity;
  message: string;
  pos?: SourcePos;
  hint?: string;
}

export type DiagnosticFormat = 'human' | 'short' | 'json';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['human', 'short', 'json'];

/** One diagnostic for each error a BulletinError carries (several for BulletinErrors). */
export function fromError(error: BulletinError): Diagnostic[] {
  return BulletinErrors.each(error).map((e) => ({ severity: 'error', message: e.message, pos: e.pos, hint: e.hint }));
}

/** What went wrong, as diagnostics: a BulletinError's own, anything else an internal error (a bug). */
export function diagnosticsOf(error: unknown): Diagnostic[] {
  if (error instanceof BulletinError) return fromError(error);
  return [{ severity: 'error', message: `internal error: ${(error as Error)?.message ?? String(error)}` }];
}

/**
 * Lines for the terminal. human: `error: file:line:col: message` and an indented hint;
 * short: `file:line:col: error: message`, the form editors and CI annotations parse;
 * json: one JSON object a line.
 */
export function formatDiagnostic(d: Diagnostic, format: DiagnosticFormat): string[] {
  const where = d.pos ? formatPos(d.pos) : undefined;
  switch (format) {
    case 'short':
      return [`${where ?? 'bulletin'}: ${d.severity}: ${d.message}`];
    case 'json':
      return [JSON.stringify({ severity: d.severity, file: d.pos?.file, page: d.pos?.page, line: d.pos?.line, column: d.pos?.column, message: d.message, hint: d.hint })];
    default:
      return [`${d.severity}: ${where ? `${where}: ` : ''}${d.message}`, ...(d.hint ? [`  hint: ${d.hint}`] : [])];
  }
}
