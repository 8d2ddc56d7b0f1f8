import type { LayoutContext } from './context.js';
import { fill } from './context.js';
import { setSingleLine } from './masthead.js';
import type { Page } from './types.js';

/**
 * `— n —` below the text block, on the outer side: right on odd pages, left on even ones,
 * inset from the text block's edge (GB/T 9704 §7.5).
 */
export function addPageNumbers(pages: Page[], ctx: LayoutContext): void {
  const { template } = ctx;
  const { pageNumber, grid, page } = template;
  const style = ctx.style('page_number');
  const baseline = page.marginTop + grid.slots * grid.slotHeight + pageNumber.belowTextBlock + grid.emAscent * style.size;
  const inset = pageNumber.outerInset * style.size;
  const inner = { ...ctx, measure: ctx.measure - 2 * inset, left: ctx.left + inset };
  const folio = ctx.text('page_number');
  for (const p of pages) {
    if (p.number === 1 && !pageNumber.firstPage) continue;
    p.items.push(...setSingleLine([{ ...folio, text: fill(folio.text, { page: p.number }), style: 'page_number' }], style, p.number % 2 === 1 ? 'right' : 'left', baseline, inner));
  }
}
