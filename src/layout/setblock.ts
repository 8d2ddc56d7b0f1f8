import type { FlowBlock } from './blocks.js';
import type { LayoutContext } from './context.js';
import { breakParagraph } from './breakparagraph.js';
import type { BreakRules, LineSpan } from './linebreak.js';
import { placeLine } from './justify.js';
import { toTextRuns } from './runs.js';
import { hyphenAfter, shapeSpans, type ShapedItem } from './shape.js';
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

/** Shape → break lines, breaking a token only where a line needs it → justify, for one block on the template's measure. */
export function setBlock(block: FlowBlock, ctx: LayoutContext): SetBlock {
  const spec = ctx.template.styles[block.style];
  const indent = spec.indent * spec.size;
  const lineWidth = (line: number) => ctx.measure - (line === 0 ? indent : 0);
  const { latinMaxOverfill, latinOverfillPerGap, maxStretchPerGap, countHanLatinSpace } = ctx.template.typography;
  const rules: BreakRules = { maxOverfill: latinMaxOverfill * spec.size, overfillPerGap: latinOverfillPerGap * spec.size, maxStretchPerGap: maxStretchPerGap * spec.size, countHanLatinSpace };
  const { items, lines: spans } = breakParagraph(shapeSpans(block.spans, ctx), lineWidth, rules, ctx);
  const lines = spans.map((span, i) => {
    const line = span.hyphen ? withHyphen(items, span, ctx) : { items, span };
    const placed = placeLine(line.items, line.span, lineWidth(i), spec.align, i === spans.length - 1);
    const left = ctx.left + (i === 0 ? indent : 0);
    return { items: toTextRuns(line.items, placed, left, 0), size: largestSize(line.items, line.span, spec.size) };
  });
  return { block, lines };
}

/** The largest size of a line's characters, note markers left out, and at least the block's. */
function largestSize(items: readonly ShapedItem[], span: LineSpan, blockSize: number): number {
  let size = blockSize;
  for (let i = span.start; i < span.end; i++) if (items[i].cls !== 'marker' && items[i].size > size) size = items[i].size;
  return size;
}

/** A line broken inside a word, as items of its own ending with the hyphen drawn there. */
function withHyphen(items: readonly ShapedItem[], span: LineSpan, ctx: LayoutContext): { items: ShapedItem[]; span: LineSpan } {
  const onLine = items.slice(span.start, span.end);
  onLine.push(hyphenAfter(onLine[onLine.length - 1], ctx));
  return { items: onLine, span: { start: 0, end: onLine.length } };
}
