import { breakLines, measureLine, stretchPerGap, type BreakRules, type LineSpan } from './linebreak.js';
import { splitToken, type ShapeContext, type ShapedItem } from './shape.js';

/**
 * Break a paragraph into lines, cutting a Latin token into characters only when a line needs it
 * (FORMAT.md §2): the token after a line left looser than the stretch cap, or one that makes its
 * line wider than the measure. Paragraphs without such a token are broken once.
 */
export function breakParagraph(
  shaped: ShapedItem[],
  lineWidth: (line: number) => number,
  rules: BreakRules,
  ctx: ShapeContext,
): { items: ShapedItem[]; lines: LineSpan[] } {
  let items = shaped;
  let lines = breakLines(items, lineWidth, rules);
  for (let token = tokenToBreak(items, lines, lineWidth, rules); token >= 0; token = tokenToBreak(items, lines, lineWidth, rules)) {
    items = splitToken(items, token, ctx);
    lines = breakLines(items, lineWidth, rules);
  }
  return { items, lines };
}

/** The first whole Latin token a line needs broken, or -1. */
function tokenToBreak(items: readonly ShapedItem[], lines: readonly LineSpan[], lineWidth: (line: number) => number, rules: BreakRules): number {
  const breakable = (i: number) => items[i]?.cls === 'latin' && [...items[i].text].length > 1;
  for (let n = 0; n < lines.length; n++) {
    const { start, end } = lines[n];
    if (n < lines.length - 1 && stretchPerGap(items, start, end, lineWidth(n)) > rules.maxStretchPerGap) {
      let next = lines[n + 1].start;
      while (items[next]?.cls === 'open') next++;
      if (breakable(next)) return next;
    }
    if (measureLine(items, start, end).natural > lineWidth(n) + rules.maxOverfill) {
      for (let i = start; i < end; i++) if (breakable(i)) return i;
    }
  }
  return -1;
}
