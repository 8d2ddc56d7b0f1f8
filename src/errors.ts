/** A place in a source file; line and column are 1-based, as editors show them. */
export interface SourcePos {
  file: string;
  line?: number;
  column?: number;
}

export type Severity = 'error' | 'warning';

/**
 * The one error type every stage throws for bad input or a failed build.
 * It carries where and what to do; only cli.ts decides how it is shown and the exit code.
 */
export class BulletinError extends Error {
  constructor(
    message: string,
    readonly pos?: SourcePos,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'BulletinError';
  }
}

export function formatPos(pos: SourcePos): string {
  if (pos.line === undefined) return pos.file;
  return pos.column === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}

/** U+4E00: how a character is named in messages. */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Advance a position over text, for a character at some offset inside a run that starts at pos. */
export function posAfter(pos: SourcePos, text: string): SourcePos {
  if (pos.line === undefined) return pos;
  let { line, column = 1 } = pos;
  for (const ch of text) {
    if (ch === '\n') {
      line += 1;
      column = 1;
    } else {
      column += ch.length;
    }
  }
  return { file: pos.file, line, column };
}
