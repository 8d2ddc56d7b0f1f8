/** A place in a source file; line and column are 1-based, as editors show them. */
export interface SourcePos {
  file: string;
  /** In a PDF: the page, and `line` counts printed lines from its top. */
  page?: number;
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

/**
 * Several errors found in one pass (every field of a manifest, every article of an issue),
 * sorted by file and place; as a BulletinError it reads as the first of them.
 */
export class BulletinErrors extends BulletinError {
  private constructor(readonly errors: readonly BulletinError[]) {
    super(errors[0].message, errors[0].pos, errors[0].hint);
    this.name = 'BulletinErrors';
  }

  /** One error as itself; several as one BulletinErrors. */
  static of(errors: readonly BulletinError[]): BulletinError {
    const all = errors.flatMap(BulletinErrors.each).sort((a, b) => byPosition(a.pos, b.pos));
    return all.length === 1 ? all[0] : new BulletinErrors(all);
  }

  static each(error: BulletinError): readonly BulletinError[] {
    return error instanceof BulletinErrors ? error.errors : [error];
  }
}

/** Gathers the errors of checks that do not depend on each other, to report them all at once. */
export class ErrorList {
  private readonly errors: BulletinError[] = [];

  /** `check()`'s value, or undefined when it threw a BulletinError (kept for throwIfAny). */
  attempt<T>(check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof BulletinError)) throw error;
      this.errors.push(error);
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw BulletinErrors.of(this.errors);
  }
}

/** By file, then line, then column; no place sorts first. */
export function byPosition(a: SourcePos | undefined, b: SourcePos | undefined): number {
  return (a?.file ?? '').localeCompare(b?.file ?? '') || (a?.page ?? 0) - (b?.page ?? 0) || (a?.line ?? 0) - (b?.line ?? 0) || (a?.column ?? 0) - (b?.column ?? 0);
}

export function formatPos(pos: SourcePos): string {
  if (pos.page !== undefined) return `${pos.file} page ${pos.page}${pos.line === undefined ? '' : ` line ${pos.line}`}`;
  if (pos.line === undefined) return pos.file;
  return pos.column === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}

/** U+4E00: how a character is named in messages. */
export function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Characters that show as nothing, or as a box, between quotes: named by code point alone. Made
 * on first use: V8 builds the Unicode sets of a /u pattern when it is created, and these (Cn
 * above all) took ≈1 ms of every start-up.
 */
let invisible: RegExp | undefined;

/** “字” (U+5B57), or U+200B (invisible) for a character an empty pair of quotes would hide. */
export function describeChar(ch: string): string {
  invisible ??= /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}\p{Default_Ignorable_Code_Point}]$/u;
  return invisible.test(ch) ? `${codePoint(ch)} (invisible)` : `“${ch}” (${codePoint(ch)})`;
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
