import type { Template } from '../manifest/types.js';
import type { SetBlock, SetLine } from './setblock.js';
import type { FlowBlock } from './blocks.js';
import { atBaseline, moveOntoBaseline } from './place.js';
import { round } from './runs.js';
import type { Page } from './types.js';

export interface Paginated {
  pages: Page[];
  /** Page index (0-based) where each article's first line falls. */
  articleStarts: number[];
  /** Slots used on the last page. */
  slotsUsed: number;
}

/** Baseline of a line in slot `slot` (may be fractional): the em box is centred in the slot. */
export function baselineInSlot(template: Template, slot: number, size: number): number {
  const { marginTop } = template.page;
  const { slotHeight, emAscent } = template.grid;
  return marginTop + slot * slotHeight + slotHeight / 2 + (emAscent - 0.5) * size;
}

/** Top of slot `slot`, from the top of the page. */
export function slotTop(template: Template, slot: number): number {
  return round(template.page.marginTop + slot * template.grid.slotHeight);
}

/**
 * Lay blocks onto pages of slots, one slot a line, with the template's empty slots between
 * blocks (a style may set its own), dropped at a page top. A style with keep_with_next goes to
 * the next page rather than end one without the first line of what follows; xinxi-jijin's
 * styles leave it off, as the print does (FORMAT.md §1). With article_starts_page each article's
 * title opens a page, as the print's articles do (FORMAT.md §1). The lines' items are moved onto
 * the pages, unless `keepLines` (lines kept to be placed again by a later build: watch).
 */
export function paginate(blocks: readonly SetBlock[], template: Template, firstPageNumber: number, keepLines = false): Paginated {
  const { slots, blockGap, articleStartsPage } = template.grid;
  const gapBefore = (b: SetBlock) => (b.block.gapBefore ? (template.styles[b.block.style].spaceBefore ?? blockGap) : 0);
  const keeps = (b: SetBlock) => template.styles[b.block.style].keepWithNext;
  /** Slots from block i's first line through the first line of the first block after it that keeps nothing. */
  const keptRun = (i: number): number => {
    let need = blocks[i].lines.length;
    let j = i;
    while (keeps(blocks[j]) && j + 1 < blocks.length) {
      j++;
      need += gapBefore(blocks[j]) + (keeps(blocks[j]) ? blocks[j].lines.length : 1);
    }
    return need;
  };
  const pages: Page[] = [];
  const articleStarts: number[] = [];
  let page = newPage();
  let slot = 0;

  function newPage(): Page {
    const fresh: Page = { number: firstPageNumber + pages.length, items: [], bookmarks: [] };
    pages.push(fresh);
    return fresh;
  }
  function place(line: SetLine, block: FlowBlock): void {
    if (slot >= slots) {
      page = newPage();
      slot = 0;
    }
    const baseline = baselineInSlot(template, slot, line.size);
    if (keepLines) page.items.push(...atBaseline(line.items, baseline, block.tag));
    else moveOntoBaseline(line.items, baseline, block.tag, page.items);
    slot += 1;
  }

  blocks.forEach((set, i) => {
    const { block, lines } = set;
    if (slot > 0) slot += gapBefore(set);
    const need = keeps(set) ? keptRun(i) : 0;
    const opensPage = articleStartsPage && block.opensArticle !== undefined;
    if (slot >= slots || (slot > 0 && (opensPage || (need <= slots && slot + need > slots)))) {
      page = newPage();
      slot = 0;
    }
    if (block.bookmark) page.bookmarks.push({ ...block.bookmark, top: slotTop(template, slot) });
    if (block.opensArticle !== undefined) articleStarts[block.opensArticle] = pages.length - 1;
    lines.forEach((line) => place(line, block));
  });
  return { pages, articleStarts, slotsUsed: slot };
}
