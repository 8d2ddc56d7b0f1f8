import type { Align, Distribution } from '../manifest/types.js';
import type { LayoutContext } from './context.js';
import { baselineInSlot, slotTop } from './paginate.js';
import { atBaseline, blockTag, measureRule } from './place.js';
import { setBlock, type SetLine } from './setblock.js';
import type { Page } from './types.js';

/**
 * The distribution block (版记, GB/T 9704 §7.4) on the last slots of the last page: its lines,
 * then the print run, between thick rules above and below and thin rules between them. When
 * the last page has no room left, it goes on a page of its own.
 */
export function addDistribution(pages: Page[], slotsUsed: number, distribution: Distribution, ctx: LayoutContext, newPage: () => Page): void {
  const { template } = ctx;
  const { slots } = template.grid;
  const { ruleThick, ruleThin, printRunAlign } = template.distribution;
  const black = template.colors.black;
  const set = (line: Distribution['lines'][number], align = template.styles.distribution.align): SetLine[] => {
    const styles = { ...template.styles, distribution: { ...template.styles.distribution, align } };
    return setBlock({ style: 'distribution', spans: [{ ...line, style: 'distribution' }], gapBefore: false }, { ...ctx, template: { ...template, styles } }).lines;
  };
  const row = (line: Distribution['lines'][number], align?: Align) => ({ lines: set(line, align), tag: blockTag('P', [line]) });
  const rows = [...distribution.lines.map((line) => row(line)), ...(distribution.printRun ? [row(distribution.printRun, printRunAlign)] : [])];
  const needed = rows.reduce((n, { lines }) => n + lines.length, 0);
  const page = slotsUsed + needed <= slots ? pages[pages.length - 1] : newPage();
  let slot = slots - needed;
  const ruleAt = (s: number, width: number) => measureRule(ctx, slotTop(template, s), width, black);
  page.items.push(ruleAt(slot, ruleThick));
  rows.forEach(({ lines, tag }, i) => {
    if (i > 0) page.items.push(ruleAt(slot, ruleThin));
    for (const line of lines) page.items.push(...atBaseline(line.items, baselineInSlot(template, slot++, line.size), tag));
  });
  page.items.push(ruleAt(slot, ruleThick));
}
