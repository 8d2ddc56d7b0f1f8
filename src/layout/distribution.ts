import type { Distribution } from '../manifest/types.js';
import type { LayoutContext } from './context.js';
import { baselineInSlot } from './paginate.js';
import { round } from './runs.js';
import { setBlock } from './setblock.js';
import type { Item, Page } from './types.js';

const THICK = 1;
const THIN = 0.5;

/**
 * The distribution block (版记, GB/T 9704 §7.4) on the last slots of the last page: its lines,
 * then the print run flush right, between a thick rule above and below and thin rules between
 * them. When the last page has no room left, it goes on a page of its own.
 */
export function addDistribution(pages: Page[], slotsUsed: number, distribution: Distribution, ctx: LayoutContext, newPage: () => Page): void {
  const { template } = ctx;
  const { slots, slotHeight } = template.grid;
  const at = { file: template.file };
  const rows = [
    ...distribution.lines.map((text) => setBlock({ style: 'distribution', spans: [{ text, style: 'distribution', pos: at }], gapBefore: false }, ctx).lines),
    ...(distribution.printRun ? [setBlock({ style: 'distribution', spans: [{ text: distribution.printRun, style: 'distribution', pos: at }], gapBefore: false }, { ...ctx, template: { ...template, styles: { ...template.styles, distribution: { ...template.styles.distribution, align: 'right', indent: 0 } } } }).lines] : []),
  ];
  const needed = rows.reduce((n, lines) => n + lines.length, 0);
  const page = slotsUsed + needed <= slots ? pages[pages.length - 1] : newPage();
  let slot = slots - needed;
  const rule = (s: number, width: number): Item => {
    const y = round(template.page.marginTop + s * slotHeight);
    return { kind: 'rule', x1: ctx.left, y1: y, x2: round(ctx.left + ctx.measure), y2: y, width, color: template.colors.black };
  };
  page.items.push(rule(slot, THICK));
  rows.forEach((lines, i) => {
    if (i > 0) page.items.push(rule(slot, THIN));
    for (const line of lines) {
      const baseline = baselineInSlot(template, slot++, line.size);
      page.items.push(...line.items.map((item) => ({ ...item, y: round(item.y + baseline) })));
    }
  });
  page.items.push(rule(slot, THICK));
}
