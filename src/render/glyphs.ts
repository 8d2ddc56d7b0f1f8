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
interface PdfkitEmbeddedFont {
  id: string;
  /** 1000 / unitsPerEm: PDF glyph space. */
  scale: number;
  subset: { includeGlyph(glyphId: number): number };
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
  const internals = pdf as unknown as { _font: PdfkitEmbeddedFont; page: PdfkitPage };
  const font = internals._font;
  const page = internals.page;
  const glyphs: PlacedGlyph[] = [];
  for (const piece of pieces(item.text)) {
    const run = face.glyphs(piece);
    run.ids.forEach((id, i) => {
      const gid = font.subset.includeGlyph(id);
      font.widths[gid] ??= run.widths[i] * font.scale;
      font.unicode[gid] ??= run.codePoints[i];
      const offset = run.offsets?.get(i);
      glyphs.push({
        hex: gid.toString(16).padStart(4, '0'),
        advance: run.xAdvances[i] * font.scale,
        width: run.widths[i] * font.scale,
        ...(offset ? { offset: [offset[0] * font.scale, offset[1] * font.scale] as const } : {}),
      });
    });
  }
  const y = page.height - item.y;
  page.fonts[font.id] ??= font.ref();
  // The lines pdfkit's save(), transform(), text() and restore() write, as one write (pdfkit
  // makes a buffer of each): the graphics state is saved and restored around them.
  const operators = ['q', `1 0 0 -1 0 ${number(page.height)} cm`, 'BT', `1 0 0 1 ${number(item.x)} ${number(y)} Tm`, `/${font.id} ${number(item.size)} Tf`];
  if (item.charSpacing) operators.push(`${number(item.charSpacing)} Tc`);
  operators.push(...showOperators(glyphs, item.x, y, item.size / 1000), 'ET');
  // Before Q, so that a reader ending the span still has the run's matrix, font and size: poppler
  // places an ActualText by the graphics state at its EMC.
  if (closeSpan) operators.push('EMC');
  operators.push('Q');
  pdf.addContent(operators.join('\n'));
}

/** A glyph in PDF glyph space (thousandths of an em). */
interface PlacedGlyph {
  hex: string;
  /** Pen advance, kerning included. */
  advance: number;
  width: number;
  /** Off the pen position (a combining mark). */
  offset?: readonly [number, number];
}

/**
 * TJ arrays as pdfkit's text() writes them: glyphs in segments, each ended by its last glyph's
 * kerning; a glyph moved off its pen position gets a text matrix of its own. Like pdfkit, the pen
 * position for those matrices leaves character spacing out.
 */
function showOperators(glyphs: readonly PlacedGlyph[], x0: number, y: number, scale: number): string[] {
  const operators: string[] = [];
  const commands: string[] = [];
  let last = 0;
  const addSegment = (end: number) => {
    if (last < end) {
      const kern = glyphs[end - 1].advance - glyphs[end - 1].width;
      commands.push(`<${glyphs.slice(last, end).map((g) => g.hex).join('')}> ${number(-kern)}`);
    }
    last = end;
  };
  const flush = (end: number) => {
    addSegment(end);
    if (commands.length > 0) operators.push(`[${commands.join(' ')}] TJ`);
    commands.length = 0;
  };
  let x = x0;
  let moved = false;
  glyphs.forEach((glyph, i) => {
    if (glyph.offset) {
      flush(i);
      operators.push(`1 0 0 1 ${number(x + glyph.offset[0] * scale)} ${number(y + glyph.offset[1] * scale)} Tm`);
      flush(i + 1);
      moved = true;
    } else {
      if (moved) operators.push(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
      moved = false;
      if (glyph.advance - glyph.width !== 0) addSegment(i + 1);
    }
    x += glyph.advance * scale;
  });
  flush(glyphs.length);
  return operators;
}

/** Numbers as pdfkit writes them into content streams: at most six decimals. */
function number(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** A PDF text string in UTF-16BE with its byte-order mark, as a hex string (ISO 32000-1 §7.9.2.2). */
export function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}
