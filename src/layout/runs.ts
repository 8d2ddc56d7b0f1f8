import { isSeveralCharacters } from './charclass.js';
import type { ShapedItem } from './shape.js';
import type { PlacedLine } from './justify.js';
import type { TextItem } from './types.js';

const TOLERANCE = 1e-4;
const NEGATIVE_TOLERANCE = -TOLERANCE;
/**
 * The open run's pieces of text, joined once when the run closes: appending piece by piece
 * copies a string shorter than 13 characters whole at every step and chains the longer ones,
 * which the renderer flattens again. Reused and written by index: emptying an array (length 0)
 * drops its store, so that every run would grow a new one.
 */
const pieces: string[] = [];
let pieceCount = 0;

/** Display-list coordinates are kept to 1/1000 pt so that snapshots and PDF bytes are stable. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Merge a placed line's items into as few text runs as the renderer can draw: glyphs in one
 * face, size and colour on one baseline whose gaps are all equal become one run, with that gap
 * as character spacing. Character spacing falls between every two glyphs, so a Latin word can
 * only join a run whose spacing is zero.
 *
 * One pass keeping the open run in locals: to unoptimised code (bin/bulletin.js runs --no-opt)
 * every closure, temporary object and sum is a heap allocation, for every character of an issue.
 */
export function toTextRuns(items: readonly ShapedItem[], line: PlacedLine, left: number, baseline: number): TextItem[] {
  const runs: TextItem[] = [];
  const xs = line.xs;
  let open: ShapedItem | undefined;
  pieceCount = 0;
  /** From the line's left edge, as placeLine gives each item's place, not from the page's: a sum less an item. */
  let runX = 0;
  let runY = 0;
  /** Where the open run's last glyph's advance ends, from the line's left edge. */
  let endX = 0;
  let multiGlyph = false;
  /** The open run's gap between glyphs, once it has two. */
  let spacing: number | undefined;
  for (let k = 0; k < xs.length; k++) {
    const item = items[line.start + k];
    const x = item.shift === 0 ? xs[k] : xs[k] + item.shift;
    const y = item.rise === 0 ? baseline : baseline - item.rise;
    const several = isSeveralCharacters(item.text);
    if (open !== undefined && item.face === open.face && item.size === open.size && item.color === open.color && (y === runY || !beyondTolerance(runY - y))) {
      const gap = x - endX;
      // An equal gap is not subtracted: the difference would be a heap number, and it is 0.
      if ((spacing === undefined || gap === spacing || !beyondTolerance(gap - spacing)) && (!beyondTolerance(spacing ?? gap) || (!multiGlyph && !several))) {
        spacing ??= gap;
        pieces[pieceCount++] = item.text;
        multiGlyph ||= several;
        endX = x + item.advance;
        continue;
      }
    }
    if (open !== undefined) runs.push(textRun(open, left + runX, runY, joinPieces(), spacing));
    open = item;
    pieces[pieceCount++] = item.text;
    runX = x;
    runY = y;
    endX = x + item.advance;
    multiGlyph = several;
    spacing = undefined;
  }
  if (open !== undefined) runs.push(textRun(open, left + runX, runY, joinPieces(), spacing));
  return runs;
}

function joinPieces(): string {
  let text = pieces[0];
  if (pieceCount > 1) {
    pieces.length = pieceCount;
    text = pieces.join('');
  }
  pieceCount = 0;
  return text;
}

function beyondTolerance(difference: number): boolean {
  return difference > TOLERANCE || difference < NEGATIVE_TOLERANCE;
}

function textRun(first: ShapedItem, x: number, y: number, text: string, spacing = 0): TextItem {
  return { kind: 'text', face: first.face, size: first.size, x: round(x), y: round(y), text, charSpacing: round(spacing), color: first.color };
}
