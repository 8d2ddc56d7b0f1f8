import { classifyCodePoint, codeUnits, pieceEnd } from '../layout/charclass.js';
import type { GlyphRun } from '../fonts/fontbook.js';
import type { TextItem } from '../layout/types.js';

/** What the renderer needs of a face: the font pdfkit embeds, and the glyphs the layout measured. */
export interface DrawableFace {
  readonly embeddable: object;
  glyphs(piece: string): GlyphRun;
  /** Make the outlines of the glyphs handed out readable: pdfkit subsets the font when the document ends. */
  readOutlines(): void;
}

/**
 * pdfkit's embedded font (lib/font/embedded.js), as of the exactly pinned pdfkit 0.20.2: its
 * subset and the widths and ToUnicode entries its embed() writes when the document ends.
 * test/glyphs.test.ts fails when these change (it draws through pdfkit's own text() too).
 */
export interface PdfkitEmbeddedFont {
  id: string;
  /** 1000 / unitsPerEm: PDF glyph space. */
  scale: number;
  subset: { includeGlyph(glyphId: number): number; readonly glyphs: readonly number[] };
  widths: (number | undefined)[];
  unicode: (readonly number[] | undefined)[];
  ref(): unknown;
}

interface PdfkitPage {
  fonts: Record<string, unknown>;
}

/**
 * The operators that draw a text item from the glyphs the layout measured, in the face's font at
 * the item's size: those pdfkit's save(), transform(), text() and restore() write for a single
 * unwrapped line, without shaping the run again, as one string written at once, where pdfkit's
 * calls write each operator apart. `spanOpening` and `fill` go ahead of them (the run's span
 * opening, its fill colour); `closeSpan`: the open ActualText span ends inside the item's q … Q.
 */
export function textOperators(face: OpenedFace, item: TextItem, pageHeight: number, spanOpening: string, fill: string, closeSpan: boolean): string {
  const { font } = face;
  const drawn = eachPiece(item.text, face.placed, face.place, placed);
  const y = pageHeight - item.y;
  let n = 0;
  parts[n++] = spanOpening;
  parts[n++] = fill;
  parts[n++] = textStart(pageHeight);
  parts[n++] = number(item.x);
  parts[n++] = ' ';
  parts[n++] = number(y);
  let fontAndSize = face.sizes.get(item.size);
  if (fontAndSize === undefined) face.sizes.set(item.size, (fontAndSize = ` Tm\n/${font.id} ${number(item.size)} Tf\n`));
  parts[n++] = fontAndSize;
  if (item.charSpacing) {
    parts[n++] = number(item.charSpacing);
    parts[n++] = ' Tc\n';
  }
  let plain = true;
  let glyphs = 0;
  for (let k = 0; k < drawn.length; k++) {
    plain &&= drawn[k].plain;
    glyphs += drawn[k].glyphs.ids.length;
  }
  if (!plain) parts[n++] = showOperators(placedGlyphs(drawn, font.scale), item.x, y, item.size / 1000);
  else if (glyphs > 0) {
    // Glyphs without kerning or offsets make one segment, ended by the last one's kerning: none.
    parts[n++] = '[<';
    for (let k = 0; k < drawn.length; k++) parts[n++] = drawn[k].hex;
    parts[n++] = '> 0] TJ\n';
  }
  // EMC before Q, so that a reader ending the span still has the run's matrix, font and size:
  // poppler places an ActualText by the graphics state at its EMC.
  parts[n++] = closeSpan ? 'ET\nEMC\nQ' : 'ET\nQ';
  parts.length = n;
  return parts.join('');
}

/**
 * The strings of a text item's operators, joined once: a string built by += is one object per
 * step. Written by index and cut to length, which keeps the array's store (emptied, it would be
 * dropped).
 */
const parts: string[] = [];

/** What every text item starts with, up to its position: the same for every item of a document. */
function textStart(pageHeight: number): string {
  if (pageHeight !== startHeight) {
    startHeight = pageHeight;
    start = `q\n1 0 0 -1 0 ${number(pageHeight)} cm\nBT\n1 0 0 1 `;
  }
  return start;
}

let startHeight = NaN;
let start = '';

/**
 * A face as drawn: pdfkit's font for it, the pieces placed in that font, its operators for each
 * size drawn, and the page whose resources it was last entered in (see fontOnPage).
 */
export interface OpenedFace {
  readonly font: PdfkitEmbeddedFont;
  /**
   * Pieces drawn in the font, a Latin word (or letter) by its text, any other character by its
   * code point. A glyph enters the subset, its width and its characters (for ToUnicode) the first
   * time it is drawn; drawing the same piece again adds nothing, so a piece's glyphs are placed once.
   */
  readonly placed: Map<number | string, PlacedRun>;
  /** Place a piece not drawn before. */
  readonly place: (piece: string) => PlacedRun;
  /** ` Tm`'s end and the font and size operator (` Tm\n/F1 10.5 Tf\n`), by size. */
  readonly sizes: Map<number, string>;
  /** The index of the page the font was last entered in; -1 before the first. */
  page: number;
}

/** pdfkit's font for a face, opened (and named F1, F2…) when the face is first drawn. */
export function openedFace(pdf: PDFKit.PDFDocument, id: string, face: DrawableFace): OpenedFace {
  pdf.font(id);
  const font = (pdf as unknown as { _font: PdfkitEmbeddedFont })._font;
  return { font, placed: new Map(), place: (piece) => placeRun(font, face.glyphs(piece)), sizes: new Map(), page: -1 };
}

/**
 * Enter a font in the current page's resources. pdfkit numbers the font's object when it is first
 * entered, so a page whose drawn content is reused (see pagecache.ts) still enters its fonts as
 * its text items are drawn.
 */
export function fontOnPage(pdf: PDFKit.PDFDocument, font: PdfkitEmbeddedFont): void {
  (pdf as unknown as { page: PdfkitPage }).page.fonts[font.id] ??= font.ref();
}

/**
 * What `known` holds for each piece of `text` in order, into `out`: its Latin words and single
 * characters, as the layout measured them (layout/charclass.ts pieceEnd). A piece is known by its
 * code point when a single character (most are Han: looked up before being classified), by its
 * text when a Latin word; one not known yet is cut out of the text and given to `make`, and what
 * that returns kept. Indexed loops and a reused `out`: the renderer runs unoptimised
 * (bin/bulletin.js), where each for…of step and each temporary array is an allocation.
 */
export function eachPiece<T>(text: string, known: Map<number | string, T>, make: (piece: string) => T, out: T[]): T[] {
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    let value = known.get(cp);
    let end = i + codeUnits(cp);
    if (value === undefined) {
      const cls = classifyCodePoint(cp);
      end = pieceEnd(text, i, cls, false);
      const piece = text.slice(i, end);
      const key = cls === 'latin' ? piece : cp;
      value = known.get(key);
      if (value === undefined) {
        value = make(piece);
        known.set(key, value);
      }
    }
    out[count++] = value;
    i = end;
  }
  out.length = count;
  return out;
}

/** The runs of the text item being drawn, reused as `parts` is. */
const placed: PlacedRun[] = [];

/**
 * A piece's glyphs placed in a font: `hex` their codes in the subset, four hex digits each;
 * `plain`: none kerned or moved off its pen position.
 */
interface PlacedRun {
  readonly glyphs: GlyphRun;
  readonly plain: boolean;
  readonly hex: string;
}

function placeRun(font: PdfkitEmbeddedFont, glyphs: GlyphRun): PlacedRun {
  let plain = true;
  let hex = '';
  for (let i = 0; i < glyphs.ids.length; i++) {
    const gid = font.subset.includeGlyph(glyphs.ids[i]);
    font.widths[gid] ??= glyphs.widths[i] * font.scale;
    font.unicode[gid] ??= glyphs.codePoints[i];
    hex += gid.toString(16).padStart(4, '0');
    plain &&= !glyphs.offsets?.get(i) && glyphs.xAdvances[i] * font.scale - glyphs.widths[i] * font.scale === 0;
  }
  return { glyphs, plain, hex };
}

/** The glyphs of runs, one by one, in a font's glyph space: for the TJ arrays of a text item with kerned or moved glyphs. */
function placedGlyphs(runs: readonly PlacedRun[], scale: number): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  for (let r = 0; r < runs.length; r++) {
    const { glyphs, hex } = runs[r];
    for (let i = 0; i < glyphs.ids.length; i++) {
      const glyph: PlacedGlyph = { hex: hex.slice(4 * i, 4 * i + 4), advance: glyphs.xAdvances[i] * scale, width: glyphs.widths[i] * scale };
      const offset = glyphs.offsets?.get(i);
      if (offset) glyph.offset = [offset[0] * scale, offset[1] * scale];
      out.push(glyph);
    }
  }
  return out;
}

/** A glyph in PDF glyph space (thousandths of an em). */
interface PlacedGlyph {
  readonly hex: string;
  /** Pen advance, kerning included. */
  readonly advance: number;
  readonly width: number;
  /** Off the pen position (a combining mark). */
  offset?: readonly [number, number];
}

/**
 * TJ arrays as pdfkit's text() writes them, one operator a line: glyphs in segments, each ended
 * by its last glyph's kerning; a glyph moved off its pen position gets a text matrix of its own.
 * Like pdfkit, the pen position for those matrices leaves character spacing out.
 */
function showOperators(glyphs: readonly PlacedGlyph[], x0: number, y: number, scale: number): string {
  let operators = '';
  let commands = '';
  let segment = '';
  const endSegment = (glyph: PlacedGlyph) => {
    if (segment) commands += `${commands ? ' ' : ''}<${segment}> ${number(glyph.width - glyph.advance)}`;
    segment = '';
  };
  const flush = () => {
    if (commands) operators += `[${commands}] TJ\n`;
    commands = '';
  };
  let x = x0;
  let moved = false;
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i];
    if (glyph.offset) {
      if (i > 0) endSegment(glyphs[i - 1]);
      flush();
      operators += `1 0 0 1 ${number(x + glyph.offset[0] * scale)} ${number(y + glyph.offset[1] * scale)} Tm\n`;
      segment = glyph.hex;
      endSegment(glyph);
      flush();
      moved = true;
    } else {
      if (moved) operators += `1 0 0 1 ${number(x)} ${number(y)} Tm\n`;
      moved = false;
      segment += glyph.hex;
      if (glyph.advance - glyph.width !== 0) endSegment(glyph);
    }
    x += glyph.advance * scale;
  }
  if (glyphs.length > 0) endSegment(glyphs[glyphs.length - 1]);
  flush();
  return operators;
}

/**
 * The lines pdfkit's fillColor() writes for a colour given as CMYK percentages or RGB bytes, with
 * no opacity: its colour space, then the colour's components in that space's 0–1 range.
 */
export function fillColorOperators(color: readonly number[]): string {
  const space = color.length === 4 ? 'DeviceCMYK' : 'DeviceRGB';
  const full = color.length === 4 ? 100 : 255;
  return `/${space} cs\n${color.map((part) => part / full).join(' ')} scn\n`;
}

/** Numbers as pdfkit writes them into content streams: at most six decimals. */
function number(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** A PDF text string in UTF-16BE with its byte-order mark, as a hex string (ISO 32000-1 §7.9.2.2). */
export function utf16Hex(text: string): string {
  return utf16HexOfStretch(utf16BEHex(text), 0, text.length);
}

/** utf16Hex of `text.slice(start, end)`, from the text's utf16BEHex: each UTF-16 code unit is four hex digits. */
export function utf16HexOfStretch(hex: string, start: number, end: number): string {
  return `<FEFF${hex.slice(4 * start, 4 * end)}>`;
}

/** A text's UTF-16BE code units in hex, upper case. */
export function utf16BEHex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}
