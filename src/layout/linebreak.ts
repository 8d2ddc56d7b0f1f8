/** What the line breaker needs to know of an item. */
export interface Breakable {
  /** Room the glyphs really take. */
  width: number;
  /** Room the item takes when lines are filled; see ShapedItem.breakWidth. */
  breakWidth: number;
  /** Space drawn before the item (Han–Latin), dropped at a line start. */
  glueBefore: number;
  breakBefore: boolean;
  /**
   * A break inside a token that does not fit, taken only when no ordinary break keeps the line's
   * gaps within the cap: 1 at a URL's or word's own break point, 2 at any other character of a
   * token that is no word, 3 inside a word when the line has no other break at all.
   */
  emergencyBefore?: 1 | 2 | 3;
  /** Width of the hyphen drawn at the line end when the line breaks before this item. */
  hyphenWidth?: number;
  stretchBefore: boolean;
  /** Room the item can give up from its blank half when a mark is pushed into its line. */
  squeezable: number;
  cls: string;
}

/** Items [start, end) of a paragraph that make one line; `hyphen` when the line ends inside a word. */
export interface LineSpan {
  start: number;
  end: number;
  hyphen?: boolean;
  /**
   * Room the line's marks give up for the items pushed in at its end (clreq 3.1.7): its glyphs
   * may take that much more than the measure.
   */
  pushedIn?: number;
}

export interface BreakRules {
  /** Break widths may undercount the glyphs (latin_break_width): the true line may exceed the measure by this much. */
  maxOverfill: number;
  /** …and by this much a gap between characters. */
  overfillPerGap: number;
  /** Justification may widen a gap by this much before a token is broken to fill the line. */
  maxStretchPerGap: number;
  /** Whether the Han–Latin space (glueBefore) takes room when lines are filled (count_han_latin_space). */
  countHanLatinSpace: boolean;
}

const NO_RULES: BreakRules = { maxOverfill: 0, overfillPerGap: 0, maxStretchPerGap: Infinity, countHanLatinSpace: true };

/** Rounding slack: widths are sums of em fractions. */
const EPSILON = 1e-6;

/**
 * Greedy first-fit breaking, as the print does it: fill each line, and when an item does not fit,
 * break before it or at the last allowed point before it. Break rules live in the items (clreq
 * 3.1.7). What may not start a line (a closing mark, or the character an opening mark holds on
 * to) is first pushed in, if the line's marks can make the room from their blank halves (clreq
 * 3.1.7, JLREQ 3.8.2 (a)); else the character before it goes down with it, never hung in the
 * margin. A line that would be left looser than the stretch cap is filled by breaking the token
 * after it at an emergency point (FORMAT.md §2).
 */
export function breakLines(items: readonly Breakable[], lineWidth: (line: number) => number, rules: BreakRules = NO_RULES): LineSpan[] {
  const lines: LineSpan[] = [];
  let start = skipSpaces(items, 0);
  while (start < items.length) {
    const line = breakOne(items, start, lineWidth(lines.length), rules);
    lines.push(line);
    start = skipSpaces(items, line.end);
  }
  return lines;
}

function breakOne(items: readonly Breakable[], start: number, available: number, rules: BreakRules): LineSpan {
  // Each sum below is a new heap number to unoptimised code (bin/bulletin.js runs --no-opt), for
  // every item of every line: a zero glue is not added, and the overfill allowed for the line's
  // gaps is worked out only for a line wider than the measure.
  const limit = available + EPSILON;
  const overfillNeverNegative = rules.maxOverfill >= 0 && rules.overfillPerGap >= 0;
  const first = items[start];
  let x = first.breakWidth;
  let trueX = first.width;
  let gaps = 0;
  let room = first.squeezable;
  let lastBreak = -1;
  /** By level, the last emergency break that fits; made at the first, which most lines (no split token) never meet. */
  let emergency: number[] | undefined;
  for (let i = start + 1; i < items.length; i++) {
    const item = items[i];
    if (item.breakBefore) lastBreak = i;
    if (item.emergencyBefore && !overflows(x + (item.hyphenWidth ?? 0), trueX + (item.hyphenWidth ?? 0), gaps, 0, available, rules)) (emergency ??= [-1, -1, -1, -1])[item.emergencyBefore] = i;
    const nextX = x + (!rules.countHanLatinSpace || item.glueBefore === 0 ? item.breakWidth : item.glueBefore + item.breakWidth);
    // While no item has counted differently (glue, a gridded Latin width), x and trueX are the same sum.
    const nextTrueX = trueX === x && item.glueBefore === 0 && item.width === item.breakWidth ? nextX : trueX + (item.glueBefore === 0 ? item.width : item.glueBefore + item.width);
    const nextGaps = item.stretchBefore ? gaps + 1 : gaps;
    const over = nextX > limit || (nextTrueX > limit && (!overfillNeverNegative || nextTrueX > overfillLimit(available, rules, nextGaps, 0)));
    if (over && item.cls !== 'space') {
      const pushedIn = !item.breakBefore && !item.emergencyBefore && item.cls !== 'latin' ? pushIn(items, i, x, trueX, gaps, room, available, rules) : undefined;
      if (pushedIn !== undefined) return { start, end: pushedIn, pushedIn: room };
      return chooseBreak(items, start, lastBreak > start ? lastBreak : i, emergency, available, rules);
    }
    x = nextX;
    trueX = nextTrueX;
    gaps = nextGaps;
    if (item.squeezable !== 0) room += item.squeezable;
  }
  return { start, end: items.length };
}

/**
 * Whether a line whose items count `x` when lines are filled and take `trueX` overflows
 * `available`, given the room (`room`) its marks can give up: its true width may exceed the
 * measure by the overfill its gaps allow.
 */
function overflows(x: number, trueX: number, gaps: number, room: number, available: number, rules: BreakRules): boolean {
  return x > available + room + EPSILON || trueX > overfillLimit(available, rules, gaps, room);
}

/** The widest a line's true width may be: the measure, the overfill its gaps allow, the room its marks give up. */
export function overfillLimit(available: number, rules: BreakRules, gaps: number, room: number): number {
  return available + Math.min(rules.maxOverfill, gaps * rules.overfillPerGap) + room + EPSILON;
}

/**
 * Pull the items from `at` up to the next break into the line when the blank halves of the
 * line's marks (`room`) make space for them; the pulled-in items keep their full width.
 */
function pushIn(items: readonly Breakable[], at: number, x: number, trueX: number, gaps: number, room: number, available: number, rules: BreakRules): number | undefined {
  let end = at;
  do {
    const item = items[end];
    x += (rules.countHanLatinSpace ? item.glueBefore : 0) + item.breakWidth;
    trueX += item.glueBefore + item.width;
    if (item.stretchBefore) gaps++;
    end++;
  } while (end < items.length && !items[end].breakBefore && !items[end].emergencyBefore && items[end].cls !== 'space');
  return room > 0 && !overflows(x, trueX, gaps, room, available, rules) ? end : undefined;
}

/**
 * The ordinary break, unless it leaves the line looser than the stretch cap: then the latest
 * emergency break that fits, a token's own point first, any character of a non-word next, and
 * inside a word only when the line has no ordinary break at all.
 */
function chooseBreak(items: readonly Breakable[], start: number, ordinary: number, emergency: readonly number[] | undefined, available: number, rules: BreakRules): LineSpan {
  // A line holding no break inside a token has only its ordinary break: its stretch is not measured.
  if (emergency === undefined) return { start, end: ordinary };
  const forced = !items[ordinary].breakBefore;
  const within = (end: number) => stretchPerGap(items, start, end, available) <= rules.maxStretchPerGap + EPSILON;
  if (!forced && within(ordinary)) return { start, end: ordinary };
  const [, atPoint, atAny, inWord] = emergency.map((e) => (e > start && (forced || e > ordinary) ? e : -1));
  const end = atPoint >= 0 && within(atPoint) ? atPoint : Math.max(atPoint, atAny, forced ? inWord : -1);
  return end < 0 ? { start, end: ordinary } : { start, end, hyphen: items[end].hyphenWidth !== undefined };
}

/**
 * The line [start, end)'s width as set, trailing spaces dropped, and the gaps justification
 * widens: those between characters, or in a line without any (a piece of a long URL or digit
 * run) every gap between its glyphs.
 */
export function measureLine(items: readonly Pick<Breakable, 'width' | 'glueBefore' | 'stretchBefore' | 'cls'>[], start: number, end: number): { natural: number; gaps: number; letterSpaced: boolean } {
  let natural = 0;
  let gaps = 0;
  let last = end;
  while (last > start && items[last - 1].cls === 'space') last--;
  for (let i = start; i < last; i++) {
    const item = items[i];
    // A zero glue, most items', is not added: every sum is a new heap number to unoptimised code.
    natural += i === start || item.glueBefore === 0 ? item.width : item.width + item.glueBefore;
    if (i > start && item.stretchBefore) gaps++;
  }
  const letterSpaced = gaps === 0 && last - start > 1;
  return { natural, gaps: letterSpaced ? last - start - 1 : gaps, letterSpaced };
}

/** The widening justification would give each gap of the line [start, end); Infinity if it has none to widen. */
export function stretchPerGap(items: readonly Breakable[], start: number, end: number, available: number): number {
  const { natural, gaps } = measureLine(items, start, end);
  const slack = available - natural;
  if (slack <= EPSILON) return 0;
  return gaps > 0 ? slack / gaps : Infinity;
}

function skipSpaces(items: readonly Breakable[], from: number): number {
  let i = from;
  while (i < items.length && items[i].cls === 'space') i++;
  return i;
}
