import { isSeveralCharacters } from './charclass.js';
import { breakLines, measureLine, overfillLimit, stretchPerGap, type BreakRules, type LineSpan } from './linebreak.js';
import { splitTokens, type ShapeContext, type ShapedItem } from './shape.js';

/**
 * Break a paragraph into lines, cutting Latin tokens into characters only where lines need it
 * (FORMAT.md §2): the token after a line left looser than the stretch cap, or one that makes its
 * line wider than the measure. Every such token of a pass is cut at once; cutting one that later
 * lines no longer need changes nothing, its breaks being taken only under the same condition.
 * Paragraphs without such a token are broken once.
 */
export function breakParagraph(
  shaped: readonly Readonly<ShapedItem>[],
  lineWidth: (line: number) => number,
  rules: BreakRules,
  ctx: ShapeContext,
): { items: readonly Readonly<ShapedItem>[]; lines: LineSpan[] } {
  let items = shaped;
  let lines = breakLines(items, lineWidth, rules);
  for (let tokens = tokensToBreak(items, lines, lineWidth, rules); tokens.size > 0; tokens = tokensToBreak(items, lines, lineWidth, rules)) {
    items = splitTokens(items, tokens, ctx);
    lines = breakLines(items, lineWidth, rules);
  }
  return { items, lines };
}

/** The whole Latin tokens lines need broken. */
function tokensToBreak(items: readonly ShapedItem[], lines: readonly LineSpan[], lineWidth: (line: number) => number, rules: BreakRules): Set<number> {
  const tokens = new Set<number>();
  // A paragraph without a Latin token (most of them) is not measured again; its items, most of
  // an issue's, are looked over without a call each (unoptimised code, bin/bulletin.js --no-opt).
  let any = false;
  for (let i = 0; i < items.length && !any; i++) any = items[i].cls === 'latin' && breakable(items, i);
  if (!any) return tokens;
  for (let n = 0; n < lines.length; n++) {
    const { start, end } = lines[n];
    if (n < lines.length - 1) {
      let next = lines[n + 1].start;
      while (items[next]?.cls === 'open') next++;
      if (breakable(items, next) && stretchPerGap(items, start, end, lineWidth(n)) > rules.maxStretchPerGap) tokens.add(next);
    }
    let onLine = false;
    for (let i = start; i < end && !onLine; i++) onLine = breakable(items, i);
    if (!onLine) continue;
    // The squeeze that may absorb an overfull line needs gaps between characters (see breakLines),
    // and a line a mark was pushed into may take the room its marks give up, as breakLines allowed.
    const { natural, gaps, letterSpaced } = measureLine(items, start, end);
    if (natural > overfillLimit(lineWidth(n), rules, letterSpaced ? 0 : gaps, lines[n].pushedIn ?? 0)) for (let i = start; i < end; i++) if (breakable(items, i)) tokens.add(i);
  }
  return tokens;
}

function breakable(items: readonly ShapedItem[], i: number): boolean {
  return items[i]?.cls === 'latin' && isSeveralCharacters(items[i].text);
}
