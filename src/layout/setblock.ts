import type { FlowBlock } from './blocks.js';
import type { LayoutContext } from './context.js';
import { breakLines } from './linebreak.js';
import { placeLine } from './justify.js';
import { toTextRuns } from './runs.js';
import { shapeSpans, splitOverwideWords } from './shape.js';
import type { TextItem } from './types.js';

/** One line of a block, its runs positioned horizontally, on a baseline at y = 0. */
export interface SetLine {
  items: TextItem[];
  /** The largest size on the line, which places its baseline in the slot. */
  size: number;
}

export interface SetBlock {
  block: FlowBlock;
  lines: SetLine[];
}

/** Shape → break lines → justify, for one block on the template's measure. */
export function setBlock(block: FlowBlock, ctx: LayoutContext): SetBlock {
  const spec = ctx.template.styles[block.style];
  const indent = spec.indent * spec.size;
  const items = splitOverwideWords(shapeSpans(block.spans, ctx), ctx.measure - indent, ctx.fonts);
  const lineWidth = (line: number) => ctx.measure - (line === 0 ? indent : 0);
  const { latinMaxOverfill, latinOverfillPerGap } = ctx.template.typography;
  const spans = breakLines(items, lineWidth, latinMaxOverfill * spec.size, latinOverfillPerGap * spec.size);
  const lines = spans.map((span, i) => {
    const placed = placeLine(items, span, lineWidth(i), spec.align, i === spans.length - 1);
    const left = ctx.left + (i === 0 ? indent : 0);
    const size = Math.max(spec.size, ...items.slice(span.start, span.end).filter((it) => it.cls !== 'marker').map((it) => it.size));
    return { items: toTextRuns(items, placed, left, 0), size };
  });
  return { block, lines };
}
