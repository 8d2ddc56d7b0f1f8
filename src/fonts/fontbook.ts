import * as fontkit from 'fontkit';
import { BulletinError } from '../errors.js';
import type { FaceMetrics } from '../layout/types.js';
import type { RangedFile } from '../world.js';
import { openSparse, type SparseFont } from './sparse.js';
import { wordShaper, type WordShaper } from './shaping.js';
import { directTables, tableDirectory, viewOf, type TableRecord } from './tables.js';

/** Glyphs of a piece of text as the layout measured them; advances in font units. */
export interface GlyphRun {
  readonly ids: readonly number[];
  /** The characters each glyph stands for (several for a ligature), for the PDF's ToUnicode map. */
  readonly codePoints: readonly (readonly number[])[];
  /** Where the next glyph starts: the glyph's advance plus any kerning. */
  readonly xAdvances: readonly number[];
  /** The glyph's own advance (hmtx), as a PDF font's widths give it. */
  readonly widths: readonly number[];
  /** Glyphs the shaper moved off the pen position (combining marks), by index: [x, y]. */
  readonly offsets?: ReadonlyMap<number, readonly [number, number]>;
}

/** A face opened from its file: metrics for the layout, and the font object the renderer embeds. */
export interface LoadedFace extends FaceMetrics {
  readonly font: fontkit.Font;
  /** The font as pdfkit should embed it: see `embeddingView`. */
  readonly embeddable: object;
  /**
   * The glyphs of one character or of one Latin word, exactly as `advance` measured them: the
   * renderer draws these, so nothing is shaped twice.
   */
  glyphs(piece: string): GlyphRun;
  /** Read the outlines of the glyphs `glyphs` handed out: before fontkit subsets the font. */
  readOutlines(): void;
}

/**
 * Open a font file with fontkit, reading only the parts a build uses (see sparse.ts). Advances
 * are those the renderer will produce: a single character's glyph advance, or the shaped
 * advance of a Latin word (kerning included), cached because a bulletin repeats its few
 * thousand characters many times.
 */
export function openFace(id: string, file: string, source: RangedFile, raise: number, emAscent: number): LoadedFace {
  let opened: fontkit.Font;
  let sparse: SparseFont;
  try {
    sparse = openSparse(source);
    opened = fontkit.create(sparse.bytes);
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
  const font = embeddingView(opened, emAscent, sparse);
  const directory = sparse.directory ?? tableDirectory(viewOf(sparse.bytes));
  const tables = glyphTables(font, sparse.bytes, directory, (run) => sparse.needGlyphs(run.ids));
  const words = wordShaper(sparse.bytes, (cp) => tables.glyphForCodePoint(cp), (glyphId) => tables.advance(glyphId), directory);
  const unitsPerEm = font.unitsPerEm;
  /** Runs of more than one character: single characters are the tables'. */
  const runs = new Map<string, GlyphRun>();
  const glyphs = (piece: string): GlyphRun => {
    if (isOneCharacter(piece)) return tables.character(piece.codePointAt(0)!);
    let run = runs.get(piece);
    if (run === undefined) {
      run = wordRun(words, tables, piece) ?? shapedRun(font, tables, piece);
      sparse.needGlyphs(run.ids);
      runs.set(piece, run);
    }
    return run;
  };
  return {
    id,
    raise,
    font,
    embeddable: font,
    has: (codePoint) => tables.has(codePoint),
    advance(text: string): number {
      const { xAdvances } = glyphs(text);
      let sum = 0;
      for (let i = 0; i < xAdvances.length; i++) sum += xAdvances[i];
      return sum / unitsPerEm;
    },
    glyphs,
    readOutlines: () => sparse.readOutlines(),
  };
}

/** One character (a surrogate pair is one): a lone glyph, unshaped. */
function isOneCharacter(piece: string): boolean {
  return piece.length === 1 || (piece.length === 2 && piece.codePointAt(0)! > 0xffff);
}

/**
 * What the font's cmap and hmtx say of a character and a glyph, and the code points fontkit's
 * glyph objects hold: fontkit keeps a glyph object once made, with the code points it was first
 * made for, and the PDF's ToUnicode map takes them from there (two characters can share a glyph).
 */
interface GlyphTables {
  /** Whether the face has a glyph for the character; asked once a character (chooseFace asks each piece's). */
  has(codePoint: number): boolean;
  /** One character's run (see singleGlyph), made once. */
  character(codePoint: number): GlyphRun;
  /** As fontkit's glyphForCodePoint: the character's glyph, made for it unless made before. */
  glyphForCodePoint(codePoint: number): number;
  /** As fontkit's getGlyph(glyphId, codePoints).codePoints: the code points the glyph was first made for. */
  getGlyph(glyphId: number, codePoints: number[]): number[];
  advance(glyphId: number): number;
  /** Before fontkit shapes: its glyph objects made for the glyphs handed out, so that its layout finds them as before. */
  sync(): void;
}

/** fontkit's glyph cache (fontkit 2.0.4 TTFFont._glyphs): the objects getGlyph made, by glyph id. */
interface GlyphCache {
  _glyphs: Record<number, fontkit.Glyph | undefined>;
}

/**
 * fontkit's answers, read straight from the font's bytes where tables.ts follows the font. Its
 * glyph objects are not made for the layout: a CFF font without subroutines (FandolFang, the
 * body face) never needs them, and making one for each of a bulletin's ≈1,700 characters, with
 * fontkit's bookkeeping, was a fifth of measuring (issue 9). The code points they would hold are
 * kept here, with fontkit's rule that the first ones stay, and the objects are made before
 * fontkit shapes. `made` is told of each character's run as it is made.
 */
function glyphTables(font: fontkit.Font, bytes: Buffer, directory: Map<string, TableRecord> | undefined, made: (run: GlyphRun) => void): GlyphTables {
  const direct = directTables(bytes, directory);
  if (!direct) {
    const coverage = new Map<number, boolean>();
    const characters = new Map<number, GlyphRun>();
    const tables: GlyphTables = {
      has: (cp) => {
        let known = coverage.get(cp);
        if (known === undefined) coverage.set(cp, (known = font.hasGlyphForCodePoint(cp)));
        return known;
      },
      character: (cp) => characterRun(characters, tables, cp, made),
      glyphForCodePoint: (cp) => font.glyphForCodePoint(cp).id,
      getGlyph: (id, codePoints) => font.getGlyph(id, codePoints).codePoints,
      advance: (id) => horizontalAdvance(font, id),
      sync: () => {},
    };
    return tables;
  }
  const objects = (font as unknown as GlyphCache)._glyphs;
  /**
   * Each character asked of the face, by code point: its glyph id while only `has` or the word
   * shaper asked (-1 where fontkit must say: a cmap tables.ts does not follow there), its run once
   * drawn alone. One table where a map of ids and a map of runs held each Han character twice:
   * issue 218's ≈1,700 characters, ≈0.16 MB less promoted to the old space (MINOR=0 sampling).
   */
  const characters = new Map<number, number | GlyphRun>();
  const directId = (cp: number): number => {
    const known = characters.get(cp);
    // A drawn character's glyph is its run's: fontkit's answer where fontkit had to say, the same.
    if (known !== undefined) return typeof known === 'number' ? known : known.ids[0];
    const id = direct.glyphId(cp) ?? -1;
    characters.set(cp, id);
    return id;
  };
  const firstCodePoints = new Map<number, number[]>();
  /** Glyphs handed out since fontkit last made glyphs, that it has no object for. */
  let unmade: number[] = [];
  const sync = () => {
    for (let i = 0; i < unmade.length; i++) font.getGlyph(unmade[i], firstCodePoints.get(unmade[i]));
    unmade = [];
  };
  const getGlyph = (id: number, codePoints: number[]): number[] => {
    let first = firstCodePoints.get(id);
    if (first === undefined) {
      const object = objects[id];
      first = object === undefined ? codePoints : object.codePoints;
      firstCodePoints.set(id, first);
      if (object === undefined) unmade.push(id);
    }
    return first;
  };
  const tables: GlyphTables = {
    has: (cp) => {
      const id = directId(cp);
      return id < 0 ? font.hasGlyphForCodePoint(cp) : id !== 0;
    },
    character: (cp) => characterRun(characters, tables, cp, made),
    glyphForCodePoint: (cp) => {
      const id = directId(cp);
      if (id >= 0) {
        if (!firstCodePoints.has(id)) getGlyph(id, [cp]);
        return id;
      }
      sync();
      return font.glyphForCodePoint(cp).id;
    },
    getGlyph,
    advance: (id) => direct.advance(id),
    sync,
  };
  return tables;
}

/** The run of a character drawn alone, kept in its face's table of characters in place of what else the table knew of it. */
function characterRun<Known extends number>(characters: Map<number, Known | GlyphRun>, tables: GlyphTables, codePoint: number, made: (run: GlyphRun) => void): GlyphRun {
  const known = characters.get(codePoint);
  if (typeof known === 'object') return known;
  const run = singleGlyph(tables, codePoint);
  characters.set(codePoint, run);
  made(run);
  return run;
}

/** What getGlyph is given for a glyph made already: it answers the code points the glyph was made with. */
const MADE_BEFORE: number[] = [];

/** One character: its glyph through the cmap and its advance from hmtx, with no shaping. */
function singleGlyph(tables: GlyphTables, codePoint: number): GlyphRun {
  const id = tables.glyphForCodePoint(codePoint);
  // One array for both: a lone glyph's advance is its width, and the renderer only reads them.
  const advance = loneAdvance(tables.advance(id));
  // glyphForCodePoint made the glyph, unless it was made before: its code points are the first.
  return { ids: [id], codePoints: [tables.getGlyph(id, MADE_BEFORE)], xAdvances: advance, widths: advance };
}

/**
 * The one-element array of a lone glyph's advance, shared by every lone glyph that advance: a
 * Chinese face's characters are nearly all one em, and an array each was ≈0.1 MB promoted to
 * the old space in a build of issue 218 (MINOR=0 sampling). Advances are font units, so a process
 * keeps at most a few hundred.
 */
function loneAdvance(advance: number): readonly number[] {
  let shared = loneAdvances.get(advance);
  if (shared === undefined) loneAdvances.set(advance, (shared = [advance]));
  return shared;
}

const loneAdvances = new Map<number, readonly number[]>();

/** A word of printable ASCII shaped from the font's tables as fontkit would shape it (see shaping.ts); undefined where fontkit must. */
function wordRun(words: WordShaper | undefined, tables: GlyphTables, text: string): GlyphRun | undefined {
  const shaped = words?.shape(text);
  if (shaped === undefined) return undefined;
  const codePoints: number[][] = [];
  const widths: number[] = [];
  for (let i = 0; i < shaped.ids.length; i++) {
    codePoints.push(tables.getGlyph(shaped.ids[i], shaped.codePoints[i]));
    widths.push(tables.advance(shaped.ids[i]));
  }
  return { ...(shaped.offsets ? { offsets: shaped.offsets } : {}), ids: shaped.ids, codePoints, xAdvances: shaped.xAdvances, widths };
}

/** A Latin word shaped with the font's default features: ligatures and kerning. */
function shapedRun(font: fontkit.Font, tables: GlyphTables, text: string): GlyphRun {
  tables.sync();
  const run = font.layout(text);
  const offsets = new Map(run.positions.flatMap((p, i) => (p.xOffset || p.yOffset ? [[i, [p.xOffset, p.yOffset] as const]] : [])));
  return {
    ...(offsets.size > 0 ? { offsets } : {}),
    ids: run.glyphs.map((g) => g.id),
    codePoints: run.glyphs.map((g) => tables.getGlyph(g.id, g.codePoints)),
    xAdvances: run.positions.map((p) => p.xAdvance),
    widths: run.glyphs.map((g) => tables.advance(g.id)),
  };
}

/**
 * The font as the PDF describes it. Its ascent and descent are the ideographic em box's: pdfkit
 * writes them into the PDF's font descriptor, where readers take them as every glyph's box. With
 * hhea's clipping extents (Termes 1.34 em, Noto 1.45 em) a Latin word's box stands taller and
 * lower than the 1-em boxes of the ideographs beside it, and text extraction and selection
 * cut the line apart. One em box for every face keeps a mixed line one line. Its post table is
 * the header alone where the glyph names were not read (fontkit would decode all of them, 231 KB
 * in LXGW WenKai, for the two fields a font descriptor takes from it).
 */
function embeddingView(font: fontkit.Font, emAscent: number, sparse: SparseFont): fontkit.Font {
  return Object.create(font, {
    ascent: { value: emAscent * font.unitsPerEm },
    descent: { value: (emAscent - 1) * font.unitsPerEm },
    ...(sparse.post ? { post: { value: sparse.post } } : {}),
    // fontkit patch: its subsetters copy the outlines sparse.ts read side by side.
    outlineBytes: { value: (id: number) => sparse.outline(id) },
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
