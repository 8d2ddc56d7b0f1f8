import type { Color } from '../manifest/types.js';
import type { LayoutContext } from './context.js';
import { round } from './runs.js';
import type { BlockTag, Item, RuleItem, TextItem } from './types.js';

/** Items set on a baseline at y = 0, moved onto `baseline`, and marked as the runs of `tag`'s block when it is given. */
export function atBaseline<T extends { y: number }>(items: readonly T[], baseline: number, tag?: BlockTag): T[] {
  const moved: T[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const y = round(item.y + baseline);
    moved.push(tag ? { ...item, y, block: tag } : { ...item, y });
  }
  return moved;
}

/**
 * Items set on a baseline at y = 0, moved themselves onto `baseline`, marked as the runs of
 * `tag`'s block, and added to `onto`: for lines no one keeps, where a copy (atBaseline) would
 * leave the originals, alive through the whole issue's setting and so promoted, to die at once.
 */
export function moveOntoBaseline(items: readonly TextItem[], baseline: number, tag: BlockTag | undefined, onto: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    item.y = round(item.y + baseline);
    if (tag) item.block = tag;
    onto.push(item);
  }
}

/** A horizontal rule across the whole measure. */
export function measureRule(ctx: LayoutContext, y: number, width: number, color: Color): RuleItem {
  const at = round(y);
  return { kind: 'rule', x1: ctx.left, y1: at, x2: round(ctx.left + ctx.measure), y2: at, width, color };
}

/** A block's tag: its role and the text of its spans. */
export function blockTag(role: BlockTag['role'], spans: readonly { text: string }[], part?: BlockTag['part']): BlockTag {
  return { role, text: spans.map((s) => s.text).join(''), ...(part === undefined ? {} : { part }) };
}

/** Items marked as the runs of one block. */
export function tagged<T extends object>(items: readonly T[], tag: BlockTag | undefined): T[] {
  return tag ? items.map((item) => ({ ...item, block: tag })) : [...items];
}
