import { isSeveralCharacters } from './charclass.js';
import type { ShapedItem } from './shape.js';
import type { PlacedLine } from './justify.js';
import type { TextItem } from './types.js';

const TOLERANCE = 1e-4;

/** Display-list coordinates are kept to 1/1000 pt so that snapshots and PDF bytes are stable. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

interface OpenRun {
  run: TextItem;
  /** Where the last glyph's advance ends. */
  endX: number;
  multiGlyph: boolean;
  spacing?: number;
}

/**
 * Merge a placed line's items into as few text runs as the renderer can draw: glyphs in one
 * face, size and colour on one baseline whose gaps are all equal become one run, with that gap
 * as character spacing. Character spacing falls between every two glyphs, so a Latin word can
 * only join a run whose spacing is zero.
 */
export function toTextRuns(items: readonly ShapedItem[], line: PlacedLine, left: number, baseline: number): TextItem[] {
  const runs: OpenRun[] = [];
  line.xs.forEach((offset, k) => {
    const item = items[line.start + k];
    const x = left + offset + item.shift;
    const y = baseline - item.rise;
    const multiGlyph = isSeveralCharacters(item.text);
    const open = runs[runs.length - 1];
    if (open && fits(open, item, x, y, multiGlyph)) {
      open.spacing ??= x - open.endX;
      open.run.text += item.text;
      open.multiGlyph ||= multiGlyph;
      open.endX = x + item.advance;
    } else {
      const run: TextItem = { kind: 'text', face: item.face, size: item.size, x, y, text: item.text, charSpacing: 0, color: item.color };
      runs.push({ run, endX: x + item.advance, multiGlyph });
    }
  });
  return runs.map(({ run, spacing = 0 }) => ({ ...run, x: round(run.x), y: round(run.y), charSpacing: round(spacing) }));
}

function fits(open: OpenRun, item: ShapedItem, x: number, y: number, multiGlyph: boolean): boolean {
  const { run } = open;
  if (run.face !== item.face || run.size !== item.size || run.color !== item.color || Math.abs(run.y - y) > TOLERANCE) return false;
  const gap = x - open.endX;
  const spacing = open.spacing ?? gap;
  if (Math.abs(gap - spacing) > TOLERANCE) return false;
  return Math.abs(spacing) <= TOLERANCE || (!open.multiGlyph && !multiGlyph);
}
