import type { Item } from '../layout/types.js';
import type { DrawableFace, PdfkitEmbeddedFont } from './glyphs.js';

/**
 * The pages of the last render (watch), to draw a page again from: its content stream's bytes,
 * and what those bytes depended on.
 */
export interface PageCache {
  last?: RenderedPages;
}

interface RenderedPages {
  /** The render options and faces the pages were drawn with. */
  readonly setting: Setting;
  readonly pages: readonly DrawnPage[];
  /** Each font's subset when the last page was drawn, by face id. */
  readonly fonts: ReadonlyMap<string, PlacedGlyphs>;
}

/** A font's subset glyphs (ids in subset order) and, by subset id, their widths and characters. */
interface PlacedGlyphs {
  readonly glyphs: readonly number[];
  readonly widths: readonly (number | undefined)[];
  readonly unicode: readonly (readonly number[] | undefined)[];
}

interface Setting {
  readonly key: string;
  readonly faces: ReadonlyMap<string, DrawableFace>;
}

/** A page as drawn, and the state of the document when its drawing began. */
interface DrawnPage {
  readonly items: readonly Item[];
  /** Faces in the order pdfkit first used them (pdfkit names fonts F1, F2… in that order), joined. */
  readonly fontsOpened: string;
  /** How many glyphs each font's subset held, by face id. */
  readonly subsetSizes: ReadonlyMap<string, number>;
  readonly openBlocks: string;
  readonly content: Uint8Array;
}

/**
 * pdfkit's content stream of a page (a PDFReference of the exactly pinned pdfkit 0.20.2, as
 * patched): the strings written to it, made bytes when the page is flushed. test/watch.test.ts
 * fails when this changes (a rebuild's bytes against a fresh render's).
 */
interface PdfkitContent {
  buffer: (string | Uint8Array)[];
  uncompressedLength: number;
  data: { Length?: number };
}

/**
 * One render's pages, checked against and recorded for the last render. A page's content
 * stream is a function of its items, the blocks open from earlier pages (how far their text was
 * drawn), the names pdfkit gave the fonts and the subset ids of the glyphs drawn; the last two
 * follow from the order in which fonts and glyphs were first drawn. So a page whose items equal
 * the last render's, begun with the same fonts opened, the same open blocks and each font's subset
 * holding the same glyphs as then, has the same content: its bytes are taken, and only what
 * drawing does besides (structure tree, links, glyphs entering the subsets) is done again.
 */
export function pageRecorder(cache: PageCache, settingKey: string, faces: ReadonlyMap<string, DrawableFace>) {
  const setting: Setting = { key: settingKey, faces };
  const last = cache.last && sameSetting(cache.last.setting, setting) ? cache.last : undefined;
  const pages: DrawnPage[] = [];
  /** pdfkit's font of each face, in the order the faces were first drawn. */
  const fonts = new Map<string, PdfkitEmbeddedFont>();
  /** By face: how many leading glyphs of its subset are known to equal the last render's; -1 once one does not. */
  const agreed = new Map<string, number>();
  const known = new WeakMap<object, unknown>();
  let start: Omit<DrawnPage, 'content'> | undefined;

  const subsetsAgree = (sizes: ReadonlyMap<string, number>): boolean => {
    for (const [id, font] of fonts) {
      const glyphs = font.subset.glyphs;
      if (sizes.get(id) !== glyphs.length) return false;
      const before = last!.fonts.get(id)?.glyphs ?? [];
      let k = agreed.get(id) ?? 0;
      if (k < 0) return false;
      for (; k < glyphs.length; k++) {
        if (glyphs[k] !== before[k]) {
          agreed.set(id, -1);
          return false;
        }
      }
      agreed.set(id, k);
    }
    return true;
  };

  return {
    /** A face is first drawn: pdfkit's font for it is opened. */
    fontOpened(id: string, font: PdfkitEmbeddedFont): void {
      fonts.set(id, font);
    },
    /** A page begins: the content the last render drew for it, when this page's will be the same. */
    begin(index: number, items: readonly Item[], openBlocks: string): Uint8Array | undefined {
      start = { items, openBlocks, fontsOpened: [...fonts.keys()].join(' '), subsetSizes: new Map([...fonts].map(([id, font]) => [id, font.subset.glyphs.length])) };
      const before = last?.pages[index];
      if (!before || before.fontsOpened !== start.fontsOpened || before.openBlocks !== openBlocks) return undefined;
      return subsetsAgree(before.subsetSizes) && sameItems(before.items, items, known) ? before.content : undefined;
    },
    /**
     * The page is drawn: its content stream becomes `reused`, or what was written to it, as bytes.
     * A reused page's glyphs enter the fonts as drawing them did in the last render: its items
     * and the subsets before it being the same, they are the ones the last render added there.
     */
    end(pdf: PDFKit.PDFDocument, index: number, reused: Uint8Array | undefined): void {
      if (reused) {
        const upTo = last!.pages[index + 1]?.subsetSizes;
        for (const [id, font] of fonts) {
          const before = last!.fonts.get(id)!;
          const end = upTo ? upTo.get(id)! : before.glyphs.length;
          for (let k = font.subset.glyphs.length; k < end; k++) {
            const gid = font.subset.includeGlyph(before.glyphs[k]);
            font.widths[gid] ??= before.widths[gid];
            font.unicode[gid] ??= before.unicode[gid];
          }
        }
      }
      const { content } = (pdf as unknown as { page: { content: PdfkitContent } }).page;
      const bytes = reused ?? Buffer.concat(content.buffer.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk)));
      content.buffer = [bytes];
      content.uncompressedLength = bytes.length;
      content.data.Length = bytes.length;
      pages.push({ ...start!, content: bytes });
    },
    /** Every page is drawn: keep them for the next render. */
    finish(): void {
      const placed = ([id, font]: [string, PdfkitEmbeddedFont]): [string, PlacedGlyphs] => [id, { glyphs: [...font.subset.glyphs], widths: [...font.widths], unicode: [...font.unicode] }];
      cache.last = { setting, pages, fonts: new Map([...fonts].map(placed)) };
    },
  };
}

function sameSetting(a: Setting, b: Setting): boolean {
  return a.key === b.key && a.faces.size === b.faces.size && [...a.faces].every(([id, face]) => b.faces.get(id) === face);
}

/**
 * Whether two plain data values (display list items) are equal, field by field. `known`: objects
 * found equal before, each to its counterpart, so that a block tag shared by a block's runs is
 * compared once.
 */
export function sameValue(a: unknown, b: unknown, known?: WeakMap<object, unknown>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], known)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (known?.get(a) === b) return true;
  if (!sameFields(a, b, known)) return false;
  known?.set(a, b);
  return true;
}

/** Whether two objects have the same fields with the same values (sameValue). */
function sameFields(a: object, b: object, known?: WeakMap<object, unknown>): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let fields = 0;
  for (const key in x) {
    const v = x[key];
    const w = y[key];
    // Primitives compare here: most fields are numbers and strings.
    if (v !== w && (typeof v !== 'object' || !sameValue(v, w, known))) return false;
    if (w === undefined && !(key in y)) return false;
    fields++;
  }
  for (const _key in y) fields--;
  return fields === 0;
}

/** Whether two pages' items are the same (sameValue), the items themselves not remembered in `known`. */
function sameItems(a: readonly Item[], b: readonly Item[], known: WeakMap<object, unknown>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameFields(a[i], b[i], known)) return false;
  return true;
}
