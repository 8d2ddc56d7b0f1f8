import * as fontkit from 'fontkit';
import { BulletinError } from '../errors.js';
import type { FaceMetrics } from '../layout/types.js';

/** A face opened from its file: metrics for the layout, and the font object the renderer embeds. */
export interface LoadedFace extends FaceMetrics {
  readonly font: fontkit.Font;
  /** The font as pdfkit should embed it: see `withEmBox`. */
  readonly embeddable: object;
}

/**
 * Open a font file's bytes with fontkit. Advances are those the renderer will produce: a
 * single character's glyph advance, or the shaped advance of a Latin word (kerning included),
 * cached because a bulletin repeats its few thousand characters many times.
 */
export function openFace(id: string, file: string, bytes: Uint8Array, raise: number, emAscent: number): LoadedFace {
  let opened: fontkit.Font;
  try {
    opened = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new BulletinError(`the font file for face “${id}” cannot be read: ${(error as Error).message}`, { file }, 'reinstall the font file (see fonts/README.md)');
  }
  if (opened.fonts) {
    throw new BulletinError('the font file is a collection (.ttc); the template needs a single face', { file }, 'extract the face you mean into its own .ttf/.otf file: a collection’s first face is often the Traditional or Japanese one');
  }
  if (!opened.unitsPerEm || typeof opened.hasGlyphForCodePoint !== 'function') {
    throw new BulletinError(`the font file for face “${id}” is not a usable TrueType or OpenType font`, { file });
  }
  // Layout and renderer share one font object, so fontkit parses each table and glyph once.
  const font = withEmBox(opened, emAscent);
  const advances = new Map<string, number>();
  const coverage = new Map<number, boolean>();
  return {
    id,
    raise,
    font,
    embeddable: font,
    has(codePoint: number): boolean {
      let known = coverage.get(codePoint);
      if (known === undefined) {
        known = font.hasGlyphForCodePoint(codePoint);
        coverage.set(codePoint, known);
      }
      return known;
    },
    advance(text: string): number {
      let em = advances.get(text);
      if (em === undefined) {
        const single = text.length <= 2 && [...text].length === 1;
        const units = single ? horizontalAdvance(font, font.glyphForCodePoint(text.codePointAt(0)!).id) : font.layout(text).advanceWidth;
        em = units / font.unitsPerEm;
        advances.set(text, em);
      }
      return em;
    },
  };
}

/**
 * The font with the ideographic em box as its ascent and descent. pdfkit writes ascent and
 * descent into the PDF's font descriptor, where readers take them as every glyph's box. With
 * hhea's clipping extents (Termes 1.34 em, Noto 1.45 em) a Latin word's box stands taller and
 * lower than the 1-em boxes of the ideographs beside it, and text extraction and selection
 * cut the line apart. One em box for every face keeps a mixed line one line.
 */
function withEmBox(font: fontkit.Font, emAscent: number): fontkit.Font {
  return Object.create(font, {
    ascent: { value: emAscent * font.unitsPerEm },
    descent: { value: (emAscent - 1) * font.unitsPerEm },
  }) as fontkit.Font;
}

interface Hmtx {
  metrics: { length: number; get(i: number): { advance: number } };
}

/**
 * A glyph's advance straight from the hmtx table (OpenType hmtx: the last entry's advance
 * repeats for the glyphs after it). fontkit's Glyph.advanceWidth also computes the glyph's
 * bounding box, which for CFF outlines means parsing the whole charstring.
 */
function horizontalAdvance(font: fontkit.Font, glyphId: number): number {
  const { metrics } = (font as unknown as { hmtx: Hmtx }).hmtx;
  return metrics.get(Math.min(glyphId, metrics.length - 1)).advance;
}
