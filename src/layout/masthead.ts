import { BulletinError } from '../errors.js';
import type { Article } from '../markdown/types.js';
import type { LayoutContext } from './context.js';
import { placeLine, type Align } from './justify.js';
import { baselineInSlot, slotTop } from './paginate.js';
import { atBaseline, blockTag, measureRule, tagged } from './place.js';
import { round, toTextRuns } from './runs.js';
import { setBlock, type SetBlock } from './setblock.js';
import { shapeSpans, type InlineStyle } from './shape.js';
import type { Page, Span, TextItem } from './types.js';

/** Each article's contents entry, set: `★` + its contents text, clear of the page-number column when there is one. */
export function contentsEntries(articles: readonly Article[], ctx: LayoutContext): SetBlock[] {
  const { template } = ctx;
  const bullet = ctx.text('contents_bullet');
  const numberColumn = template.contents.pageNumbers ? template.contents.pageNumberColumn * ctx.style('contents_entry').size : 0;
  const narrower = { ...ctx, measure: ctx.measure - numberColumn };
  return articles.map((article) =>
    setBlock({ style: 'contents_entry', spans: [{ ...bullet, style: 'contents_entry' }, { ...article.toc, style: 'contents_entry' }], gapBefore: false }, narrower),
  );
}

/** Pages the masthead and contents take: page 1, and more when the list runs past it. */
export function frontPageCount(entries: readonly SetBlock[], ctx: LayoutContext): number {
  const { slots } = ctx.template.grid;
  let pages = 1;
  let slot = ctx.template.masthead.contentsFirstSlot + contentsHeading(ctx).lines.length;
  const lines = entries.reduce((n, entry) => n + entry.lines.length, 0);
  for (let i = 0; i < lines; i++) {
    if (slot + 1 > slots) [pages, slot] = [pages + 1, 0];
    slot += 1;
  }
  return pages;
}

/**
 * Page 1: masthead, issue line, red rule and the contents list (FORMAT.md §3); a list too long
 * for page 1 runs on over the next pages. Each entry links to its article's first page.
 */
export function frontPages(entries: readonly SetBlock[], articleStarts: readonly number[], ctx: LayoutContext): Page[] {
  const { template } = ctx;
  const { masthead, grid } = template;
  const text = ctx.text;
  const pages: Page[] = [{ number: 1, items: [], bookmarks: [] }];
  let page = pages[0];

  for (const line of masthead.lines) {
    const style: InlineStyle = { face: line.face, latin: line.face, size: line.size, color: template.colors[line.color], rise: 0 };
    const spans: Span[] = [{ ...text(line.text), style: 'masthead' }];
    page.items.push(...tagged(setSingleLine(spans, style, line.align, baselineInSlot(template, line.slot, line.size), ctx, line.tracking), blockTag('P', spans)));
  }

  const issueStyle: InlineStyle = { ...masthead.issueLine, color: template.colors[masthead.issueLine.color], rise: 0 };
  const inset = masthead.issueLine.inset * masthead.issueLine.size;
  const issueBaseline = baselineInSlot(template, masthead.issueLine.slot, masthead.issueLine.size);
  const between = { ...ctx, measure: ctx.measure - 2 * inset, left: ctx.left + inset };
  const issueLine: Span[] = [{ ...text('issue_line'), style: 'issue' }];
  const dateLine: Span[] = [{ ...text('date_line'), style: 'issue' }];
  if (naturalWidth(issueLine, issueStyle, ctx) + naturalWidth(dateLine, issueStyle, ctx) + masthead.issueLine.minGap * issueStyle.size > between.measure) {
    throw new BulletinError('the issue line and the date do not fit on one line', issueLine[0].pos, 'shorten issue_line or date_line in the texts');
  }
  page.items.push(
    ...tagged(setSingleLine(issueLine, issueStyle, 'left', issueBaseline, between), blockTag('P', issueLine)),
    ...tagged(setSingleLine(dateLine, issueStyle, 'right', issueBaseline, between), blockTag('P', dateLine)),
  );
  page.items.push(measureRule(ctx, slotTop(template, masthead.rule.slot), masthead.rule.width, template.colors[masthead.rule.color]));

  let slot = masthead.contentsFirstSlot;
  const heading = contentsHeading(ctx);
  const headingTag = blockTag('Caption', heading.block.spans, 'contents');
  for (const line of heading.lines) page.items.push(...atBaseline(line.items, baselineInSlot(template, slot++, line.size), headingTag));
  const entryStyle = ctx.style('contents_entry');
  entries.forEach((entry, i) => {
    const tag = blockTag('TOCI', entry.block.spans, 'contents');
    entry.lines.forEach((line, k) => {
      if (slot + 1 > grid.slots) {
        page = { number: pages.length + 1, items: [], bookmarks: [] };
        pages.push(page);
        slot = 0;
      }
      if (template.contents.links && articleStarts[i] !== undefined) {
        page.items.push({ kind: 'link', x: ctx.left, y: slotTop(template, slot), width: round(ctx.measure), height: grid.slotHeight, targetPage: articleStarts[i], block: tag });
      }
      if (template.contents.pageNumbers && k === entry.lines.length - 1 && articleStarts[i] !== undefined) {
        const number = { text: String(articleStarts[i] + 1), style: 'contents_entry', pos: entry.block.spans[1].pos };
        page.items.push(...setSingleLine([number], entryStyle, 'right', baselineInSlot(template, slot, entryStyle.size), ctx));
      }
      page.items.push(...atBaseline(line.items, baselineInSlot(template, slot++, line.size), tag));
    });
  });
  return pages;
}

/** Shape a one-line text; tracking widens every gap but the last, so a tracked line stays centred (GB/T 9704 masthead). */
function shapeOneLine(spans: Span[], style: InlineStyle, ctx: LayoutContext, tracking = 0) {
  const items = shapeSpans(spans, { ...ctx, style: () => style });
  if (tracking === 0) return items;
  // Copies: shaped items may be one measured piece shared by all its occurrences.
  return items.map((item, i) => (i < items.length - 1 ? { ...item, width: item.width + tracking * style.size } : item));
}

function itemsWidth(items: readonly { width: number; glueBefore: number }[]): number {
  return items.reduce((sum, item, i) => sum + item.width + (i > 0 ? item.glueBefore : 0), 0);
}

function naturalWidth(spans: Span[], style: InlineStyle, ctx: LayoutContext): number {
  return itemsWidth(shapeOneLine(spans, style, ctx));
}

function contentsHeading(ctx: LayoutContext): SetBlock {
  return setBlock({ style: 'contents_heading', spans: [{ ...ctx.text('contents_heading'), style: 'contents_heading' }], gapBefore: false }, ctx);
}

/** A one-line text set in an ad-hoc style (masthead lines, page numbers) on a baseline. */
export function setSingleLine(spans: Span[], style: InlineStyle, align: Align, baseline: number, ctx: LayoutContext, tracking = 0): TextItem[] {
  const items = shapeOneLine(spans, style, ctx, tracking);
  const natural = itemsWidth(items);
  if (natural > ctx.measure + 0.001) {
    throw new BulletinError(`“${spans.map((s) => s.text).join('')}” is wider than its line (${Math.round(natural)} pt, room for ${Math.round(ctx.measure)} pt)`, spans[0]?.pos, 'shorten the text, or make its size or tracking smaller in the template');
  }
  const placed = placeLine(items, { start: 0, end: items.length }, ctx.measure, align, true);
  return toTextRuns(items, placed, ctx.left, round(baseline));
}
