import type { Template } from '../manifest/types.js';
import type { SetBlock, SetLine } from './setblock.js';
import { round } from './runs.js';
import type { Page } from './types.js';

export interface Paginated {
  pages: Page[];
  /** Page index (0-based) where each article's first line falls. */
  articleStarts: number[];
}

/** Baseline of a line in slot `slot` (may be fractional): the em box is centred in the slot. */
export function baselineInSlot(template: Template, slot: number, size: number): number {
  const { marginTop } = template.page;
  const { slotHeight, emAscent } = template.grid;
  return marginTop + slot * slotHeight + slotHeight / 2 + (emAscent - 0.5) * size;
}

/**
 * Lay blocks onto pages of slots, one slot a line, with the template's empty slots between
 * blocks, dropped at a page top. No widow or orphan control: the print has none (FORMAT.md §1).
 */
export function paginate(blocks: readonly SetBlock[], template: Template, firstPageNumber: number): Paginated {
  const { slots, blockGap } = template.grid;
  const pages: Page[] = [];
  const articleStarts: number[] = [];
  let page = newPage();
  let slot = 0;

  function newPage(): Page {
    const fresh: Page = { number: firstPageNumber + pages.length, items: [], bookmarks: [] };
    pages.push(fresh);
    return fresh;
  }
  function place(line: SetLine): void {
    if (slot >= slots) {
      page = newPage();
      slot = 0;
    }
    const baseline = round(baselineInSlot(template, slot, line.size));
    page.items.push(...line.items.map((item) => ({ ...item, y: round(item.y + baseline) })));
    slot += 1;
  }

  for (const { block, lines } of blocks) {
    if (block.gapBefore && slot > 0) slot += blockGap;
    if (slot >= slots) {
      page = newPage();
      slot = 0;
    }
    if (block.bookmark) page.bookmarks.push(block.bookmark);
    if (block.opensArticle !== undefined) articleStarts[block.opensArticle] = pages.length - 1;
    lines.forEach(place);
  }
  return { pages, articleStarts };
}
