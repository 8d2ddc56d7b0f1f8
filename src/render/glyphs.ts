import { classify } from '../layout/charclass.js';
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
  height: number;
  fonts: Record<string, unknown>;
}

/**
 * Split a run's text into what the layout measured as one: a Latin word, or one character.
 * A run never joins two Latin words without a space (see layout/runs.ts), so the words are the
 * layout's own.
 */
export function pieces(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of text) {
    if (classify(ch) === 'latin') {
      word += ch;
      continue;
    }
    if (word) out.push(word);
    word = '';
    out.push(ch);
  }
  if (word) out.push(word);
  return out;
}

/**
 * Draw a text item from the glyphs the layout measured, in the current font and size: the text
 * operators pdfkit's text() writes for a single unwrapped line, without shaping the run again.
 */
export function drawGlyphs(pdf: PDFKit.PDFDocument, item: TextItem, face: DrawableFace, closeSpan = false): void {
  const { font, page, runs, plain, hex } = placeGlyphs(pdf, item, face);
  const y = page.height - item.y;
  // The lines pdfkit's save(), transform(), text() and restore() write, as one write (pdfkit
  // makes a buffer of each): the graphics state is saved and restored around them.
  let operators = `q\n1 0 0 -1 0 ${number(page.height)} cm\nBT\n1 0 0 1 ${number(item.x)} ${number(y)} Tm\n/${font.id} ${number(item.size)} Tf\n`;
  if (item.charSpacing) operators += `${number(item.charSpacing)} Tc\n`;
  // Glyphs without kerning or offsets make one segment, ended by the last one's kerning: none.
  if (!plain) operators += showOperators(runs.flatMap((run) => run.glyphs), item.x, y, item.size / 1000);
  else if (hex) operators += `[<${hex}> 0] TJ\n`;
  operators += 'ET\n';
  // Before Q, so that a reader ending the span still has the run's matrix, font and size: poppler
  // places an ActualText by the graphics state at its EMC.
  if (closeSpan) operators += 'EMC\n';
  pdf.addContent(operators + 'Q');
}

/**
 * pdfkit's current font, entered in the page's resources. pdfkit numbers the font's object when
 * it is first entered, so a page whose drawn content is reused (see pagecache.ts) still enters
 * its fonts as each text item is drawn.
 */
export function fontOnPage(pdf: PDFKit.PDFDocument): PdfkitEmbeddedFont {
  const font = currentFont(pdf);
  (pdf as unknown as { page: PdfkitPage }).page.fonts[font.id] ??= font.ref();
  return font;
}

export function currentFont(pdf: PDFKit.PDFDocument): PdfkitEmbeddedFont {
  return (pdf as unknown as { _font: PdfkitEmbeddedFont })._font;
}

/** A text item's glyphs placed in the current font: they enter its subset, widths and ToUnicode map the first time. */
function placeGlyphs(pdf: PDFKit.PDFDocument, item: TextItem, face: DrawableFace): { font: PdfkitEmbeddedFont; page: PdfkitPage; runs: PlacedRun[]; plain: boolean; hex: string } {
  const internals = pdf as unknown as { _font: PdfkitEmbeddedFont; page: PdfkitPage };
  const font = internals._font;
  const page = internals.page;
  const placed = placedPieces(font);
  const runs: PlacedRun[] = [];
  let plain = true;
  let hex = '';
  for (const piece of pieces(item.text)) {
    let run = placed.get(piece);
    if (run === undefined) {
      run = placeRun(font, face.glyphs(piece));
      placed.set(piece, run);
    }
    runs.push(run);
    plain &&= run.plain;
    if (plain) hex += run.hex;
  }
  fontOnPage(pdf);
  return { font, page, runs, plain, hex };
}

/** A piece's glyphs placed in a font; `plain`: none kerned or moved off its pen position, `hex` their codes. */
interface PlacedRun {
  readonly glyphs: readonly PlacedGlyph[];
  readonly plain: boolean;
  readonly hex: string;
}

/**
 * The pieces drawn in a font, by piece. A glyph enters the subset, its width and its characters
 * (for ToUnicode) the first time it is drawn; drawing the same piece again adds nothing, so a
 * piece's glyphs are placed once.
 */
const placedByFont = new WeakMap<PdfkitEmbeddedFont, Map<string, PlacedRun>>();

function placedPieces(font: PdfkitEmbeddedFont): Map<string, PlacedRun> {
  let placed = placedByFont.get(font);
  if (placed === undefined) {
    placed = new Map();
    placedByFont.set(font, placed);
  }
  return placed;
}

function placeRun(font: PdfkitEmbeddedFont, run: GlyphRun): PlacedRun {
  const glyphs: PlacedGlyph[] = [];
  let plain = true;
  for (let i = 0; i < run.ids.length; i++) {
    const gid = font.subset.includeGlyph(run.ids[i]);
    font.widths[gid] ??= run.widths[i] * font.scale;
    font.unicode[gid] ??= run.codePoints[i];
    const offset = run.offsets?.get(i);
    const glyph: PlacedGlyph = { hex: gid.toString(16).padStart(4, '0'), advance: run.xAdvances[i] * font.scale, width: run.widths[i] * font.scale };
    if (offset) glyph.offset = [offset[0] * font.scale, offset[1] * font.scale];
    plain &&= !offset && glyph.advance - glyph.width === 0;
    glyphs.push(glyph);
  }
  return { glyphs, plain, hex: glyphs.map((glyph) => glyph.hex).join('') };
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

/** Numbers as pdfkit writes them into content streams: at most six decimals. */
function number(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** A PDF text string in UTF-16BE with its byte-order mark, as a hex string (ISO 32000-1 §7.9.2.2). */
export function utf16Hex(text: string): string {
  return `<FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}
