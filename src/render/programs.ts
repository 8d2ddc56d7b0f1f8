import type { LaidOutDocument } from '../layout/types.js';
import { threadPoolDeflater } from './deflater.js';
import { eachPiece, type DrawableFace } from './glyphs.js';
import { encodingThrough, sameGlyphs, type EncodedSubset, type Subset } from './subsets.js';

/**
 * Each face's glyphs in the order drawing them first enters them in the face's subset: .notdef
 * (fontkit's Subset starts with it), then pages, text items and their pieces in order, walked as
 * glyphs.ts draws them (eachPiece; structure.ts draws a page's text items in their order).
 */
export function subsetOrders(doc: LaidOutDocument, faces: ReadonlyMap<string, Pick<DrawableFace, 'glyphs'>>): Map<string, number[]> {
  const orders = new Map<string, { glyphs: number[]; seen: Set<number>; pieces: Map<number | string, true> }>();
  const walked: true[] = [];
  for (let p = 0; p < doc.pages.length; p++) {
    const items = doc.pages[p].items;
    for (let t = 0; t < items.length; t++) {
      const item = items[t];
      if (item.kind !== 'text') continue;
      let order = orders.get(item.face);
      if (order === undefined) {
        order = { glyphs: [0], seen: new Set([0]), pieces: new Map() };
        orders.set(item.face, order);
      }
      const { glyphs, seen } = order;
      const face = faces.get(item.face)!;
      eachPiece(item.text, order.pieces, (piece) => {
        const { ids } = face.glyphs(piece);
        for (let g = 0; g < ids.length; g++) {
          if (seen.has(ids[g])) continue;
          seen.add(ids[g]);
          glyphs.push(ids[g]);
        }
        return true;
      }, walked);
    }
  }
  return new Map([...orders].map(([face, order]) => [face, order.glyphs]));
}

/** Font programs encoded before the pages are drawn, and deflated meanwhile off the main thread. */
export interface FontPrograms {
  /** The face's font as pdfkit should embed it: a subset of the glyphs foreseen takes the prepared program. */
  embeddable(face: DrawableFace): object;
  /** pdfkit's deflate for every stream: a prepared program's deflated bytes, else `otherwise`'s. */
  deflate(bytes: Uint8Array, otherwise: (bytes: Uint8Array) => Uint8Array): Uint8Array;
  /** Settles when every prepared program is deflated (or failed to be, and will be deflated when written). */
  readonly deflated: Promise<void>;
}

/**
 * Encode each face's subset as drawing the document will make it (see subsetOrders), and start
 * deflating it on libuv's thread pool: the font programs are most of a PDF's deflating (issue
 * 218: 0.87 MB of 1.22 MB; ≈0.12 G of a build's ≈3.1 G instructions), which then happens while
 * the pages are drawn. zlib's stream is the same whichever thread makes it (same level, window,
 * memory level and strategy: Node's defaults, as pdfkit's deflateSync). The programs go through
 * one zlib state, one after another (threadPoolDeflater): a state each, as zlib.deflate made,
 * cost issue 218 ≈430 page faults and 1.7 MB of RSS (faults.sh), and its five programs still
 * finish before the last page is drawn, each started at a betweenPages turn. pdfkit still writes each
 * program where and when it embeds the font; a subset that does not hold the glyphs foreseen
 * (another painter drew the text) is encoded and deflated then, as without this.
 */
export function prepareFontPrograms(doc: LaidOutDocument, faces: ReadonlyMap<string, DrawableFace>): FontPrograms {
  const programs = new Map<object, EncodedSubset>();
  const deflated = new WeakMap<Uint8Array, Uint8Array>();
  const pending: Promise<void>[] = [];
  const deflate = threadPoolDeflater();
  // The largest subset first, so that its deflating overlaps the encoding of the others too.
  const orders = [...subsetOrders(doc, faces)].sort((a, b) => b[1].length - a[1].length);
  for (const [id, glyphs] of orders) {
    const face = faces.get(id)!;
    face.readOutlines();
    const subset = (face.embeddable as { createSubset(): Subset }).createSubset();
    for (const glyph of glyphs) subset.includeGlyph(glyph);
    const bytes = subset.encode();
    programs.set(face.embeddable, { glyphs, bytes });
    pending.push(
      deflate(bytes).then(
        (out) => void deflated.set(bytes, out),
        () => {},
      ),
    );
  }
  return {
    embeddable: (face) => {
      const program = programs.get(face.embeddable);
      if (!program) return face.embeddable;
      return encodingThrough(face.embeddable, (subset) => (sameGlyphs(subset.glyphs, program.glyphs) ? program.bytes : subset.encode()));
    },
    deflate: (bytes, otherwise) => deflated.get(bytes) ?? otherwise(bytes),
    deflated: Promise.all(pending).then(() => {}),
  };
}
