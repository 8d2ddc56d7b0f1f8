import type { LaidOutDocument } from '../src/layout/types.js';
import type { Template } from '../src/manifest/types.js';

/**
 * A page break seen as the text on either side of it: the last characters before and the first
 * after, whitespace, carets and note numbers removed (the seed writes a note reference `^①`; the
 * display list sets it as a separate small item).
 */
export interface Seam {
  before: string;
  after: string;
}

const CONTEXT = 10;
const normalize = (s: string) => s.replace(/[\s^\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/g, '');

/** Where a page break cut a paragraph: its index among the blocks and the characters before the cut. */
export type Cut = `${number}:${number}`;

/**
 * The places where page breaks cut a paragraph of `paragraphs` (the blocks, as text):
 * seams whose text before the break reads on inside one paragraph into the text after it, up to
 * where either ends. A seam between two paragraphs is no cut.
 */
export function cutsInside(seams: readonly Seam[], paragraphs: readonly string[]): Cut[] {
  const texts = paragraphs.map(normalize);
  return seams.flatMap(({ before, after }) => {
    if (!before || !after) return [];
    for (const [index, text] of texts.entries()) {
      for (let at = text.indexOf(before); at >= 0; at = text.indexOf(before, at + 1)) {
        const rest = text.slice(at + before.length);
        if (rest && (rest.startsWith(after) || after.startsWith(rest))) return [`${index}:${at + before.length}` as Cut];
      }
    }
    return [];
  });
}

/** The seams between consecutive paragraphs of the seed text (blank-line separated). */
export function seedSeams(seed: string): Seam[] {
  const paragraphs = seed.split(/\n\s*\n/).map(normalize).filter(Boolean);
  return paragraphs.slice(1).map((next, i) => ({ before: paragraphs[i].slice(-CONTEXT), after: next.slice(0, CONTEXT) }));
}

/** The seams between consecutive pages of a laid-out document: the last line of the text block and the next page's first. */
export function pageSeams(doc: LaidOutDocument, template: Template): Seam[] {
  const { marginTop } = template.page;
  const { slotHeight, slots } = template.grid;
  const pageText = doc.pages.map((page) => {
    const bySlot = new Map<number, { x: number; text: string }[]>();
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      const slot = Math.floor((item.y - marginTop) / slotHeight);
      // Note markers are set small and raised; the seed has them as ^①, removed on both sides.
      if (slot < 0 || slot >= slots || item.size < 12) continue;
      bySlot.set(slot, [...(bySlot.get(slot) ?? []), { x: item.x, text: item.text }]);
    }
    return [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([, runs]) => runs.sort((a, b) => a.x - b.x).map((r) => r.text).join('')).join('');
  });
  return pageText.slice(1).map((next, i) => ({ before: normalize(pageText[i]).slice(-CONTEXT), after: normalize(next).slice(0, CONTEXT) }));
}
