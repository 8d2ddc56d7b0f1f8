/** What the line breaker needs to know of an item. */
export interface Breakable {
  /** Room the glyphs really take. */
  width: number;
  /** Room the item takes when lines are filled; see ShapedItem.breakWidth. */
  breakWidth: number;
  glueBefore: number;
  breakBefore: boolean;
  stretchBefore: boolean;
  cls: string;
}

/** Items [start, end) of a paragraph that make one line. */
export interface LineSpan {
  start: number;
  end: number;
}

/** Rounding slack: widths are sums of em fractions. */
const EPSILON = 1e-6;

/**
 * Greedy first-fit breaking, as the print does it: fill each line, and when an item does not
 * fit, break before it or at the last allowed point before it. Break rules live in the items
 * (clreq 3.1.7): a mark that may not start a line has no break before it, so it goes down
 * with the character before it — the print "pushes a character down", never hangs a mark
 * in the margin. A line with no allowed break at all is cut where it overflows.
 */
export function breakLines(items: readonly Breakable[], lineWidth: (line: number) => number, maxOverfill = 0, overfillPerGap = 0): LineSpan[] {
  const lines: LineSpan[] = [];
  let start = skipSpaces(items, 0);
  while (start < items.length) {
    const available = lineWidth(lines.length);
    let x = 0;
    let trueX = 0;
    let gaps = 0;
    let lastBreak = -1;
    let i = start;
    for (; i < items.length; i++) {
      const item = items[i];
      if (i > start && item.breakBefore) lastBreak = i;
      const glue = i > start ? item.glueBefore : 0;
      const w = glue + item.breakWidth;
      const trueW = glue + item.width;
      // Break widths may undercount the glyphs (latin_break_width). The squeeze that makes up for
      // it stays small: at most maxOverfill a line and overfillPerGap a gap, none without gaps.
      const overfill = Math.min(maxOverfill, (gaps + (i > start && item.stretchBefore ? 1 : 0)) * overfillPerGap);
      if (i > start && item.cls !== 'space' && (x + w > available + EPSILON || trueX + trueW > available + overfill + EPSILON)) break;
      x += w;
      trueX += trueW;
      if (i > start && item.stretchBefore) gaps++;
    }
    const end = i === items.length ? i : lastBreak > start ? lastBreak : i;
    lines.push({ start, end });
    start = skipSpaces(items, end);
  }
  return lines;
}

function skipSpaces(items: readonly Breakable[], from: number): number {
  let i = from;
  while (i < items.length && items[i].cls === 'space') i++;
  return i;
}
