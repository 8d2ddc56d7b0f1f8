import { codeUnits } from '../layout/charclass.js';

/**
 * The stretch of `source` that a drawn text stands for, starting at `from`. Each drawn character
 * matches the next source character equal to it, passing over source whitespace the drawing left
 * out (a space where a line broke); a drawn character that matches none is the drawing's own (a
 * line-end hyphen) and stands for nothing. When the drawn text ends a line, whitespace after its
 * last character belongs to the stretch (a Latin line's break), so none is left before the next
 * line's first.
 */
export function sourceStretch(source: string, drawn: string, from: number, lineEnd = true): { start: number; end: number } {
  let start = -1;
  let at = from;
  // By code point and index: the renderer runs unoptimised, where each for…of step over a
  // string is an allocation.
  for (let d = 0; d < drawn.length; ) {
    const cp = drawn.codePointAt(d)!;
    d += codeUnits(cp);
    let next = at;
    let found = source.codePointAt(next);
    while (found !== cp && next < source.length && WHITESPACE.test(source[next])) found = source.codePointAt(++next);
    if (found !== cp) continue;
    if (start < 0) start = next;
    at = next + codeUnits(cp);
  }
  while (lineEnd && start >= 0 && at < source.length && WHITESPACE.test(source[at])) at++;
  return { start: start < 0 ? from : start, end: at };
}

const WHITESPACE = /\s/;
