import { BulletinError } from '../errors.js';
import type { Issue } from '../manifest/types.js';
import type { Article } from '../markdown/types.js';
import type { LayoutContext } from './context.js';
import { fill } from './context.js';
import { placeLine, type Align } from './justify.js';
import { baselineInSlot } from './paginate.js';
import { atBaseline, measureRule } from './place.js';
import { round, toTextRuns } from './runs.js';
import { setBlock } from './setblock.js';
import { shapeSpans, type InlineStyle } from './shape.js';
import type { Item, Page, Span } from './types.js';

/** Values the template's texts may name: {year} {number} {total} {month} {day}. */
export function issueValues(issue: Issue): Record<string, string | number> {
  return { year: issue.year, number: issue.number, total: issue.total, month: issue.date.month, day: issue.date.day };
}

/** Page 1: masthead, issue line, red rule, and the contents list (FORMAT.md §3). */
export function mastheadPage(issue: Issue, articles: readonly Article[], articleStarts: readonly number[], ctx: LayoutContext): Page {
  const { template } = ctx;
  const { masthead } = template;
  const values = issueValues(issue);
  const text = (name: string) => {
    const located = ctx.text(name);
    return { ...located, text: fill(located.text, values) };
  };
  const items: Item[] = [];

  for (const line of masthead.lines) {
    const style: InlineStyle = { face: line.face, latin: line.face, size: line.size, color: template.colors[line.color], rise: 0 };
    const baseline = baselineInSlot(template, line.slot, line.size);
    items.push(...setSingleLine([{ ...text(line.text), style: 'masthead' }], style, line.align, baseline, ctx, line.tracking));
  }

  const issueStyle: InlineStyle = { ...masthead.issueLine, color: template.colors[masthead.issueLine.color], rise: 0 };
  const inset = masthead.issueLine.inset * masthead.issueLine.size;
  const narrower = { ...ctx, measure: ctx.measure - 2 * inset, left: ctx.left + inset };
  const issueBaseline = baselineInSlot(template, masthead.issueLine.slot, masthead.issueLine.size);
  items.push(...setSingleLine([{ ...text('issue_line'), style: 'issue' }], issueStyle, 'left', issueBaseline, narrower));
  items.push(...setSingleLine([{ ...text('date_line'), style: 'issue' }], issueStyle, 'right', issueBaseline, narrower));

  items.push(measureRule(ctx, template.page.marginTop + masthead.rule.slot * template.grid.slotHeight, masthead.rule.width, template.colors[masthead.rule.color]));

  let slot = masthead.contentsFirstSlot;
  const heading = setBlock({ style: 'contents_heading', spans: [{ ...text('contents_heading'), style: 'contents_heading' }], gapBefore: false }, ctx);
  for (const line of heading.lines) items.push(...atBaseline(line.items, baselineInSlot(template, slot++, line.size)));
  const entryStyle = ctx.style('contents_entry');
  // With page numbers, an entry's text keeps clear of a right-hand column as wide as the widest number and an em.
  const numberWidth = template.contents.pageNumbers ? (String(articleStarts.length ? Math.max(...articleStarts) + 1 : 1).length / 2 + 1) * entryStyle.size : 0;
  const entryCtx = { ...ctx, measure: ctx.measure - numberWidth };
  articles.forEach((article, i) => {
    const entry = setBlock({ style: 'contents_entry', spans: [{ ...text('contents_bullet'), style: 'contents_entry' }, { text: article.toc.text, style: 'contents_entry', pos: article.toc.pos }], gapBefore: false }, entryCtx);
    entry.lines.forEach((line, k) => {
      if (template.contents.links && articleStarts[i] !== undefined) {
        const top = template.page.marginTop + slot * template.grid.slotHeight;
        items.push({ kind: 'link', x: ctx.left, y: round(top), width: round(ctx.measure), height: template.grid.slotHeight, targetPage: articleStarts[i] });
      }
      if (template.contents.pageNumbers && k === entry.lines.length - 1 && articleStarts[i] !== undefined) {
        const baseline = baselineInSlot(template, slot, entryStyle.size);
        items.push(...setSingleLine([{ text: String(articleStarts[i] + 1), style: 'contents_entry', pos: article.toc.pos }], entryStyle, 'right', baseline, ctx));
      }
      if (slot >= template.grid.slots) {
        throw new BulletinError(`the contents list does not fit on page 1: “${article.toc.text}” falls below the text block`, article.toc.pos, 'shorten the contents texts (toc: in the front matter) or list fewer articles');
      }
      items.push(...atBaseline(line.items, baselineInSlot(template, slot++, line.size)));
    });
  });
  return { number: 1, items, bookmarks: [] };
}

/** A one-line text set in an ad-hoc style (masthead lines, page numbers) on a baseline. */
export function setSingleLine(spans: Span[], style: InlineStyle, align: Align, baseline: number, ctx: LayoutContext, tracking = 0): Item[] {
  const local = { ...ctx, style: () => style };
  const items = shapeSpans(spans, local);
  // Tracking widens every gap but the last, so a tracked line stays centred (GB/T 9704 masthead).
  items.forEach((item, i) => {
    if (i < items.length - 1) item.width += tracking * style.size;
  });
  const placed = placeLine(items, { start: 0, end: items.length }, ctx.measure, align, true);
  return toTextRuns(items, placed, ctx.left, round(baseline));
}
