import type { Point } from 'unist';
import type { SourcePos } from '../errors.js';

/** Offsets in the file → line and column, and finding a value's text in the file. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(
    readonly file: string,
    readonly source: string,
  ) {
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  pos(offset: number): SourcePos {
    const line = this.lineAt(offset);
    return { file: this.file, line: line + 1, column: offset - this.starts[line] + 1 };
  }
  /** The place as mdast gives it (columns in UTF-16 code units, as micromark counts them). */
  point(offset: number): Point {
    const line = this.lineAt(offset);
    return { line: line + 1, column: offset - this.starts[line] + 1, offset };
  }
  offset(pos: SourcePos): number {
    return (this.starts[(pos.line ?? 1) - 1] ?? this.source.length) + (pos.column ?? 1) - 1;
  }
  /** Where `text` first appears at or after `from`, so that a column points at the character itself. */
  locate(text: string, from: SourcePos): SourcePos {
    const firstLine = text.split('\n')[0].trim();
    const start = this.offset(from);
    const at = firstLine ? this.source.indexOf(firstLine, start) : -1;
    return at >= 0 ? this.pos(at) : from;
  }
  /** The line holding `offset`, from 0. */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
