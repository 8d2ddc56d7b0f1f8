import { BulletinError, describeChar, posAfter, type SourcePos } from '../errors.js';
import { classifyCodePoint, codeUnits, isHalfBlankPunctuation, pieceEnd, forbidsLineEnd, forbidsLineStart, type CharClass } from './charclass.js';
import { chooseFace } from './fallback.js';
import type { Breakable } from './linebreak.js';
import { tokenBreaks, type TokenBreakRules } from './tokenbreak.js';
import type { Color, FontBook, Span } from './types.js';

/** A mark at least this wide (in em) is a full-width one with a blank half. */
const FULL_WIDTH = 0.9;

export interface InlineStyle {
  face: string;
  latin?: string;
  size: number;
  color: Color;
  /** Points above the baseline (superscript note markers). */
  rise: number;
}

export interface ShapeContext {
  style(name: string): InlineStyle;
  fonts: FontBook;
  fallback: readonly string[];
  /** Em of the Han side between Han and Latin (clreq 3.2.2); 0 turns it off. */
  hanLatinSpace: number;
  /** Space Han and Latin apart everywhere, or only where the source has a space between them. */
  hanLatinSpaceEverywhere: boolean;
  /** Em a Latin character counts for when lines are filled, or undefined for its true width. */
  latinBreakWidth?: number;
  /** Latin tokens longer than this are counted by their true width all the same. */
  latinGridMaxChars: number;
  squeezeAdjacentPunctuation: boolean;
  /** Marks whose blank half may be given up to push a mark in (clreq 3.1.7). */
  pushInMarks: string;
  /** Em each of them may give up. */
  pushInLimit: number;
  /** Where a token too long for its line may break. */
  tokenBreaks: TokenBreakRules;
}

/** One unbreakable piece of a line: a character, or a whole Latin word. */
export interface ShapedItem {
  text: string;
  cls: CharClass | 'marker';
  face: string;
  size: number;
  color: Color;
  rise: number;
  /** Advance as the renderer sets the glyphs. */
  advance: number;
  /** Room taken in the line: the advance less any squeezed blank half. */
  width: number;
  /**
   * Room counted when lines are filled: the width, except where the template sets
   * latin_break_width and the print's character grid counted Latin characters as half an em.
   */
  breakWidth: number;
  /** Where the glyphs start relative to the item's room; negative when the left blank half is squeezed. */
  shift: number;
  /** Space before the item (Han–Latin), dropped at a line start. */
  glueBefore: number;
  /** A line may break before this item. */
  breakBefore: boolean;
  /** A break inside a token, taken only to keep a line within the stretch cap; see Breakable. */
  emergencyBefore?: Breakable['emergencyBefore'];
  /** Width of the hyphen drawn when a line breaks before this item. */
  hyphenWidth?: number;
  /** Justification may widen the gap before this item. */
  stretchBefore: boolean;
  /** Room the item can give up from its blank half to push a mark into its line. */
  squeezable: number;
}

/**
 * Turn styled spans into line items: pick faces, measure, and set the break and spacing rules.
 * Items are the measured pieces themselves, shared by every occurrence, until a rule changes one:
 * then that item is a copy of its own (most items, Han between Han, keep every default).
 */
export function shapeSpans(spans: readonly Span[], ctx: ShapeContext): readonly Readonly<ShapedItem>[] {
  // A piece is at least one code unit: the spans' length is room enough, made once rather than
  // grown (and copied) push by push; what is left over is cut off below.
  let room = 0;
  for (let s = 0; s < spans.length; s++) room += spans[s].text.length;
  const items = new Array<ShapedItem>(room);
  let count = 0;
  for (let s = 0; s < spans.length; s++) count = splitSpan(spans[s], ctx, items, count);
  items.length = count;
  const typed = collapseSpacesAtHanLatin(items);
  // The few items a rule changes, by index: most blocks have none, and a typed array a block
  // (off the heap beyond 64 bytes) cost more than the rules.
  let own: Set<number> | undefined;
  const writable = (i: number): ShapedItem => {
    if (own === undefined) own = new Set();
    if (!own.has(i)) {
      items[i] = { ...items[i] };
      own.add(i);
    }
    return items[i];
  };
  for (let i = 1; i < items.length; i++) {
    const prev = items[i - 1];
    const item = items[i];
    // Between two Han characters, most pairs of a Chinese text, an item's defaults hold: a break,
    // a gap justification may widen, no glue, no blank half to squeeze.
    if (prev.cls === 'han' && item.cls === 'han') continue;
    const breakBefore = mayBreakBetween(prev.cls, item.cls);
    const stretchBefore = mayStretchBetween(prev.cls, item.cls);
    const glueBefore = ctx.hanLatinSpaceEverywhere || typed?.has(i) ? hanLatinGlue(prev, item, ctx.hanLatinSpace) : item.glueBefore;
    if (breakBefore !== item.breakBefore || stretchBefore !== item.stretchBefore || glueBefore !== item.glueBefore) {
      const changed = writable(i);
      changed.breakBefore = breakBefore;
      changed.stretchBefore = stretchBefore;
      changed.glueBefore = glueBefore;
    }
    if (ctx.squeezeAdjacentPunctuation) squeezePair(items, i, writable);
  }
  // A copy's width may have lost a squeezed half; a shared item's squeezable was set when it was measured.
  own?.forEach((i) => (items[i].squeezable = squeezable(items[i], ctx)));
  return items;
}

/** What is left of a push-in mark's blank half, up to the template's limit; none for other items. */
function squeezable(item: ShapedItem, ctx: ShapeContext): number {
  if (item.cls === 'marker' || !isHalfBlankPunctuation(item.cls) || !ctx.pushInMarks.includes(item.text)) return 0;
  return Math.max(0, Math.min(ctx.pushInLimit * item.size, item.width - item.size / 2));
}

/** The pieces measured in one style, and the faces its pieces are looked for in. */
interface Measured {
  plain: Map<number | string, ShapedItem>;
  marker: Map<number | string, ShapedItem>;
  /** Latin letters and digits take the Latin face first… */
  latinFirst: readonly string[];
  /** …everything else the style's Chinese face. */
  chineseFirst: readonly string[];
}

/**
 * What measuring a piece depends on besides its style (see measure), and the pieces measured on
 * it by style. Contexts that agree on these share their measurements: the layout derives
 * contexts for a narrower measure (contents, page numbers, the issue line) or another alignment
 * (distribution), whose pieces are the body's.
 */
interface MeasuringBasis {
  fonts: FontBook;
  fallback: readonly string[];
  latinBreakWidth: number | undefined;
  latinGridMaxChars: number;
  pushInMarks: string;
  pushInLimit: number;
  byStyle: WeakMap<InlineStyle, Measured>;
}

const basisOfContext = new WeakMap<ShapeContext, MeasuringBasis>();
const basesOfFonts = new WeakMap<FontBook, MeasuringBasis[]>();

/**
 * Each character or Latin word as an item, measured in one style: the same wherever it occurs, so
 * a bulletin's few thousand distinct pieces are measured once and every occurrence is the one
 * item (shapeSpans copies those its rules change). By measuring basis and style, a character
 * keyed by its code point, a word by its text.
 */
function measurements(ctx: ShapeContext, style: InlineStyle): Measured {
  let basis = basisOfContext.get(ctx);
  if (basis === undefined) {
    basis = measuringBasis(ctx);
    basisOfContext.set(ctx, basis);
  }
  let known = basis.byStyle.get(style);
  if (known === undefined) {
    const latin = style.latin ?? style.face;
    known = { plain: new Map(), marker: new Map(), latinFirst: [latin, style.face], chineseFirst: [style.face] };
    basis.byStyle.set(style, known);
  }
  return known;
}

function measuringBasis(ctx: ShapeContext): MeasuringBasis {
  let bases = basesOfFonts.get(ctx.fonts);
  if (bases === undefined) {
    bases = [];
    basesOfFonts.set(ctx.fonts, bases);
  }
  for (let i = 0; i < bases.length; i++) {
    const basis = bases[i];
    if (
      basis.fallback === ctx.fallback &&
      basis.latinBreakWidth === ctx.latinBreakWidth &&
      basis.latinGridMaxChars === ctx.latinGridMaxChars &&
      basis.pushInMarks === ctx.pushInMarks &&
      basis.pushInLimit === ctx.pushInLimit
    ) {
      return basis;
    }
  }
  const { fonts, fallback, latinBreakWidth, latinGridMaxChars, pushInMarks, pushInLimit } = ctx;
  const basis: MeasuringBasis = { fonts, fallback, latinBreakWidth, latinGridMaxChars, pushInMarks, pushInLimit, byStyle: new WeakMap() };
  bases.push(basis);
  return basis;
}

/** Puts the span's pieces into `items` from `at` on; returns where they end. */
function splitSpan(span: Span, ctx: ShapeContext, items: ShapedItem[], at: number): number {
  const style = ctx.style(span.style);
  const measured = measurements(ctx, style);
  const known = span.marker === true ? measured.marker : measured.plain;
  const { text } = span;
  let count = at;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const cls = classifyCodePoint(cp);
    const next = i + codeUnits(cp);
    const j = cls === 'latin' || cls === 'space' ? pieceEnd(text, i, cls, true) : next;
    // A run of spaces is one space; a lone character is looked up by its code point, sparing a string.
    const key = cls === 'space' ? ' ' : j === next ? cp : text.slice(i, j);
    let item = known.get(key);
    if (item === undefined) {
      const piece = typeof key === 'string' ? key : text.slice(i, j);
      const preferred = cls === 'latin' || cls === 'space' ? measured.latinFirst : measured.chineseFirst;
      item = measure(piece, span.marker ? 'marker' : cls, style, preferred, ctx) ?? missingGlyph(piece, [...preferred, ...ctx.fallback], ctx, span.pos && posAfter(span.pos, text.slice(0, i)));
      known.set(key, item);
    }
    items[count++] = item;
    i = j;
  }
  return count;
}

/** The item for `text`, its spacing and break rules not yet set; undefined when no face has every character. */
function measure(text: string, cls: ShapedItem['cls'], style: InlineStyle, preferred: readonly string[], ctx: ShapeContext): ShapedItem | undefined {
  const face = chooseFace(text, preferred, ctx.fallback, ctx.fonts);
  if (face === undefined) return undefined;
  const metrics = ctx.fonts.get(face)!;
  const advance = metrics.advance(text) * style.size;
  // A Chinese mark drawn narrower than an em (LXGW's curly quotes) still takes a full em, its
  // glyph at the side GB/T 15834 puts it: an opening mark at the right, the others at the left.
  const padded = isHalfBlankPunctuation(cls as CharClass) && advance < FULL_WIDTH * style.size;
  const width = padded ? style.size : advance;
  const gridded = cls === 'latin' && countsOnGrid(text, ctx);
  const item: ShapedItem = {
    ...UNMEASURED,
    text,
    cls,
    face,
    size: style.size,
    color: style.color,
    rise: style.rise + (metrics.raise ?? 0) * style.size,
    advance,
    width,
    breakWidth: gridded ? [...text].length * ctx.latinBreakWidth! * style.size : width,
    shift: padded && cls === 'open' ? style.size - advance : 0,
  };
  item.squeezable = squeezable(item, ctx);
  return item;
}

/**
 * What measure fills in, and the rules shapeSpans may change (a break and a gap justification
 * may widen before the item, no glue, nothing to squeeze). An item is shared by every occurrence
 * of its piece, whose widths the breaker and justifier read again and again: it starts as a copy
 * of this (object spread), because V8 keeps the fields of such a copy tagged, where a literal's
 * fields filled with fractions hold boxed doubles, and unoptimised code (bin/bulletin.js runs
 * --no-opt) allocates a heap number at every read of one. A copy of a literal did the same at
 * twice the allocation: measuring issue 218's pieces, ≈1.1 MB → ≈0.6 MB (sampled).
 */
const UNMEASURED: ShapedItem = {
  text: '',
  cls: 'han',
  face: '',
  size: 0,
  color: [0, 0, 0, 0],
  rise: 0,
  advance: 0,
  width: 0,
  breakWidth: 0,
  shift: 0,
  glueBefore: 0,
  breakBefore: true,
  stretchBefore: true,
  squeezable: 0,
};

/** Whether a Latin token counts latin_break_width a character when lines are filled, as the print's grid did. */
function countsOnGrid(token: string, ctx: ShapeContext): boolean {
  return ctx.latinBreakWidth !== undefined && [...token].length <= ctx.latinGridMaxChars;
}

function missingGlyph(text: string, faces: string[], ctx: ShapeContext, pos?: SourcePos): never {
  const chars = [...text];
  const index = chars.findIndex((ch) => !faces.some((id) => ctx.fonts.get(id)?.has(ch.codePointAt(0)!)));
  const ch = chars[Math.max(index, 0)];
  const at = pos && posAfter(pos, chars.slice(0, Math.max(index, 0)).join(''));
  throw new BulletinError(
    `no font of the template has the character ${describeChar(ch)}`,
    at,
    `replace the character, or add a face that has it to the template's fallback list (tried: ${[...new Set(faces)].join(', ')})`,
  );
}

/**
 * An explicit space between Han and Latin becomes the Han–Latin glue (clreq 3.2.2): the spaces go,
 * in place, and the indices of the items they stood before are returned (undefined for none).
 */
function collapseSpacesAtHanLatin(items: ShapedItem[]): Set<number> | undefined {
  let typed: Set<number> | undefined;
  let kept = 0;
  let prev: ShapedItem['cls'] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const cls = item.cls;
    if (cls === 'space') {
      const next = items[i + 1]?.cls;
      if ((prev === 'han' && next === 'latin') || (prev === 'latin' && next === 'han')) {
        (typed ??= new Set()).add(kept);
        prev = cls;
        continue;
      }
    }
    items[kept++] = item;
    prev = cls;
  }
  items.length = kept;
  return typed;
}

function mayBreakBetween(prev: ShapedItem['cls'], next: ShapedItem['cls']): boolean {
  if (next === 'space' || (prev === 'latin' && next === 'latin')) return false;
  if (forbidsLineStart(next) || forbidsLineEnd(prev)) return false;
  if (prev === next && (prev === 'dash' || prev === 'ellipsis')) return false;
  if (prev === 'latin' && next === 'unit') return false;
  return true;
}

/** No space is added before a closing mark or after a note marker (clreq 3.8, JLREQ 3.8.3). */
function mayStretchBetween(prev: ShapedItem['cls'], next: ShapedItem['cls']): boolean {
  if (next === 'marker' || prev === 'marker' || next === 'close' || next === 'stop' || (prev === 'latin' && next === 'latin')) return false;
  return !(prev === next && (prev === 'dash' || prev === 'ellipsis'));
}

function hanLatinGlue(prev: ShapedItem, next: ShapedItem, em: number): number {
  if (prev.cls === 'han' && next.cls === 'latin') return em * prev.size;
  if (prev.cls === 'latin' && next.cls === 'han') return em * next.size;
  return 0;
}

/**
 * Two full-width marks side by side take 1.5 em, not 2 (clreq 3.1.6): the blank half between
 * them goes. A closing mark's blank half is on its right, an opening mark's on its left. A note
 * marker after a closing mark takes that mark's blank half too, so it sits against the glyph.
 */
function squeezePair(items: ShapedItem[], i: number, writable: (i: number) => ShapedItem): void {
  const prev = items[i - 1];
  const next = items[i];
  if (prev.cls === 'marker' || !isHalfBlankPunctuation(prev.cls)) return;
  if (next.cls !== 'marker' && !isHalfBlankPunctuation(next.cls)) return;
  if (prev.cls !== 'open') {
    const blank = blankHalf(prev);
    const squeezed = writable(i - 1);
    squeezed.width -= blank;
    squeezed.breakWidth -= blank;
  } else if (next.cls === 'open') {
    const blank = blankHalf(next);
    const squeezed = writable(i);
    squeezed.shift -= blank;
    squeezed.width -= blank;
    squeezed.breakWidth -= blank;
  }
}

function blankHalf(item: ShapedItem): number {
  return item.width >= FULL_WIDTH * item.size ? item.size / 2 : 0;
}

/**
 * Latin tokens (at `indices`) cut into one item a character, so that a line can end inside them
 * at the points tokenBreaks finds (FORMAT.md §2): a token's own spacing and break rules stay
 * with its first character, the others join it with nothing between them.
 */
export function splitTokens(items: readonly ShapedItem[], indices: ReadonlySet<number>, ctx: ShapeContext): ShapedItem[] {
  return items.flatMap((item, i) => (indices.has(i) ? splitToken(item, ctx) : [item]));
}

function splitToken(token: ShapedItem, ctx: ShapeContext): ShapedItem[] {
  const chars = [...token.text];
  const face = ctx.fonts.get(token.face)!;
  const breaks = tokenBreaks(token.text, ctx.tokenBreaks);
  const hyphenWidth = face.advance(ctx.tokenBreaks.hyphen) * token.size;
  const gridded = countsOnGrid(token.text, ctx);
  return chars.map((ch, i): ShapedItem => {
    // A piece advances by what it adds to its predecessor shaped with it (kerning), so that
    // pieces drawn as one run land where the layout put them.
    const advance = (i === 0 ? face.advance(ch) : face.advance(chars[i - 1] + ch) - face.advance(chars[i - 1])) * token.size;
    const breakWidth = gridded ? ctx.latinBreakWidth! * token.size : advance;
    const piece = { ...token, text: ch, advance, width: advance, breakWidth };
    if (i === 0) return piece;
    const at = breaks.get(i);
    return { ...piece, glueBefore: 0, breakBefore: false, stretchBefore: false, emergencyBefore: at?.level ?? 2, hyphenWidth: at?.hyphen ? hyphenWidth : undefined };
  });
}

/** The hyphen that ends a line broken inside a word, in the word's face. */
export function hyphenAfter(item: ShapedItem, ctx: ShapeContext): ShapedItem {
  const hyphen = ctx.tokenBreaks.hyphen;
  const advance = ctx.fonts.get(item.face)!.advance(hyphen) * item.size;
  return { ...item, text: hyphen, advance, width: advance, breakWidth: advance, glueBefore: 0, stretchBefore: false, squeezable: 0 };
}
