/**
 * Where the stretch of `source` that a drawn text stands for ends, starting at `from`. Each drawn
 * character matches the next source character equal to it, passing over source whitespace the
 * drawing left out (a space where a line broke); a drawn character that matches none is the
 * drawing's own (a line-end hyphen) and stands for nothing.
 */
export function sourceEnd(source: string, drawn: string, from: number): number {
  let at = from;
  for (const ch of drawn) {
    let next = at;
    while (next < source.length && !source.startsWith(ch, next) && /\s/.test(source[next])) next++;
    if (source.startsWith(ch, next)) at = next + ch.length;
  }
  return at;
}
